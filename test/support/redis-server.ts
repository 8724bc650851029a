/**
 * A real redis-server for tests: spawned on 127.0.0.1 at a free port, without persistence, stopped by the
 * test. When redis-server is not installed, `redisServerMissing()` says why so suites can skip LOUDLY.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createConnection, createServer } from 'node:net';

export interface RunningRedis {
  host: string;
  port: number;
  /** redis://127.0.0.1:PORT */
  url: string;
  process: ChildProcess;
  /** SIGTERM, then SIGKILL if it has not exited after 3 s. */
  stop(): Promise<void>;
}

const HOST = '127.0.0.1';
const BINARY = process.env.REDIS_SERVER_BIN ?? 'redis-server';

/** Undefined when redis-server can be run; otherwise the reason tests are skipped. */
export function redisServerMissing(): string | undefined {
  const probe = spawnSync(BINARY, ['--version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    return `${BINARY} is not installed (run scripts/ci-services.sh or apt-get install redis-server)`;
  }
  return undefined;
}

/**
 * Warns on stderr and returns `describe.skip` when redis-server is missing, else `describe`. With
 * CERTSTATUS_REQUIRE_REDIS=1 (for a CI that installed it) a missing server fails the suite instead.
 */
export function describeWithRedis(): { describe: jest.Describe; skipReason?: string } {
  const skipReason = redisServerMissing();
  if (!skipReason) return { describe };
  if (process.env.CERTSTATUS_REQUIRE_REDIS === '1') {
    throw new Error(`CERTSTATUS_REQUIRE_REDIS=1 but ${skipReason}`);
  }
  console.warn(`SKIPPING Redis tests: ${skipReason}`);
  return { describe: describe.skip, skipReason };
}

/** Starts redis-server on `port` (to restart one where clients expect it) or on a free port. */
export async function startRedisServer(options: { port?: number } = {}): Promise<RunningRedis> {
  if (options.port !== undefined) return startOn(options.port);
  let lastError: unknown;
  // A free port can be taken by someone else between probing and binding; try a few.
  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      return await startOn(await freePort());
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError;
}

async function startOn(port: number): Promise<RunningRedis> {
  const child = spawn(
    BINARY,
    ['--port', String(port), '--bind', HOST, '--save', '', '--appendonly', 'no', '--daemonize', 'no', '--loglevel', 'warning'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
    await exited;
    clearTimeout(timer);
  };
  try {
    await waitForPong(port, exited);
  } catch (error) {
    await stop();
    throw new Error(`redis-server on port ${port} did not start: ${(error as Error).message}\n${output}`);
  }
  return { host: HOST, port, url: `redis://${HOST}:${port}`, process: child, stop };
}

async function waitForPong(port: number, exited: Promise<number | null>): Promise<void> {
  let gone = false;
  void exited.then(() => (gone = true));
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (gone) throw new Error('the process exited');
    if (await ping(port)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('no PONG within 10 s');
}

function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: HOST, port });
    let reply = '';
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      reply += chunk.toString();
      if (reply.includes('\r\n')) done(reply.startsWith('+PONG'));
    });
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, HOST, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
