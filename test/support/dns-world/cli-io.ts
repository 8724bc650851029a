/** Captured stdin/stdout/stderr for running `main([...])` in tests. */
import { PassThrough } from 'node:stream';
import { main } from '../../../src/cli/main';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c) => (out += String(c)));
  stderr.on('data', (c) => (err += String(c)));
  const code = await main(['node', 'certstatus', ...args], { stdin: new PassThrough(), stdout, stderr, env });
  return { code, stdout: out, stderr: err };
}
