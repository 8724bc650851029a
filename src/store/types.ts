/**
 * State storage behind one small interface (after grammY's storage adapters and Chat SDK's state
 * adapters): memory now, SQLite and Redis later, the same contract tests for each.
 */

export interface Versioned<T> {
  value: T;
  /** Increments on every write; used for compare-and-set. */
  version: number;
}

export interface SetOptions {
  /** Time to live in milliseconds; the entry disappears afterwards. */
  ttlMs?: number;
  /**
   * Compare-and-set: write only if the stored version equals this. `0` means "only if absent".
   * Omit for an unconditional write.
   */
  expectedVersion?: number;
}

export type SetResult = { ok: true; version: number } | { ok: false; current?: Versioned<unknown> };

export interface StateStore {
  get<T>(key: string): Promise<Versioned<T> | undefined>;
  set<T>(key: string, value: T, options?: SetOptions): Promise<SetResult>;
  delete(key: string): Promise<void>;
  /**
   * Atomically create `key` if absent (for deduplicating retried Slack events / Teams activities).
   * Returns true for the first caller only.
   */
  claim(key: string, ttlMs: number): Promise<boolean>;
  /**
   * Every live key starting with `prefix`, in no particular order (for the outbox's few "work pending"
   * markers at start-up; not meant for large key spaces).
   */
  keys?(prefix: string): Promise<string[]>;
  close?(): Promise<void>;
}
