/**
 * Where watches are kept. Each store answers "what is due now" from an ordered index (SQLite's indexed
 * due-time column, Redis's sorted set), so a tick reads only what is due, and add/remove touch one watch.
 * Versions make every update a compare-and-set, so two replicas never both reschedule one watch.
 *
 * KvWatchStore is the fallback for a plain StateStore (memory, `certstatus chat`): the store has no
 * listing, so an index key holds every watch id and a tick reads them all. Its key layout is also the one
 * SQLite and Redis used before they had their own, which watch-store-open.ts migrates from on start.
 */
import type { StateStore } from '../store/types';
import type { Watch } from './types';

export interface StoredWatch {
  watch: Watch;
  version: number;
}

export interface WatchStore {
  get(id: string): Promise<StoredWatch | undefined>;
  /** Writes a new watch; false when a watch with that id already exists. */
  create(watch: Watch): Promise<boolean>;
  /** Compare-and-set on the watch: false when someone else changed or removed it since `version`. */
  update(watch: Watch, version: number): Promise<boolean>;
  remove(id: string): Promise<void>;
  /** Ids of watches whose `nextRunAt` is at or before `now`, earliest first, at most `limit`. */
  due(now: number, limit: number): Promise<string[]>;
  /** This conversation's watches (any order). */
  byConversation(conversationKey: string): Promise<StoredWatch[]>;
  count(): Promise<number>;
}

/** The key layout of KvWatchStore (and of SQLite and Redis before their own tables; see the migration). */
export const LEGACY_INDEX_KEY = 'watch:index';
export const LEGACY_WATCH_PREFIX = 'watch:item:';
/** Attempts at an index update that keeps losing races before giving up. */
const MAX_CAS_ATTEMPTS = 20;
/** Watches stay readable a day after they expire, so a late replica still sees (and ends) them. */
const KEEP_AFTER_EXPIRY_MS = 24 * 60 * 60 * 1000;

export class KvWatchStore implements WatchStore {
  constructor(
    private readonly store: StateStore,
    private readonly now: () => number,
  ) {}

  async ids(): Promise<string[]> {
    return (await this.store.get<string[]>(LEGACY_INDEX_KEY))?.value ?? [];
  }

  async get(id: string): Promise<StoredWatch | undefined> {
    const stored = await this.store.get<Watch>(LEGACY_WATCH_PREFIX + id);
    return stored ? { watch: stored.value, version: stored.version } : undefined;
  }

  /** Every watch in the index; ids whose watch is gone (expired in the store) are dropped from it. */
  async all(): Promise<StoredWatch[]> {
    const ids = await this.ids();
    const found = await Promise.all(ids.map((id) => this.get(id)));
    const missing = new Set(ids.filter((_id, i) => !found[i]));
    if (missing.size) await this.updateIndex((current) => current.filter((id) => !missing.has(id)));
    return found.filter((w): w is StoredWatch => Boolean(w));
  }

  async create(watch: Watch): Promise<boolean> {
    const written = await this.store.set(LEGACY_WATCH_PREFIX + watch.id, watch, { expectedVersion: 0, ttlMs: this.ttl(watch) });
    await this.updateIndex((ids) => (ids.includes(watch.id) ? ids : [...ids, watch.id]));
    return written.ok;
  }

  async update(watch: Watch, version: number): Promise<boolean> {
    return (await this.store.set(LEGACY_WATCH_PREFIX + watch.id, watch, { expectedVersion: version, ttlMs: this.ttl(watch) })).ok;
  }

  async remove(id: string): Promise<void> {
    await this.store.delete(LEGACY_WATCH_PREFIX + id);
    await this.updateIndex((ids) => ids.filter((other) => other !== id));
  }

  async due(now: number, limit: number): Promise<string[]> {
    return (await this.all())
      .filter((stored) => stored.watch.nextRunAt <= now)
      .sort((a, b) => a.watch.nextRunAt - b.watch.nextRunAt)
      .slice(0, limit)
      .map((stored) => stored.watch.id);
  }

  async byConversation(conversationKey: string): Promise<StoredWatch[]> {
    return (await this.all()).filter((stored) => stored.watch.conversationKey === conversationKey);
  }

  async count(): Promise<number> {
    return (await this.ids()).length;
  }

  private ttl(watch: Watch): number {
    return Math.max(1, watch.expiresAt - this.now() + KEEP_AFTER_EXPIRY_MS);
  }

  private async updateIndex(change: (ids: string[]) => string[]): Promise<void> {
    for (let attempt = 0; attempt < MAX_CAS_ATTEMPTS; attempt += 1) {
      const stored = await this.store.get<string[]>(LEGACY_INDEX_KEY);
      const current = stored?.value ?? [];
      const next = change(current);
      if (next.length === current.length && next.every((id, i) => id === current[i])) return;
      if ((await this.store.set(LEGACY_INDEX_KEY, next, { expectedVersion: stored?.version ?? 0 })).ok) return;
    }
    throw new Error('the watch index kept changing under concurrent updates; try again');
  }
}
