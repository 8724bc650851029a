/**
 * Watches in the StateStore. The store has no listing, so an index key holds every watch id; it is only
 * ever changed with compare-and-set, so two replicas adding or removing watches at once lose nothing.
 */
import type { StateStore } from '../store/types';
import type { Watch } from './types';

const INDEX_KEY = 'watch:index';
const WATCH_PREFIX = 'watch:item:';
/** Attempts at an index update that keeps losing races before giving up. */
const MAX_CAS_ATTEMPTS = 20;
/** Watches stay readable a day after they expire, so a late replica still sees (and ends) them. */
const KEEP_AFTER_EXPIRY_MS = 24 * 60 * 60 * 1000;

export interface StoredWatch {
  watch: Watch;
  version: number;
}

export class WatchStore {
  constructor(
    private readonly store: StateStore,
    private readonly now: () => number,
  ) {}

  async ids(): Promise<string[]> {
    return (await this.store.get<string[]>(INDEX_KEY))?.value ?? [];
  }

  async get(id: string): Promise<StoredWatch | undefined> {
    const stored = await this.store.get<Watch>(WATCH_PREFIX + id);
    return stored ? { watch: stored.value, version: stored.version } : undefined;
  }

  /** Every watch in the index; ids whose watch is gone (expired in the store) are dropped from it. */
  async all(): Promise<StoredWatch[]> {
    const ids = await this.ids();
    const found = await Promise.all(ids.map((id) => this.get(id)));
    const missing = ids.filter((_id, i) => !found[i]);
    if (missing.length) await this.updateIndex((current) => current.filter((id) => !missing.includes(id)));
    return found.filter((w): w is StoredWatch => Boolean(w));
  }

  /** Writes a new watch and adds it to the index; false when a watch with that id already exists. */
  async create(watch: Watch): Promise<boolean> {
    const written = await this.store.set(WATCH_PREFIX + watch.id, watch, { expectedVersion: 0, ttlMs: this.ttl(watch) });
    await this.updateIndex((ids) => (ids.includes(watch.id) ? ids : [...ids, watch.id]));
    return written.ok;
  }

  /** Compare-and-set on the watch: false when someone else changed or removed it since `version`. */
  async update(watch: Watch, version: number): Promise<boolean> {
    return (await this.store.set(WATCH_PREFIX + watch.id, watch, { expectedVersion: version, ttlMs: this.ttl(watch) })).ok;
  }

  async remove(id: string): Promise<void> {
    await this.store.delete(WATCH_PREFIX + id);
    await this.updateIndex((ids) => ids.filter((other) => other !== id));
  }

  private ttl(watch: Watch): number {
    return Math.max(1, watch.expiresAt - this.now() + KEEP_AFTER_EXPIRY_MS);
  }

  private async updateIndex(change: (ids: string[]) => string[]): Promise<void> {
    for (let attempt = 0; attempt < MAX_CAS_ATTEMPTS; attempt += 1) {
      const stored = await this.store.get<string[]>(INDEX_KEY);
      const current = stored?.value ?? [];
      const next = change(current);
      if (next.length === current.length && next.every((id, i) => id === current[i])) return;
      if ((await this.store.set(INDEX_KEY, next, { expectedVersion: stored?.version ?? 0 })).ok) return;
    }
    throw new Error('the watch index kept changing under concurrent updates; try again');
  }
}
