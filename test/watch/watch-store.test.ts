/**
 * The watch stores against real storage: the key-value fallback on memory, SQLite's table on a real file
 * (two connections standing for two processes), Redis's sorted set on a spawned redis-server. One contract
 * for all three, then the migration from the old key-value layout on SQLite and Redis, and a scheduler on
 * each store running a due watch end to end.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type OpenedStore } from '../../src/store/open-store';
import { RedisStore } from '../../src/store/redis';
import { SqliteStore } from '../../src/store/sqlite';
import { timedStore } from '../../src/store/timed';
import type { StateStore } from '../../src/store/types';
import { WatchScheduler } from '../../src/watch/scheduler';
import type { Watch } from '../../src/watch/types';
import { KvWatchStore, LEGACY_INDEX_KEY, LEGACY_WATCH_PREFIX, type WatchStore } from '../../src/watch/watch-store';
import { migrateLegacyWatches, openWatchStore } from '../../src/watch/watch-store-open';
import { RedisWatchStore } from '../../src/watch/watch-store-redis';
import { SqliteWatchStore } from '../../src/watch/watch-store-sqlite';
import { describeWithRedis, startRedisServer, type RunningRedis } from '../support/redis-server';
import { Clock, MINUTE, RecordingNotifier, request, SettableRunner, T0, SHIPPED } from './helpers';

const dirs: string[] = [];
function tempFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'certstatus-watch-store-'));
  dirs.push(dir);
  return join(dir, 'state.db');
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const watch = (id: string, over: Partial<Watch> = {}): Watch => ({
  ...request(),
  id,
  lastCause: 'ttl-not-elapsed',
  createdAt: T0,
  nextRunAt: T0 + MINUTE,
  attempt: 0,
  expiresAt: T0 + 48 * 60 * MINUTE,
  ...over,
});

interface Opened {
  /** Two handles on the same storage (two processes or replicas). */
  a: WatchStore;
  b: WatchStore;
  close(): Promise<void>;
}

function runWatchStoreContract(name: string, open: () => Promise<Opened>): void {
  describe(`watch store contract: ${name}`, () => {
    let s: Opened;
    beforeEach(async () => {
      s = await open();
    });
    afterEach(async () => {
      await s.close();
    });

    test('create, get, and a second create of the same id refused (seen from the other handle too)', async () => {
      expect(await s.a.create(watch('w1'))).toBe(true);
      expect(await s.b.create(watch('w1', { domain: 'other.test' }))).toBe(false);
      const got = await s.b.get('w1');
      expect(got?.watch).toEqual(watch('w1'));
      expect(got?.version).toBeGreaterThan(0);
      expect(await s.a.get('nope')).toBeUndefined();
    });

    test('update is compare-and-set: a stale version loses, and a removed watch cannot be updated', async () => {
      await s.a.create(watch('w1'));
      const { version } = (await s.a.get('w1'))!;
      expect(await s.a.update(watch('w1', { attempt: 1 }), version)).toBe(true);
      expect(await s.b.update(watch('w1', { attempt: 9 }), version)).toBe(false);
      expect((await s.b.get('w1'))!.watch.attempt).toBe(1);
      const current = (await s.a.get('w1'))!.version;
      await s.b.remove('w1');
      expect(await s.a.update(watch('w1'), current)).toBe(false);
      expect(await s.a.get('w1')).toBeUndefined();
    });

    test('a watch removed and created again gets a new version (an old version cannot update it)', async () => {
      await s.a.create(watch('w1'));
      const old = (await s.a.get('w1'))!.version;
      await s.a.remove('w1');
      await s.a.create(watch('w1'));
      expect((await s.a.get('w1'))!.version).not.toBe(old);
      expect(await s.a.update(watch('w1', { attempt: 5 }), old)).toBe(false);
    });

    test('due: only watches due by then, earliest first, at most the limit; an update moves the due time', async () => {
      await s.a.create(watch('late', { nextRunAt: T0 + 10 * MINUTE }));
      await s.a.create(watch('second', { nextRunAt: T0 + 2 * MINUTE, conversationKey: 'slack:T1:C2' }));
      await s.a.create(watch('first', { nextRunAt: T0 + MINUTE, conversationKey: 'slack:T1:C3' }));
      expect(await s.b.due(T0, 10)).toEqual([]);
      expect(await s.b.due(T0 + 2 * MINUTE, 10)).toEqual(['first', 'second']);
      expect(await s.b.due(T0 + 60 * MINUTE, 2)).toEqual(['first', 'second']);
      const { version } = (await s.a.get('first'))!;
      await s.a.update(watch('first', { nextRunAt: T0 + 20 * MINUTE, conversationKey: 'slack:T1:C3' }), version);
      expect(await s.b.due(T0 + 10 * MINUTE, 10)).toEqual(['second', 'late']);
      await s.a.remove('late');
      expect(await s.b.due(T0 + 60 * MINUTE, 10)).toEqual(['second', 'first']);
      expect(await s.b.count()).toBe(2);
    });

    test('byConversation: that conversation only; removed watches leave it', async () => {
      await s.a.create(watch('mine1', { conversationKey: 'teams:conv-1' }));
      await s.a.create(watch('mine2', { conversationKey: 'teams:conv-1', domain: 'b.test' }));
      await s.a.create(watch('theirs', { conversationKey: 'teams:conv-2' }));
      const ids = async (key: string) => (await s.b.byConversation(key)).map((w) => w.watch.id).sort();
      expect(await ids('teams:conv-1')).toEqual(['mine1', 'mine2']);
      await s.b.remove('mine1');
      expect(await ids('teams:conv-1')).toEqual(['mine2']);
      expect(await ids('teams:nobody')).toEqual([]);
      expect(await s.a.count()).toBe(2);
    });
  });
}

