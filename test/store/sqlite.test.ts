import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { CertstatusError, ErrorCode } from '../../src/core/errors';
import { SqliteStore } from '../../src/store/sqlite';
import { runStateStoreContract } from './contract';
import { runLeaseContract } from './lease-contract';

const dirs: string[] = [];
function tempFile(name = 'state.db'): string {
  const dir = mkdtempSync(join(tmpdir(), 'certstatus-sqlite-'));
  dirs.push(dir);
  return join(dir, name);
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** Rows physically in the file, expired or not, read with a connection of its own. */
function rawRowCount(path: string): number {
  const db = new Database(path, { readonly: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM state').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

runStateStoreContract('SqliteStore (file)', (clock) => new SqliteStore({ path: tempFile(), now: clock.now }));
runStateStoreContract('SqliteStore (:memory:)', (clock) => new SqliteStore({ path: ':memory:', now: clock.now }));
runLeaseContract('SqliteStore, two instances on one file', async (clock) => {
  const path = tempFile();
  return [new SqliteStore({ path, now: clock.now }), new SqliteStore({ path, now: clock.now })];
});

describe('SqliteStore', () => {
  let time: number;
  const now = () => time;
  beforeEach(() => {
    time = 5_000_000;
  });

  test('what one instance wrote is there after closing and opening the file again', async () => {
    const path = tempFile();
    const first = new SqliteStore({ path });
    const saved = await first.set('conversation:1', { nodeId: 'step-2', answers: { domain: 'example.com' } });
    await first.claim('dedupe:evt-1', 60_000);
    await first.close();

    const second = new SqliteStore({ path });
    const read = await second.get('conversation:1');
    expect(read?.value).toEqual({ nodeId: 'step-2', answers: { domain: 'example.com' } });
    expect(saved.ok && read?.version).toBe(saved.ok ? saved.version : -1);
    expect(await second.claim('dedupe:evt-1', 60_000)).toBe(false);
    // The version counter lives in the file too, so versions keep increasing across restarts.
    const next = await second.set('conversation:1', { nodeId: 'step-3' });
    expect(next.ok && saved.ok && next.version > saved.version).toBe(true);
    await second.close();
  });

  test('opens the file in WAL mode', async () => {
    const path = tempFile();
    const store = new SqliteStore({ path });
    const db = new Database(path, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
    await store.close();
  });

  test('an expired row is invisible, and reading it removes it from the file', async () => {
    const path = tempFile();
    const store = new SqliteStore({ path, now });
    await store.set('short', 'lived', { ttlMs: 1000 });
    time += 1000;
    expect(rawRowCount(path)).toBe(1);
    expect(await store.get('short')).toBeUndefined();
    expect(rawRowCount(path)).toBe(0);
    await store.close();
  });

  test('expired rows nobody reads again are swept after enough writes', async () => {
    const path = tempFile();
    const store = new SqliteStore({ path, now, purgeEveryWrites: 10 });
    for (let i = 0; i < 5; i += 1) await store.claim(`dedupe:${i}`, 1000);
    await store.set('kept', 'forever');
    time += 2000;
    expect(rawRowCount(path)).toBe(6);
    for (let i = 0; i < 4; i += 1) await store.set('kept', `write ${i}`);
    expect(rawRowCount(path)).toBe(1);
    await store.close();
  });

  test('expired rows are swept when the file is opened', async () => {
    const path = tempFile();
    const first = new SqliteStore({ path, now });
    await first.claim('dedupe:old', 1000);
    await first.close();
    time += 5000;
    const second = new SqliteStore({ path, now });
    expect(rawRowCount(path)).toBe(0);
    await second.close();
  });

  test('an unconditional write without TTL removes an earlier TTL', async () => {
    const store = new SqliteStore({ path: ':memory:', now });
    await store.set('k', 'temporary', { ttlMs: 1000 });
    await store.set('k', 'permanent');
    time += 10_000;
    expect((await store.get('k'))?.value).toBe('permanent');
    await store.close();
  });

  test('two instances on the same file: claim succeeds once, and of two racing compare-and-sets one wins', async () => {
    const path = tempFile();
    const a = new SqliteStore({ path });
    const b = new SqliteStore({ path });
    const claims = await Promise.all([a.claim('dedupe:evt', 60_000), b.claim('dedupe:evt', 60_000)]);
    expect(claims.filter(Boolean)).toHaveLength(1);

    const base = await a.set('conversation:race', { turn: 0 });
    if (!base.ok) throw new Error('unconditional set failed');
    const [fromA, fromB] = await Promise.all([
      a.set('conversation:race', { turn: 'a' }, { expectedVersion: base.version }),
      b.set('conversation:race', { turn: 'b' }, { expectedVersion: base.version }),
    ]);
    expect([fromA.ok, fromB.ok].filter(Boolean)).toHaveLength(1);
    const loser = fromA.ok ? fromB : fromA;
    // The loser learns what won, so it can merge or retry without another read.
    expect(loser.ok ? undefined : loser.current?.value).toEqual({ turn: fromA.ok ? 'a' : 'b' });
    expect((await b.get('conversation:race'))?.value).toEqual({ turn: fromA.ok ? 'a' : 'b' });
    await a.close();
    await b.close();
  });

  test('a file that cannot be opened is a Config error naming the path and CERTSTATUS_DB', () => {
    const path = join(tempFile(), 'missing-dir', 'state.db');
    let caught: unknown;
    try {
      new SqliteStore({ path });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(CertstatusError);
    expect((caught as CertstatusError).code).toBe(ErrorCode.Config);
    expect((caught as CertstatusError).message).toContain(path);
    expect((caught as CertstatusError).message).toContain('CERTSTATUS_DB');
  });

  test('defaults to certstatus.db in the working directory', async () => {
    const dir = join(tempFile(), '..');
    const previous = process.cwd();
    process.chdir(dir);
    try {
      const store = new SqliteStore();
      expect(store.path).toBe(join(process.cwd(), 'certstatus.db'));
      await store.close();
      expect(existsSync(join(dir, 'certstatus.db'))).toBe(true);
    } finally {
      process.chdir(previous);
    }
  });

  test('a value JSON cannot carry is refused with a clear error and nothing is written', async () => {
    const store = new SqliteStore({ path: ':memory:' });
    await expect(store.set('k', undefined)).rejects.toThrow(/Cannot store a value of type undefined/);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    await expect(store.set('k', cyclic)).rejects.toThrow(/Cannot store this value as JSON/);
    expect(await store.get('k')).toBeUndefined();
    await store.close();
  });

  test('using a closed store is a coded error naming the file', async () => {
    const path = tempFile();
    const store = new SqliteStore({ path });
    await store.close();
    await expect(store.get('k')).rejects.toMatchObject({ code: ErrorCode.Unknown });
    await expect(store.set('k', 1)).rejects.toThrow(`The state store is unavailable (SQLite file ${path})`);
  });

  test('close is safe to call twice', async () => {
    const store = new SqliteStore({ path: ':memory:' });
    await store.close();
    await expect(store.close()).resolves.toBeUndefined();
  });
});
