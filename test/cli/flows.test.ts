/** `certstatus flows lint|graph|list` through the real CLI entry, with captured streams. */
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { main } from '../../src/cli/main';

const fixture = (name: string) => path.relative(process.cwd(), path.join(__dirname, '..', 'flow', 'fixtures', `${name}.yaml`));

async function run(...args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const chunks = { out: '', err: '' };
  stdout.on('data', (c) => (chunks.out += c));
  stderr.on('data', (c) => (chunks.err += c));
  const code = await main(['node', 'certstatus', ...args], { stdin: new PassThrough(), stdout, stderr, env: {} });
  const lines = (s: string) => s.split('\n').filter((l) => l !== '');
  return { code, out: lines(chunks.out), err: lines(chunks.err) };
}

describe('certstatus flows lint', () => {
  it('prints every problem of every file, one per line, a summary, and exits 1 on errors', async () => {
    const { code, out, err } = await run('flows', 'lint', fixture('unreachable'), fixture('unknown-check'));
    expect(out).toEqual([
      `${fixture('unreachable')}:27:9 warning [node orphan] node "orphan" cannot be reached from the start node "ask-added". Fix: point a choice, input or check outcome at it, or delete it`,
      `${fixture('unknown-check')}:24:12 error [node run-dns] there is no check named "dsn". Fix: did you mean "dns"?`,
      '2 files, 1 error, 1 warning',
    ]);
    expect(err).toEqual([]);
    expect(code).toBe(1);
  });

  it('reports two files with one flow id', async () => {
    const { code, out } = await run('flows', 'lint', fixture('valid'), fixture('valid-with-check'));
    expect(out).toEqual([
      `${fixture('valid-with-check')}:1:1 error flow id "tiny" is also used by ${fixture('valid')}. Fix: give each flow file its own id`,
      '2 files, 1 error, 0 warnings',
    ]);
    expect(code).toBe(1);
  });

  it('exits 0 when there are only warnings', async () => {
    const { code, out } = await run('flows', 'lint', fixture('unused-cause'));
    expect(out[out.length - 1]).toBe('1 file, 0 errors, 1 warning');
    expect(code).toBe(0);
  });

  it('lints the shipped flows by default, cleanly', async () => {
    const { code, out } = await run('flows', 'lint');
    // Other shipped flows may come; each must lint clean.
    expect(out).toEqual([expect.stringMatching(/^\d+ files?, 0 errors, 0 warnings$/)]);
    expect(code).toBe(0);
  });

  it('reports a missing file in one line, not a stack trace', async () => {
    const { code, out, err } = await run('flows', 'lint', 'flows/missing.yaml');
    expect(out).toEqual(['flows/missing.yaml:1:1 error cannot read the file: no such file. Fix: check the path', '1 file, 1 error, 0 warnings']);
    expect(err).toEqual([]);
    expect(code).toBe(1);
  });

  it('--json prints one object with every problem and the counts, and keeps the exit status', async () => {
    const { code, out, err } = await run('flows', 'lint', '--json', fixture('unreachable'), fixture('unknown-check'));
    const report = JSON.parse(out.join('\n'));
    expect(report).toMatchObject({ files: 2, errors: 1, warnings: 1 });
    expect(report.problems).toEqual([
      expect.objectContaining({ file: fixture('unreachable'), line: 27, column: 9, severity: 'warning', code: 'unreachable' }),
      expect.objectContaining({ file: fixture('unknown-check'), line: 24, column: 12, severity: 'error', code: 'unknown-check', fix: 'did you mean "dns"?' }),
    ]);
    expect(err).toEqual([]);
    expect(code).toBe(1);
  });

  it('reports a flows directory with no flow files as a usage error', async () => {
    const { code, err } = await run('flows', 'lint', '--dir', path.join(__dirname));
    expect(err).toEqual([`certstatus: no flow files (*.yaml) in ${__dirname}`]);
    expect(code).toBe(2);
  });
});

describe('certstatus flows graph', () => {
  it('prints a Mermaid flowchart of a file', async () => {
    const { code, out } = await run('flows', 'graph', fixture('valid'));
    expect(out[0]).toBe('flowchart TD');
    expect(out).toContain('  n_ask_added -->|"No"| n_missing');
    expect(code).toBe(0);
  });

  it('looks a flow up by id in the flows directory', async () => {
    const { code, out } = await run('flows', 'graph', 'pending-domain-verification');
    expect(out[1]).toMatch(/\(pending-domain-verification v\d+\)$/);
    expect(code).toBe(0);
  });

  it('names the available flows for an unknown id', async () => {
    const { code, out, err } = await run('flows', 'graph', 'nope');
    expect(out).toEqual([]);
    expect(err).toEqual([expect.stringMatching(/^certstatus: no flow with id "nope" \(available: .*pending-domain-verification.*\)$/)]);
    expect(code).toBe(2);
  });

  it('prints the problems of an invalid flow instead of a graph', async () => {
    const { code, out, err } = await run('flows', 'graph', fixture('unknown-cause'));
    expect(out).toEqual([]);
    expect(err).toEqual([
      `${fixture('unknown-cause')}:6:3 warning cause "record-missing" is not presented by any answer node. Fix: add an answer node with cause: record-missing, or delete the cause`,
      `${fixture('unknown-cause')}:23:12 error [node missing] cause "record-mising" is not defined under "causes". Fix: did you mean "record-missing"?`,
    ]);
    expect(code).toBe(1);
  });

  it('reports a missing file in one line', async () => {
    const { code, err } = await run('flows', 'graph', 'flows/missing.yaml');
    expect(err).toEqual(['flows/missing.yaml:1:1 error cannot read the file: no such file. Fix: check the path']);
    expect(code).toBe(1);
  });
});

describe('certstatus flows list', () => {
  it('prints id, version and title of each flow', async () => {
    const { code, out } = await run('flows', 'list');
    expect(out).toContainEqual(expect.stringMatching(/^pending-domain-verification +v\d+ +Certificate stuck/));
    expect(code).toBe(0);
  });

  it('lists the flows that load and names each broken file with file:line on stderr, exit 1', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'certstatus-list-'));
    try {
      copyFileSync(path.join(__dirname, '..', 'flow', 'fixtures', 'valid.yaml'), path.join(dir, 'a.yaml'));
      writeFileSync(path.join(dir, 'b.yaml'), 'id: broken\nversion: 1\ntitle: "unclosed\n\nstart: x\n');
      const text = await run('flows', 'list', '--dir', dir);
      expect(text.out).toEqual([expect.stringMatching(/^tiny +v1 +Tiny flow$/)]);
      expect(text.err).toEqual([expect.stringMatching(/^disabled: .*b\.yaml:3:8 error YAML: Missing closing "quote\. Fix: close the quote/)]);
      expect(text.code).toBe(1);
      const json = await run('flows', 'list', '--dir', dir, '--json');
      const report = JSON.parse(json.out.join('\n'));
      expect(report.flows).toEqual([{ id: 'tiny', version: 1, title: 'Tiny flow', file: expect.stringMatching(/a\.yaml$/) }]);
      expect(report.disabled).toEqual([{ file: expect.stringMatching(/b\.yaml$/), id: 'b', problems: [expect.objectContaining({ line: 3, code: 'yaml-syntax' })] }]);
      expect(json.code).toBe(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('--help describes the subcommands', async () => {
    const { code, out } = await run('flows', '--help');
    expect(out.join('\n')).toMatch(/lint \[options\] \[files\.\.\.\][\s\S]*graph[\s\S]*list/);
    expect(code).toBe(0);
  });
});
