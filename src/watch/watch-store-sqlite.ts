/**
 * Watches in their own table of the SQLite state file: the due time is an indexed column, so a tick is one
 * index range read of what is due, and add/remove/update each touch one row. Versions come from the state
 * store's counter (state_meta), so a watch removed and created again never reuses a version (no ABA).
 */
import type Database from 'better-sqlite3';
import { CertstatusError, ErrorCode } from '../core/errors';
import type { Watch } from './types';
import type { StoredWatch, WatchStore } from './watch-store';

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS watches (
    id TEXT PRIMARY KEY,
    conversation_key TEXT NOT NULL,
    next_run_at INTEGER NOT NULL,
    version INTEGER NOT NULL,
    body TEXT NOT NULL
  );
  CREATE INDEX IF NOT EXISTS watches_next_run_at ON watches (next_run_at);
  CREATE INDEX IF NOT EXISTS watches_conversation_key ON watches (conversation_key);
  CREATE TABLE IF NOT EXISTS state_meta (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
  INSERT OR IGNORE INTO state_meta (name, value) VALUES ('last_version', 0);
`;

interface Row {
  body: string;
  version: number;
}

export class SqliteWatchStore implements WatchStore {
  private readonly statements;

  constructor(private readonly db: Database.Database) {
    db.exec(SCHEMA);
    this.statements = {
      select: db.prepare<[string], Row>('SELECT body, version FROM watches WHERE id = ?'),
      insert: db.prepare<[string, string, number, number, string]>(
        'INSERT INTO watches (id, conversation_key, next_run_at, version, body) VALUES (?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING',
      ),
      update: db.prepare<[number, number, string, string, number]>(
        'UPDATE watches SET next_run_at = ?, version = ?, body = ? WHERE id = ? AND version = ?',
      ),
      delete: db.prepare<[string]>('DELETE FROM watches WHERE id = ?'),
      due: db.prepare<[number, number], { id: string }>('SELECT id FROM watches WHERE next_run_at <= ? ORDER BY next_run_at LIMIT ?'),
      byConversation: db.prepare<[string], Row>('SELECT body, version FROM watches WHERE conversation_key = ?'),
      count: db.prepare<[], { n: number }>('SELECT count(*) AS n FROM watches'),
      nextVersion: db.prepare<[], { value: number }>("UPDATE state_meta SET value = value + 1 WHERE name = 'last_version' RETURNING value"),
    };
  }

  async get(id: string): Promise<StoredWatch | undefined> {
    const row = this.guard(() => this.statements.select.get(id));
    return row ? stored(row) : undefined;
  }

  async create(watch: Watch): Promise<boolean> {
    return this.write(() => this.statements.insert.run(watch.id, watch.conversationKey, watch.nextRunAt, this.nextVersion(), JSON.stringify(watch)).changes === 1);
  }

  async update(watch: Watch, version: number): Promise<boolean> {
    return this.write(() => this.statements.update.run(watch.nextRunAt, this.nextVersion(), JSON.stringify(watch), watch.id, version).changes === 1);
  }

  async remove(id: string): Promise<void> {
    this.guard(() => this.statements.delete.run(id));
  }

  async due(now: number, limit: number): Promise<string[]> {
    return this.guard(() => this.statements.due.all(now, limit).map((row) => row.id));
  }

  async byConversation(conversationKey: string): Promise<StoredWatch[]> {
    return this.guard(() => this.statements.byConversation.all(conversationKey).map(stored));
  }

  async count(): Promise<number> {
    return this.guard(() => this.statements.count.get()?.n ?? 0);
  }

  /** IMMEDIATE: the version bump and the row write are one step for every process on the file. */
  private write<R>(work: () => R): R {
    return this.guard(() => this.db.transaction(work).immediate());
  }

  private nextVersion(): number {
    const row = this.statements.nextVersion.get();
    if (!row) throw new CertstatusError(ErrorCode.Unknown, 'The SQLite state file has no version counter row.');
    return row.value;
  }

  private guard<R>(operation: () => R): R {
    try {
      return operation();
    } catch (error) {
      if (error instanceof CertstatusError) throw error;
      const reason = error instanceof Error ? error.message : String(error);
      throw new CertstatusError(ErrorCode.Unknown, `The watch table is unavailable (SQLite ${this.db.name}): ${reason}`);
    }
  }
}

function stored(row: Row): StoredWatch {
  return { watch: JSON.parse(row.body) as Watch, version: row.version };
}
