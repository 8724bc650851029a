/**
 * Picks the watch store for a state store: SQLite's own table or Redis's sorted set next to the state, or
 * the key-value fallback for any other store (memory). Before the first use, watches kept in the old
 * key-value layout (an index key plus one key per watch) are moved over, so an upgrade loses none.
 */
import type Redis from 'ioredis';
import type Database from 'better-sqlite3';
import { withTimeout } from '../store/timed';
import type { StateStore } from '../store/types';
import type { Watch } from './types';
import { KvWatchStore, LEGACY_INDEX_KEY, LEGACY_WATCH_PREFIX, type StoredWatch, type WatchStore } from './watch-store';
import { RedisWatchStore } from './watch-store-redis';
import { SqliteWatchStore } from './watch-store-sqlite';

/** What SqliteStore and RedisStore offer (also through timedStore, which keeps the store's other members). */
interface WithSqlite {
  kind: 'sqlite';
  database: Database.Database;
}
interface WithRedis {
  kind: 'redis';
  description?: string;
  redis: { client: Redis; prefix: string; versionCounterKey: string };
}

export function openWatchStore(store: StateStore, now: () => number): WatchStore {
  const candidate = store as Partial<Omit<WithSqlite, 'kind'>> & Partial<Omit<WithRedis, 'kind'>> & { kind?: string; callTimeoutMs?: number };
  if (candidate.kind === 'sqlite' && candidate.database) {
    return migrating(new SqliteWatchStore(candidate.database), store, now, candidate.callTimeoutMs);
  }
  if (candidate.kind === 'redis' && candidate.redis) {
    return migrating(new RedisWatchStore({ ...candidate.redis, description: candidate.description }), store, now, candidate.callTimeoutMs);
  }
  return new KvWatchStore(store, now);
}

/**
 * Moves every watch of the old key-value layout into `target`, then deletes the old keys. Safe to run by
 * several replicas at once: create() keeps the first copy of an id, the deletes are idempotent.
 */
export async function migrateLegacyWatches(kv: StateStore, target: WatchStore, now: () => number): Promise<number> {
  const legacy = new KvWatchStore(kv, now);
  const ids = await legacy.ids();
  if (!ids.length) return 0;
  let moved = 0;
  for (const id of ids) {
    const old = await legacy.get(id);
    if (old && (await target.create(old.watch))) moved += 1;
    await kv.delete(LEGACY_WATCH_PREFIX + id);
  }
  // One delete of the index at the end, not one index rewrite per watch.
  await kv.delete(LEGACY_INDEX_KEY);
  return moved;
}

/**
 * `target`, with the migration run (once, retried after a failure) before its first operation, and every
 * call bounded by the state store's timeout when it has one (timedStore), so a frozen Redis fails a tick or
 * the watches gauge after that time instead of holding it.
 */
function migrating(target: WatchStore, kv: StateStore, now: () => number, timeoutMs?: number): WatchStore {
  let done: Promise<unknown> | undefined;
  const ready = (): Promise<unknown> => {
    done ??= migrateLegacyWatches(kv, target, now).catch((error: unknown) => {
      done = undefined;
      throw error;
    });
    return done;
  };
  const after =
    <A extends unknown[], R>(operation: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      await ready();
      return timeoutMs ? withTimeout(operation(...args), timeoutMs, 'watches') : operation(...args);
    };
  return {
    get: after((id: string): Promise<StoredWatch | undefined> => target.get(id)),
    create: after((watch: Watch) => target.create(watch)),
    update: after((watch: Watch, version: number) => target.update(watch, version)),
    remove: after((id: string) => target.remove(id)),
    due: after((at: number, limit: number) => target.due(at, limit)),
    byConversation: after((key: string) => target.byConversation(key)),
    count: after(() => target.count()),
  };
}
