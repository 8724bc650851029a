/** The `certstatus` program itself: version, exit statuses in --help, JSON errors with --json. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { main } from '../../src/cli/main';

async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const chunks = { out: '', err: '' };
  stdout.on('data', (c) => (chunks.out += c));
  stderr.on('data', (c) => (chunks.err += c));
  const code = await main(['node', 'certstatus', ...args], { stdin: new PassThrough(), stdout, stderr, env: {} });
  return { code, ...chunks };
}

const packageVersion = (JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version: string }).version;

describe('certstatus', () => {
  it.each(['--version', '-V'])('%s prints the package version and exits 0', async (flag) => {
    const { code, out, err } = await run(flag);
    expect(out).toBe(`${packageVersion}\n`);
    expect(err).toBe('');
    expect(code).toBe(0);
  });

  it('--help lists every exit status', async () => {
    const { code, out } = await run('--help');
    expect(code).toBe(0);
    expect(out).toMatch(/-V, --version/);
    const statuses = out.slice(out.indexOf('Exit status:')).split('\n').filter((l) => /^ {2}\d {2}/.test(l));
    expect(statuses.map((l) => l.trim()[0])).toEqual(['0', '1', '2', '3']);
    expect(out).toMatch(/0 {2}success; for check: the DNS is right/);
    expect(out).toMatch(/1 {2}check: a cause was found/);
    expect(out).toMatch(/2 {2}bad input/);
    expect(out).toMatch(/3 {2}check: could not check/);
  });

  it('with --json, a usage error is one JSON line on stderr, nothing on stdout', async () => {
    const { code, out, err } = await run('flows', 'list', '--json', '--no-such-option');
    expect(out).toBe('');
    expect(JSON.parse(err)).toEqual({ error: { code: 'certstatus_usage', message: "unknown option '--no-such-option'", exit: 2 } });
    expect(code).toBe(2);
  });

  it('with --json, an error thrown by a command is JSON with its code', async () => {
    const { code, err } = await run('flows', 'lint', '--json', '--dir', __dirname);
    expect(JSON.parse(err)).toEqual({ error: { code: 'certstatus_usage', message: `no flow files (*.yaml) in ${__dirname}`, exit: 2 } });
    expect(code).toBe(2);
  });

  it('without --json, errors stay one plain line', async () => {
    const { code, err } = await run('flows', 'lint', '--dir', __dirname);
    expect(err).toBe(`certstatus: no flow files (*.yaml) in ${__dirname}\n`);
    expect(code).toBe(2);
  });

  it('a --json after -- is an argument, not the flag', async () => {
    const { out, code } = await run('flows', 'lint', '--dir', __dirname, '--', '--json');
    expect(out).toBe('--json:1:1 error cannot read the file: no such file. Fix: check the path\n1 file, 1 error, 0 warnings\n');
    expect(code).toBe(1);
  });
});