runWatchStoreContract('key-value fallback on memory', async () => {
  const store = await openStore({ memory: true });
  const kv = new KvWatchStore(store, () => T0);
  return { a: kv, b: new KvWatchStore(store, () => T0), close: async () => store.close?.() };
});

runWatchStoreContract('SQLite table, two connections on one file', async () => {
  const file = tempFile();
  const [one, two] = [new SqliteStore({ path: file }), new SqliteStore({ path: file })];
  return {
    a: new SqliteWatchStore(one.database),
    b: new SqliteWatchStore(two.database),
    close: async () => {
      await one.close();
      await two.close();
    },
  };
});

/** Puts watches in the old layout (the index key plus one key per watch), as the previous version wrote them. */
async function writeLegacy(store: StateStore, watches: Watch[]): Promise<void> {
  const legacy = new KvWatchStore(store, () => T0);
  for (const w of watches) await legacy.create(w);
}

describe('migration from the key-value layout', () => {
  test('SQLite: a file with watches in the old layout has them in the table after start, old keys gone', async () => {
    const file = tempFile();
    const before = new SqliteStore({ path: file });
    await writeLegacy(before, [watch('w1'), watch('w2', { conversationKey: 'slack:T1:C9', nextRunAt: T0 + 5 * MINUTE })]);
    await before.close();

    const after = timedStore(await openStore({ sqlitePath: file }));
    const watches = openWatchStore(after, () => T0);
    expect(await watches.due(T0 + 10 * MINUTE, 10)).toEqual(['w1', 'w2']);
    expect((await watches.get('w2'))!.watch).toEqual(watch('w2', { conversationKey: 'slack:T1:C9', nextRunAt: T0 + 5 * MINUTE }));
    expect(await after.get(LEGACY_INDEX_KEY)).toBeUndefined();
    expect(await after.get(LEGACY_WATCH_PREFIX + 'w1')).toBeUndefined();
    expect(await watches.count()).toBe(2);
    await after.close?.();
  });

  test('running it twice (two replicas starting) keeps one copy of each watch', async () => {
    const store = new SqliteStore({ path: ':memory:' });
    await writeLegacy(store, [watch('w1')]);
    const target = new SqliteWatchStore(store.database);
    const [first, second] = await Promise.all([migrateLegacyWatches(store, target, () => T0), migrateLegacyWatches(store, target, () => T0)]);
    expect(first + second).toBe(1);
    expect(await target.count()).toBe(1);
    expect(await migrateLegacyWatches(store, target, () => T0)).toBe(0);
    await store.close();
  });

  test('a scheduler on an upgraded SQLite file runs the migrated watch when it is due', async () => {
    const file = tempFile();
    const clock = new Clock();
    const before = new SqliteStore({ path: file, now: clock.now });
    await writeLegacy(before, [watch('w1')]);
    await before.close();
    const store = new SqliteStore({ path: file, now: clock.now });
    const runner = new SettableRunner();
    runner.outcome = { outcome: 'took-effect' };
    const notifier = new RecordingNotifier();
    const scheduler = new WatchScheduler({ store, runCheck: runner.run, notifier, causes: SHIPPED, now: clock.now });
    expect(await scheduler.count()).toBe(1);
    clock.advance(MINUTE);
    const report = await scheduler.runDue();
    expect(report.checked).toEqual(['w1']);
    expect(report.ended).toEqual(['w1']);
    expect(await scheduler.count()).toBe(0);
    await store.close();
  });
});

