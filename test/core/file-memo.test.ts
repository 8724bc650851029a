import { mkdtempSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { memoByFile } from '../../src/core/file-memo';

describe('memoByFile', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'certstatus-memo-'));
  const file = path.join(dir, 'table.txt');

  it('loads a file once while it is unchanged, and again after it changes', () => {
    writeFileSync(file, 'one');
    let loads = 0;
    const load = memoByFile((f) => {
      loads += 1;
      return `${readFileSync(f, 'utf8')}#${loads}`;
    });
    expect(load(file)).toBe('one#1');
    expect(load(file)).toBe('one#1');
    writeFileSync(file, 'two!');
    utimesSync(file, new Date(), new Date(Date.now() + 5000));
    expect(load(file)).toBe('two!#2');
    expect(loads).toBe(2);
  });

  it('does not remember failures: a missing file is loaded (and reported by the loader) every time', () => {
    let calls = 0;
    const load = memoByFile(() => {
      calls += 1;
      throw new Error('no such file');
    });
    expect(() => load(path.join(dir, 'missing.txt'))).toThrow('no such file');
    expect(() => load(path.join(dir, 'missing.txt'))).toThrow('no such file');
    expect(calls).toBe(2);
  });
});
