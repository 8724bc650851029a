/**
 * The StateStore contract as a jest suite, run against every implementation (memory now; SQLite and
 * Redis reuse it). `makeStore` receives a clock the test controls; a store that cannot use an injected
 * clock passes `{ realTime: true }` and the TTL tests then wait for real time (a few seconds in all).
 */
import type { StateStore } from '../../src/store/types';

export interface ContractClock {
  now: () => number;
  advance(ms: number): Promise<void>;
}

export type MakeStore = (clock: ContractClock) => Promise<StateStore> | StateStore;

export interface ContractOptions {
  /**
   * For stores that expire entries by their own clock (Redis): `advance` really waits (at most 2 s, which
   * is enough for the TTLs below) and `now` is Date.now.
   */
  realTime?: boolean;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function runStateStoreContract(name: string, makeStore: MakeStore, options: ContractOptions = {}): void {
  describe(`StateStore contract: ${name}`, () => {
    let time = 1_000_000;
    const clock: ContractClock = options.realTime
      ? { now: Date.now, advance: (ms) => sleep(Math.min(ms, 2000)) }
      : {
          now: () => time,
          advance: async (ms) => {
            time += ms;
          },
        };
    let store: StateStore;
    let keyCounter = 0;
    let key: string;

    beforeEach(async () => {
      store = await makeStore(clock);
      keyCounter += 1;
      key = `contract-${process.pid}-${Date.now()}-${keyCounter}`;
    });
    afterEach(async () => {
      await store.close?.();
    });

    test('get of a missing key is undefined', async () => {
      expect(await store.get(key)).toBeUndefined();
    });

    test('set then get returns the value and its version', async () => {
      const saved = await store.set(key, { a: 1, list: ['x'] });
      expect(saved.ok).toBe(true);
      const read = await store.get<{ a: number; list: string[] }>(key);
      expect(read?.value).toEqual({ a: 1, list: ['x'] });
      expect(saved.ok && read?.version).toBe(saved.ok ? saved.version : -1);
    });

    test('every write increases the version', async () => {
      const first = await store.set(key, 1);
      const second = await store.set(key, 2);
      expect(first.ok && second.ok).toBe(true);
      if (first.ok && second.ok) expect(second.version).toBeGreaterThan(first.version);
    });

    test('mutating a value after reading it does not change the stored value', async () => {
      await store.set(key, { list: [1] });
      const read = await store.get<{ list: number[] }>(key);
      read?.value.list.push(2);
      expect((await store.get<{ list: number[] }>(key))?.value).toEqual({ list: [1] });
    });

    test('expectedVersion 0 writes only when the key is absent', async () => {
      expect((await store.set(key, 'first', { expectedVersion: 0 })).ok).toBe(true);
      const second = await store.set(key, 'second', { expectedVersion: 0 });
      expect(second.ok).toBe(false);
      if (!second.ok) expect(second.current?.value).toBe('first');
      expect((await store.get(key))?.value).toBe('first');
    });

    test('compare-and-set succeeds with the current version and fails with a stale one', async () => {
      const first = await store.set(key, 'v1');
      if (!first.ok) throw new Error('unconditional set failed');
      const update = await store.set(key, 'v2', { expectedVersion: first.version });
      expect(update.ok).toBe(true);
      const stale = await store.set(key, 'v3', { expectedVersion: first.version });
      expect(stale.ok).toBe(false);
      expect((await store.get(key))?.value).toBe('v2');
    });

    test('of two writers that read the same version, only one wins', async () => {
      const base = await store.set(key, 0);
      if (!base.ok) throw new Error('unconditional set failed');
      const results = await Promise.all([
        store.set(key, 'a', { expectedVersion: base.version }),
        store.set(key, 'b', { expectedVersion: base.version }),
      ]);
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      const winner = results[0]?.ok ? 'a' : 'b';
      expect((await store.get(key))?.value).toBe(winner);
    });

    test('an entry disappears after its TTL', async () => {
      await store.set(key, 'short', { ttlMs: 1000 });
      await clock.advance(500);
      expect((await store.get(key))?.value).toBe('short');
      await clock.advance(600);
      expect(await store.get(key)).toBeUndefined();
    });

    test('a key that expired counts as absent for expectedVersion 0', async () => {
      await store.set(key, 'old', { ttlMs: 1000 });
      await clock.advance(1500);
      expect((await store.set(key, 'new', { expectedVersion: 0 })).ok).toBe(true);
      expect((await store.get(key))?.value).toBe('new');
    });

    test('a write without TTL keeps the entry', async () => {
      await store.set(key, 'kept');
      await clock.advance(365 * 24 * 3600 * 1000);
      expect((await store.get(key))?.value).toBe('kept');
    });

    test('delete removes the entry', async () => {
      await store.set(key, 'gone');
      await store.delete(key);
      expect(await store.get(key)).toBeUndefined();
      await expect(store.delete(key)).resolves.toBeUndefined();
    });

    test('a key deleted and created again does not accept the old version', async () => {
      const first = await store.set(key, 'one');
      if (!first.ok) throw new Error('unconditional set failed');
      await store.delete(key);
      await store.set(key, 'two');
      expect((await store.set(key, 'three', { expectedVersion: first.version })).ok).toBe(false);
    });

    test('claim is true for the first caller only, until the claim expires', async () => {
      const claims = await Promise.all([store.claim(key, 1000), store.claim(key, 1000), store.claim(key, 1000)]);
      expect(claims.filter(Boolean)).toHaveLength(1);
      await clock.advance(1500);
      expect(await store.claim(key, 1000)).toBe(true);
    });

    test('keys are independent', async () => {
      await store.set(`${key}:a`, 'a');
      await store.set(`${key}:b`, 'b', { expectedVersion: 0 });
      expect((await store.get(`${key}:a`))?.value).toBe('a');
      expect((await store.get(`${key}:b`))?.value).toBe('b');
    });

    test('keys lists the live keys with a prefix, and nothing else', async () => {
      await store.set(`${key}:p:one`, 1);
      await store.set(`${key}:p:two`, 2, { ttlMs: 1000 });
      await store.set(`${key}:p*`, 3);
      await store.set(`${key}:q:one`, 4);
      expect((await store.keys!(`${key}:p:`)).sort()).toEqual([`${key}:p:one`, `${key}:p:two`]);
      await clock.advance(1100);
      expect(await store.keys!(`${key}:p:`)).toEqual([`${key}:p:one`]);
    });
  });
}