const { describe: describeRedis, skipReason } = describeWithRedis();
if (skipReason) {
  describe.skip(`Redis watch store SKIPPED: ${skipReason}`, () => {
    test('needs a redis-server binary', () => undefined);
  });
} else {
  let server: RunningRedis | undefined;
  let prefixes = 0;
  const freshPrefix = () => `certstatus-watch-test-${process.pid}-${++prefixes}:`;
  beforeAll(async () => {
    server = await startRedisServer();
  });
  afterAll(async () => {
    await server?.stop();
  });

  runWatchStoreContract('Redis sorted set, two connections', async () => {
    const prefix = freshPrefix();
    const [one, two] = [await RedisStore.connect({ url: server!.url, keyPrefix: prefix }), await RedisStore.connect({ url: server!.url, keyPrefix: prefix })];
    return {
      a: new RedisWatchStore(one.redis),
      b: new RedisWatchStore(two.redis),
      close: async () => {
        await one.close();
        await two.close();
      },
    };
  });

  describeRedis('Redis migration and scheduler', () => {
    let store: OpenedStore;
    beforeEach(async () => {
      store = await openStore({ redisUrl: server!.url, redisKeyPrefix: freshPrefix() });
    });
    afterEach(async () => {
      await store.close?.();
    });

    test('watches in the old layout move to the sorted set on first use; the old keys are gone', async () => {
      await writeLegacy(store, [watch('w1'), watch('w2', { nextRunAt: T0 + 3 * MINUTE })]);
      const watches = openWatchStore(timedStore(store), () => T0);
      expect(await watches.due(T0 + 5 * MINUTE, 10)).toEqual(['w1', 'w2']);
      expect(await store.get(LEGACY_INDEX_KEY)).toBeUndefined();
      expect(await store.get(LEGACY_WATCH_PREFIX + 'w2')).toBeUndefined();
      expect((await watches.byConversation(request().conversationKey)).map((w) => w.watch.id).sort()).toEqual(['w1', 'w2']);
    });

    test('a scheduler on Redis: add, a tick with nothing due, the due re-check posts, cancel', async () => {
      const clock = new Clock();
      const runner = new SettableRunner();
      const notifier = new RecordingNotifier();
      const scheduler = new WatchScheduler({ store, runCheck: runner.run, notifier, causes: SHIPPED, now: clock.now });
      const added = await scheduler.add(request());
      expect(await scheduler.count()).toBe(1);
      expect((await scheduler.runDue()).checked).toEqual([]);
      clock.advance(MINUTE);
      runner.outcome = { outcome: 'record-missing' };
      const report = await scheduler.runDue();
      expect(report.checked).toEqual([added.id]);
      expect(notifier.posts).toHaveLength(1);
      expect(await scheduler.cancel(request().conversationKey)).toBe(1);
      expect(await scheduler.count()).toBe(0);
    });
  });
}
