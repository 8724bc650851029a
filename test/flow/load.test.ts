import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CertstatusError, ErrorCode } from '../../src/core/errors';
import { lintFlowFile, loadFlowFile, MAX_FLOW_FILE_BYTES, parseFlow } from '../../src/flow/load';
import type { FlowProblem } from '../../src/flow/problems';

const fixture = (name: string) => path.join(__dirname, 'fixtures', `${name}.yaml`);
const read = (name: string) => readFileSync(fixture(name), 'utf8');

function thrown(fn: () => unknown): CertstatusError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(CertstatusError);
    return error as CertstatusError;
  }
  throw new Error('expected an error');
}

describe('parseFlow', () => {
  it('returns a loaded flow with nodes indexed by id and the source name', () => {
    const { flow, problems } = parseFlow(read('valid-with-check'), 'flows/tiny.yaml');
    expect(problems).toEqual([]);
    expect(flow?.id).toBe('tiny');
    expect(flow?.source).toBe('flows/tiny.yaml');
    expect(flow?.nodeById).toBeInstanceOf(Map);
    expect([...(flow?.nodeById.keys() ?? [])]).toEqual(['ask-added', 'run-dns', 'missing', 'human']);
    expect(flow?.nodeById.get('run-dns')).toMatchObject({ kind: 'check', check: 'dns', default: 'human' });
  });

  it('reports every problem of a file at once, in file order', () => {
    const { flow, problems } = parseFlow(read('many-problems'), 'many.yaml');
    expect(flow).toBeUndefined();
    const summary = problems.map((p) => [p.line, p.column, p.severity, p.code, p.nodeId]);
    expect(summary).toEqual([
      [10, 9, 'warning', 'unknown-placeholder', undefined],
      [18, 15, 'error', 'unknown-node', 'ask'],
      [20, 15, 'error', 'empty-text', 'ask'],
      [29, 7, 'error', 'unknown-outcome', 'check'],
      [34, 5, 'error', 'unknown-property', 'missing'],
      [37, 11, 'error', 'empty-text', 'human'],
    ]);
    expect(problems.every((p) => p.file === 'many.yaml')).toBe(true);
    expect(problems[1].fix).toBe('did you mean "check"?');
    expect(problems[4].message).toBe('unknown property "colour" in node "missing"');
  });

  it('validates check nodes against the checks it is given', () => {
    const checks = { dns: { name: 'dns', description: 'test', params: [{ name: 'domain', required: true }], outcomes: ['record-missing', 'fine'] } };
    const { problems } = parseFlow(read('valid-with-check'), 'x.yaml', { checks });
    // `default` covers `fine`, so only the unknown check name would be an error; there is none.
    expect(problems).toEqual([]);
    const without = parseFlow(read('valid-with-check'), 'x.yaml', { checks: {} }).problems;
    expect(without.map((p) => p.code)).toEqual(['unknown-check']);
    expect(without[0].fix).toBe('no checks are available here: remove the check node');
  });

  it('says so when the file is not a flow at all', () => {
    for (const text of ['', '- a list\n', 'just a sentence\n']) {
      const { problems } = parseFlow(text, 'x.yaml');
      expect(problems).toEqual([expect.objectContaining({ code: 'not-a-flow', line: 1, column: 1, severity: 'error' })]);
    }
  });

  it('reports YAML duplicate keys at the second key', () => {
    const text = read('valid').replace('title: Tiny flow\n', 'title: Tiny flow\ntitle: Again\n');
    const { problems } = parseFlow(text, 'x.yaml');
    expect(problems).toEqual([expect.objectContaining({ code: 'yaml-syntax', line: 5, column: 1, fix: 'remove or rename one of the two keys' })]);
    expect(problems[0].message).toMatch(/^YAML: Map keys must be unique/);
  });

  it('reports an unclosed quote at the line where the quote opens, with a fix about the quote', () => {
    // The shipped flow: its `handoff:` line is followed by a blank line, where yaml itself reports the
    // missing quote; the first cause's `after:` is the last line of a map.
    const lines = readFileSync(path.join(__dirname, '../../flows/pending-domain-verification.yaml'), 'utf8').split('\n');
    const lineOf = (prefix: string) => lines.findIndex((l) => l.startsWith(prefix)) + 1;
    for (const lineNo of [lineOf('handoff: '), lineOf('    after: ')]) {
      const broken = [...lines];
      broken[lineNo - 1] = broken[lineNo - 1].replace(': ', ': "');
      const { problems } = parseFlow(broken.join('\n'), 'flows/p.yaml');
      expect(problems).toEqual([expect.objectContaining({ code: 'yaml-syntax', line: lineNo, message: 'YAML: Missing closing "quote' })]);
      expect(problems[0].fix).toMatch(/^close the quote on this line/);
    }
    const single = read('valid').replace('text: Did you add the record?', "text: 'Did you add the record?");
    expect(parseFlow(single, 'x.yaml').problems[0]).toMatchObject({ line: 14, column: 11 });
  });

  it('finds a duplicate key in any map, not only at the top', () => {
    const text = read('valid').replace('        next: human\n', '        next: human\n        next: missing\n');
    expect(parseFlow(text, 'x.yaml').problems).toEqual([
      expect.objectContaining({ code: 'yaml-syntax', line: 19, column: 9, message: 'YAML: Map keys must be unique ("next" is already a key of this map)' }),
    ]);
  });

  it('refuses a file over the size limit before parsing it, saying the sizes', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'certstatus-big-'));
    try {
      const file = path.join(dir, 'big.yaml');
      writeFileSync(file, read('valid') + `# ${'x'.repeat(3000)}\n`);
      expect(lintFlowFile(file, { maxBytes: 2048 }).problems).toEqual([
        expect.objectContaining({ code: 'too-large', line: 1, message: 'the file is 4 KB, over the 2 KB limit for one flow file' }),
      ]);
      expect(lintFlowFile(file).flow?.id).toBe('tiny'); // the default limit (1 MB) lets it through
      writeFileSync(file, 'x'.repeat(MAX_FLOW_FILE_BYTES + 1));
      expect(lintFlowFile(file).problems[0].message).toBe('the file is 1025 KB, over the 1024 KB limit for one flow file');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('does not let a check named after an Object method pass', () => {
    const text = read('valid-with-check').replace('check: dns', 'check: constructor');
    expect(parseFlow(text, 'x.yaml').problems.map((p) => p.code)).toEqual(['unknown-check']);
  });

  it('treats a bare `label:` as empty text, not as a type puzzle', () => {
    const text = read('valid').replace('label: "No"', 'label:');
    const [problem] = parseFlow(text, 'x.yaml').problems;
    expect(problem).toMatchObject({ code: 'empty-text', line: 20, nodeId: 'ask-added' });
    expect(problem.message).toBe('"label" of choice "no" of node "ask-added" is empty');
  });

  it('suggests quoting numbers where text is expected', () => {
    const text = read('valid').replace('id: "yes"', 'id: 1');
    const [problem] = parseFlow(text, 'x.yaml').problems;
    expect(problem).toMatchObject({ code: 'wrong-type', line: 16, column: 13, fix: 'put it in quotes: "1"' });
  });
});

