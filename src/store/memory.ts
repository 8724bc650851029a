/**
 * An in-memory StateStore: for the terminal, tests and single-process deployments. Entries expire after
 * their TTL by the injected clock, so tests can move time without waiting.
 */
import type { SetOptions, SetResult, StateStore, Versioned } from './types';

interface Entry {
  value: unknown;
  version: number;
  expiresAt?: number;
}

export interface MemoryStoreOptions {
  /** Clock in milliseconds; defaults to Date.now. */
  now?: () => number;
}

export class MemoryStore implements StateStore {
  private readonly entries = new Map<string, Entry>();
  private readonly now: () => number;
  /** Versions come from one store-wide counter, so a key deleted and created again never reuses a version (no ABA). */
  private lastVersion = 0;

  constructor(options: MemoryStoreOptions = {}) {
    this.now = options.now ?? Date.now;
  }

  async get<T>(key: string): Promise<Versioned<T> | undefined> {
    const entry = this.live(key);
    // A deep copy, so a caller mutating what it read cannot change the stored state behind the store's back.
    return entry ? { value: structuredClone(entry.value) as T, version: entry.version } : undefined;
  }

  async set<T>(key: string, value: T, options: SetOptions = {}): Promise<SetResult> {
    const current = this.live(key);
    if (options.expectedVersion !== undefined && (current?.version ?? 0) !== options.expectedVersion) {
      return { ok: false, ...(current ? { current: { value: structuredClone(current.value), version: current.version } } : {}) };
    }
    const version = ++this.lastVersion;
    this.entries.set(key, { value: structuredClone(value), version, ...this.expiry(options.ttlMs) });
    return { ok: true, version };
  }

  async delete(key: string): Promise<void> {
    this.entries.delete(key);
  }

  async claim(key: string, ttlMs: number): Promise<boolean> {
    if (this.live(key)) return false;
    this.entries.set(key, { value: true, version: ++this.lastVersion, ...this.expiry(ttlMs) });
    return true;
  }

  async keys(prefix: string): Promise<string[]> {
    return [...this.entries.keys()].filter((key) => key.startsWith(prefix) && this.live(key));
  }

  async close(): Promise<void> {
    this.entries.clear();
  }

  /** The entry if present and not expired; expired entries are dropped on the way. */
  private live(key: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (entry && entry.expiresAt !== undefined && entry.expiresAt <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  private expiry(ttlMs: number | undefined): { expiresAt?: number } {
    return ttlMs !== undefined && ttlMs > 0 ? { expiresAt: this.now() + ttlMs } : {};
  }
}
