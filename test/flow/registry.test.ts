import { copyFileSync, mkdtempSync, rmSync, writeFileSync, readFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CertstatusError, ErrorCode } from '../../src/core/errors';
import { defaultFlowsDir } from '../../src/flow/load';
import { loadFlowsDir } from '../../src/flow/registry';
import type { FlowProblem } from '../../src/flow/problems';

const fixture = (name: string) => path.join(__dirname, 'fixtures', `${name}.yaml`);
let dir: string;

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'certstatus-flows-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function withId(name: string, id: string, file: string): void {
  writeFileSync(path.join(dir, file), readFileSync(fixture(name), 'utf8').replace('id: tiny', `id: ${id}`));
}

function thrown(fn: () => unknown): CertstatusError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(CertstatusError);
    return error as CertstatusError;
  }
  throw new Error('expected an error');
}

describe('loadFlowsDir', () => {
  it('loads every *.yaml and *.yml file and selects flows by id', () => {
    withId('valid', 'beta', 'b.yaml');
    withId('valid-with-check', 'alpha', 'a.yml');
    writeFileSync(path.join(dir, 'notes.txt'), 'not a flow');
    const registry = loadFlowsDir(dir);
    expect(registry.list().map((f) => f.id)).toEqual(['alpha', 'beta']);
    expect(registry.get('beta').nodeById.size).toBe(3);
    expect(registry.defaultFlow.id).toBe('alpha'); // no pending-domain-verification: the first file
  });

  it('prefers pending-domain-verification as the default flow', () => {
    withId('valid', 'aaa', 'a.yaml');
    withId('valid', 'pending-domain-verification', 'p.yaml');
    expect(loadFlowsDir(dir).defaultFlow.id).toBe('pending-domain-verification');
  });

  it('names the available ids when an unknown flow is asked for', () => {
    withId('valid', 'alpha', 'a.yaml');
    withId('valid', 'beta', 'b.yaml');
    const error = thrown(() => loadFlowsDir(dir).get('gamma'));
    expect(error.code).toBe(ErrorCode.UnknownFlow);
    expect(error.message).toBe('no flow with id "gamma" (available: alpha, beta)');
  });

  it('has no default flow in an empty directory, and says why', () => {
    const error = thrown(() => loadFlowsDir(dir).defaultFlow);
    expect(error.code).toBe(ErrorCode.UnknownFlow);
    expect(error.message).toBe(`no flows to choose from (there are no flow files in ${dir})`);
  });

  it('disables the second of two files with one flow id, and keeps the first', () => {
    copyFileSync(fixture('valid'), path.join(dir, 'a.yaml'));
    copyFileSync(fixture('valid'), path.join(dir, 'b.yaml'));
    const registry = loadFlowsDir(dir);
    expect(registry.get('tiny').source).toMatch(/a\.yaml$/);
    expect(registry.disabled).toEqual([
      expect.objectContaining({ id: 'tiny', file: expect.stringMatching(/b\.yaml$/), problems: [expect.objectContaining({ code: 'duplicate-flow-id', message: expect.stringContaining('"tiny" is also used by') })] }),
    ]);
  });

  it('disables each broken file alone: the other flows load, and the broken ones say why with file:line', () => {
    withId('unknown-node', 'alpha', 'a.yaml');
    withId('unknown-check', 'beta', 'b.yaml');
    withId('unreachable', 'fine', 'c.yaml');
    writeFileSync(path.join(dir, 'd.yaml'), 'id: [unclosed\n');
    const registry = loadFlowsDir(dir);
    expect(registry.list().map((f) => f.id)).toEqual(['fine']); // warnings do not disable a flow
    expect(registry.disabled?.map((d) => [d.id, d.problems.map((p) => p.code)])).toEqual([
      ['alpha', ['unknown-node']],
      ['beta', ['unknown-check']],
      ['d', ['yaml-syntax']], // no id could be read: the file name stands in
    ]);
    expect(registry.disabled?.[0].summary).toMatch(/a\.yaml:20:15 error \[node ask-added\] "mising" .* Fix: did you mean "missing"\?$/);
    const error = thrown(() => registry.get('alpha'));
    expect(error.code).toBe(ErrorCode.InvalidFlow);
    expect(error.message).toMatch(/^flow "alpha" is disabled: .*a\.yaml:20:15 error/);
    expect((error.details as FlowProblem[])[0]).toMatchObject({ line: 20, column: 15, code: 'unknown-node' });
  });

  it('refuses the default flow when its file is broken, with the lint message, while others still load', () => {
    withId('unknown-node', 'pending-domain-verification', 'p.yaml');
    withId('valid', 'other', 'o.yaml');
    const registry = loadFlowsDir(dir);
    expect(registry.get('other').id).toBe('other');
    const error = thrown(() => registry.defaultFlow);
    expect(error.code).toBe(ErrorCode.InvalidFlow);
    expect(error.message).toMatch(/^flow "pending-domain-verification" is disabled: .*p\.yaml:20:15 error \[node ask-added\] "mising"/);
  });

  it('keeps the first file as the default even when it is the broken one', () => {
    withId('unknown-node', 'alpha', 'a.yaml');
    withId('valid', 'beta', 'b.yaml');
    expect(thrown(() => loadFlowsDir(dir).defaultFlow).code).toBe(ErrorCode.InvalidFlow);
  });

  it('names the file of an alias bomb and still loads the other flows', () => {
    const bomb = ['id: bomb', 'a: &a ["x","x","x","x","x","x","x","x","x"]', 'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]', 'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]', 'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]', 'e: [*d,*d,*d,*d,*d,*d,*d,*d,*d]', ''];
    writeFileSync(path.join(dir, 'bomb.yaml'), bomb.join('\n'));
    withId('valid', 'fine', 'fine.yaml');
    const registry = loadFlowsDir(dir);
    expect(registry.list().map((f) => f.id)).toEqual(['fine']);
    expect(registry.disabled?.[0]).toMatchObject({ file: expect.stringMatching(/bomb\.yaml$/), problems: [expect.objectContaining({ code: 'yaml-aliases', line: 3 })] });
    expect(registry.disabled?.[0].summary).toMatch(/bomb\.yaml:3:\d+ error YAML: the aliases/);
  });

  it('reports a missing directory as a configuration error', () => {
    const error = thrown(() => loadFlowsDir(path.join(dir, 'missing')));
    expect(error.code).toBe(ErrorCode.Config);
  });

  it('finds the shipped flows and the schema by default', () => {
    expect(existsSync(path.join(defaultFlowsDir(), 'flow.schema.json'))).toBe(true);
    expect(loadFlowsDir().defaultFlow.id).toBe('pending-domain-verification');
  });
});
