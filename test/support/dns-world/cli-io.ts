/** Captured stdin/stdout/stderr for running `main([...])` in tests. */
import { PassThrough } from 'node:stream';
import { main } from '../../../src/cli/main';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** `stdin`: text piped to the command (none: an empty, ended stdin, as from /dev/null). */
export async function runCli(args: string[], env: NodeJS.ProcessEnv = {}, stdinText = ''): Promise<CliRun> {
  const stdin = new PassThrough();
  stdin.end(stdinText);
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c) => (out += String(c)));
  stderr.on('data', (c) => (err += String(c)));
  const code = await main(['node', 'certstatus', ...args], { stdin, stdout, stderr, env });
  return { code, stdout: out, stderr: err };
}
