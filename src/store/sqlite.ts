/**
 * A StateStore in one SQLite file (better-sqlite3): the embedded default of `certstatus serve`, so a
 * restart loses no conversation. Several processes may open the same file; WAL mode lets readers run
 * beside the single writer, and every write runs in a BEGIN IMMEDIATE transaction so compare-and-set
 * and claim are atomic across processes too.
 */
import { resolve } from 'node:path';
import Database from 'better-sqlite3';
import { CertstatusError, ErrorCode } from '../core/errors';
import type { SetOptions, SetResult, StateStore, Versioned } from './types';
import { expiryFrom, toJson } from './serialize';

export const DEFAULT_SQLITE_FILE = 'certstatus.db';

export interface SqliteStoreOptions {
  /** File to open or create; `certstatus.db` in the working directory when unset. `:memory:` works too. */
  path?: string;
  /** Clock in milliseconds for TTLs; defaults to Date.now. */
  now?: () => number;
  /** Purge every expired row after this many writes (rows are also hidden and dropped lazily on read). */
  purgeEveryWrites?: number;
}

interface Row {
  value: string;
  version: number;
  expires_at: number | null;
}

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS state (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL,
    version INTEGER NOT NULL,
    expires_at INTEGER
  );
  CREATE INDEX IF NOT EXISTS state_expires_at ON state (expires_at) WHERE expires_at IS NOT NULL;
  -- One store-wide version counter, so a key deleted and created again never reuses a version (no ABA).
  CREATE TABLE IF NOT EXISTS state_meta (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
  INSERT OR IGNORE INTO state_meta (name, value) VALUES ('last_version', 0);
  -- Leases (one watch runs on one process) kept apart from the state so no key can collide with one.
  CREATE TABLE IF NOT EXISTS leases (name TEXT PRIMARY KEY, owner TEXT NOT NULL, expires_at INTEGER NOT NULL);
`;

export class SqliteStore implements StateStore {
  readonly kind = 'sqlite' as const;
  readonly path: string;
  private readonly db: Database.Database;
  private readonly now: () => number;
  private readonly purgeEveryWrites: number;
  private writesSincePurge = 0;
  private readonly statements;

  constructor(options: SqliteStoreOptions = {}) {
    this.path = options.path === ':memory:' ? ':memory:' : resolve(options.path ?? DEFAULT_SQLITE_FILE);
    this.now = options.now ?? Date.now;
    this.purgeEveryWrites = options.purgeEveryWrites ?? 500;
    this.db = openDatabase(this.path);
    this.statements = {
      select: this.db.prepare<[string], Row>('SELECT value, version, expires_at FROM state WHERE key = ?'),
      upsert: this.db.prepare<[string, string, number, number | null]>(
        `INSERT INTO state (key, value, version, expires_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value, version = excluded.version, expires_at = excluded.expires_at`,
      ),
      delete: this.db.prepare<[string]>('DELETE FROM state WHERE key = ?'),
      deleteIfExpired: this.db.prepare<[string, number]>('DELETE FROM state WHERE key = ? AND expires_at <= ?'),
      purge: this.db.prepare<[number]>('DELETE FROM state WHERE expires_at <= ?'),
      // A range on the primary key, so the prefix needs no LIKE escaping and uses the index.
      keys: this.db.prepare<[string, string, number], { key: string }>(
        'SELECT key FROM state WHERE key >= ? AND key < ? AND (expires_at IS NULL OR expires_at > ?)',
      ),
      nextVersion: this.db.prepare<[], { value: number }>(
        "UPDATE state_meta SET value = value + 1 WHERE name = 'last_version' RETURNING value",
      ),
      selectLease: this.db.prepare<[string], { owner: string; expires_at: number }>(
        'SELECT owner, expires_at FROM leases WHERE name = ?',
      ),
      upsertLease: this.db.prepare<[string, string, number]>(
        `INSERT INTO leases (name, owner, expires_at) VALUES (?, ?, ?)
         ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at`,
      ),
      deleteLease: this.db.prepare<[string, string]>('DELETE FROM leases WHERE name = ? AND owner = ?'),
    };
    this.purgeExpired();
  }

  async get<T>(key: string): Promise<Versioned<T> | undefined> {
    return this.guard(() => {
      const row = this.statements.select.get(key);
      if (!row) return undefined;
      if (this.isExpired(row)) {
        this.statements.deleteIfExpired.run(key, this.now());
        return undefined;
      }
      return { value: JSON.parse(row.value) as T, version: row.version };
    });
  }

  async set<T>(key: string, value: T, options: SetOptions = {}): Promise<SetResult> {
    const json = toJson(value);
    const result = this.write((): SetResult => {
      const current = this.liveRow(key);
      if (options.expectedVersion !== undefined && (current?.version ?? 0) !== options.expectedVersion) {
        return { ok: false, ...(current ? { current: { value: JSON.parse(current.value), version: current.version } } : {}) };
      }
      const version = this.nextVersion();
      this.statements.upsert.run(key, json, version, expiryFrom(this.now(), options.ttlMs) ?? null);
      return { ok: true, version };
    });
    return result;
  }

  async delete(key: string): Promise<void> {
    this.guard(() => this.statements.delete.run(key));
  }

  async claim(key: string, ttlMs: number): Promise<boolean> {
    return this.write(() => {
      if (this.liveRow(key)) return false;
      this.statements.upsert.run(key, 'true', this.nextVersion(), expiryFrom(this.now(), ttlMs) ?? null);
      return true;
    });
  }

  async keys(prefix: string): Promise<string[]> {
    return this.guard(() => this.statements.keys.all(prefix, `${prefix}\uffff`, this.now()).map((row) => row.key));
  }

  /** The open database, for tables kept beside the state (the watches' due-time table). */
  get database(): Database.Database {
    return this.db;
  }

  /** For the startup log line. */
  get description(): string {
    return `SQLite file ${this.path}`;
  }

  /**
   * Take or renew the lease `name` for `owner` (for example: one replica runs a given watch). True when
   * `owner` holds it afterwards; false while another owner's lease is unexpired.
   */
  async acquireLease(name: string, owner: string, ttlMs: number): Promise<boolean> {
    return this.write(() => {
      const now = this.now();
      const lease = this.statements.selectLease.get(name);
      if (lease && lease.owner !== owner && lease.expires_at > now) return false;
      this.statements.upsertLease.run(name, owner, now + Math.max(1, Math.ceil(ttlMs)));
      return true;
    });
  }

  /** Give up the lease if `owner` still holds it (true); a lease taken over by someone else is left alone. */
  async releaseLease(name: string, owner: string): Promise<boolean> {
    return this.guard(() => this.statements.deleteLease.run(name, owner).changes > 0);
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  /** Drop every expired row now (also done on open and every `purgeEveryWrites` writes). */
  purgeExpired(): number {
    this.writesSincePurge = 0;
    return this.statements.purge.run(this.now()).changes;
  }

  /** Run `work` in an IMMEDIATE transaction: it takes the write lock up front, so two processes cannot both read-then-write. */
  private write<R>(work: () => R): R {
    return this.guard(() => {
      const result = this.db.transaction(work).immediate();
      this.writesSincePurge += 1;
      if (this.writesSincePurge >= this.purgeEveryWrites) this.purgeExpired();
      return result;
    });
  }

  /** SQLite failures (closed, locked past busy_timeout, disk full) become a coded error naming the file. */
  private guard<R>(operation: () => R): R {
    try {
      return operation();
    } catch (error) {
      if (error instanceof CertstatusError) throw error;
      const reason = error instanceof Error ? error.message : String(error);
      throw new CertstatusError(ErrorCode.Unknown, `The state store is unavailable (${this.description}): ${reason}`);
    }
  }

  private liveRow(key: string): Row | undefined {
    const row = this.statements.select.get(key);
    return row && !this.isExpired(row) ? row : undefined;
  }

  private isExpired(row: Row): boolean {
    return row.expires_at !== null && row.expires_at <= this.now();
  }

  private nextVersion(): number {
    const row = this.statements.nextVersion.get();
    if (!row) throw new CertstatusError(ErrorCode.Unknown, 'The SQLite state file has no version counter row.');
    return row.value;
  }
}

function openDatabase(path: string): Database.Database {
  let db: Database.Database | undefined;
  try {
    db = new Database(path);
    db.pragma('journal_mode = WAL');
    // Wait for another process's write instead of failing at once with SQLITE_BUSY.
    db.pragma('busy_timeout = 5000');
    // With WAL, NORMAL survives a killed process (only a power loss may drop the last commits).
    db.pragma('synchronous = NORMAL');
    db.exec(SCHEMA);
    return db;
  } catch (error) {
    db?.close();
    const reason = error instanceof Error ? error.message : String(error);
    throw new CertstatusError(
      ErrorCode.Config,
      `Cannot open the SQLite state file ${path}: ${reason}. Set CERTSTATUS_DB to a writable file path.`,
    );
  }
}
