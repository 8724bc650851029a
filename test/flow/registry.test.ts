import { copyFileSync, mkdtempSync, rmSync, writeFileSync, readFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CertstatusError, ErrorCode } from '../../src/core/errors';
import { defaultFlowsDir, loadFlowsDir } from '../../src/flow/load';
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

  it('refuses two files with one flow id', () => {
    copyFileSync(fixture('valid'), path.join(dir, 'a.yaml'));
    copyFileSync(fixture('valid'), path.join(dir, 'b.yaml'));
    const error = thrown(() => loadFlowsDir(dir));
    expect(error.code).toBe(ErrorCode.InvalidFlow);
    expect((error.details as FlowProblem[])[0]).toMatchObject({ code: 'duplicate-flow-id', message: expect.stringContaining('"tiny" is also used by') });
  });

  it('collects the errors of every invalid file (warnings do not count)', () => {
    copyFileSync(fixture('unknown-node'), path.join(dir, 'a.yaml'));
    copyFileSync(fixture('unknown-check'), path.join(dir, 'b.yaml'));
    withId('unreachable', 'fine', 'c.yaml');
    const error = thrown(() => loadFlowsDir(dir));
    expect(error.code).toBe(ErrorCode.InvalidFlow);
    expect((error.details as FlowProblem[]).map((p) => p.code)).toEqual(['unknown-node', 'unknown-check']);
    expect(error.message).toMatch(/^2 errors in .*a\.yaml, .*b\.yaml \(first: .*a\.yaml:20:15 "mising"/);
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
