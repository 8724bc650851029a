/**
 * `certstatus serve` as a child process on 127.0.0.1 and a free port: waits for its "listening" line,
 * keeps what it printed (pino JSON lines), and can be killed hard or asked to stop.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { buildCli } from './build';

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** Every stdout line so far. */
  stdout: string[];
  stderr(): string;
  /** Pino's JSON lines, parsed. */
  logs(): Record<string, unknown>[];
  /** Resolves when a JSON log line matching `predicate` has been read (pipes lag behind HTTP). */
  waitForLog(predicate: (line: Record<string, unknown>) => boolean, description: string, timeoutMs?: number): Promise<void>;
  /** Resolves with the exit code and signal once the process ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export async function startServerProcess(env: Record<string, string>, timeoutMs = 15_000): Promise<ServerProcess> {
  const bin = buildCli();
  const child = spawn(process.execPath, [bin, 'serve', '--port', '0', '--host', '127.0.0.1', '--no-env-file'], {
    // Only what the test sets (plus PATH): no developer secrets or REDIS_URL leak in from the environment
    // (nor from a developer's .env: --no-env-file).
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stdout: string[] = [];
  let stderr = '';
  let partial = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    // 'close', not 'exit': by then everything it printed has been read.
    child.once('close', (code, signal) => resolve({ code, signal }));
  });
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start within ${timeoutMs} ms; stderr: ${stderr}`)), timeoutMs);
    child.stdout!.on('data', (chunk) => {
      partial += chunk;
      const lines = partial.split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) {
        stdout.push(line);
        // stdout is JSON log lines only; the start-up line has the URL.
        const listening = /^\{.*"msg":"certstatus listening on (http:\/\/[^"\s]+)"/.exec(line);
        if (listening) {
          clearTimeout(timer);
          resolve(listening[1]!);
        }
      }
    });
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`serve exited (code ${code}, signal ${signal}) before listening; stderr: ${stderr}`));
    });
  });
  const logs = () => stdout.filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as Record<string, unknown>);
  async function waitForLog(predicate: (line: Record<string, unknown>) => boolean, description: string, waitMs = 5000) {
    const deadline = Date.now() + waitMs;
    while (!logs().some(predicate)) {
      if (Date.now() > deadline) throw new Error(`no log line ${description}; got: ${stdout.join('\n')}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
  return { url, child, stdout, stderr: () => stderr, logs, waitForLog, exited };
}