describe('loadFlowFile', () => {
  it('loads a flow with warnings (warnings do not block)', () => {
    const flow = loadFlowFile(fixture('unreachable'));
    expect(flow.nodeById.has('orphan')).toBe(true);
    expect(flow.source).toBe(path.relative(process.cwd(), fixture('unreachable')));
  });

  it('throws InvalidFlow with a one-line summary and every problem in details', () => {
    const error = thrown(() => loadFlowFile(fixture('many-problems')));
    expect(error.code).toBe(ErrorCode.InvalidFlow);
    expect(error.message).toBe(
      'test/flow/fixtures/many-problems.yaml: 5 errors (first: 18:15 [node ask] "chek" (the target of choice "Yes") is not the id of any node)',
    );
    expect((error.details as FlowProblem[]).map((p) => p.code)).toHaveLength(6);
  });

  it('turns a missing file into one problem, not a stack trace', () => {
    const error = thrown(() => loadFlowFile('flows/nope.yaml'));
    expect(error.code).toBe(ErrorCode.InvalidFlow);
    expect(error.message).toBe('flows/nope.yaml: 1 error (first: 1:1 cannot read the file: no such file)');
    expect(lintFlowFile('flows/nope.yaml').problems[0]).toMatchObject({ code: 'unreadable', file: 'flows/nope.yaml' });
  });
});
