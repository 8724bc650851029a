/**
 * The event log as a table `events` in the SQLite file of the state store (its own connection; WAL lets
 * it write beside the store). Indexed by time, since stats always asks for a period.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import Database from 'better-sqlite3';
import { CertstatusError, ErrorCode } from '../core/errors';
import { DEFAULT_SQLITE_FILE } from '../store/sqlite';
import { compactEvent, type EventLog, type EventQuery, type OpsEvent } from './events';

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS events (
    id INTEGER PRIMARY KEY,
    at INTEGER NOT NULL,
    kind TEXT NOT NULL,
    channel TEXT NOT NULL,
    conversation_key TEXT,
    started_at INTEGER,
    outcome TEXT,
    cause TEXT,
    duration_ms INTEGER,
    who TEXT,
    certificate TEXT,
    domain TEXT,
    flow TEXT,
    node TEXT
  );
  CREATE INDEX IF NOT EXISTS events_at ON events (at);
`;

interface Row {
  at: number;
  kind: OpsEvent['kind'];
  channel: string;
  conversation_key: string | null;
  started_at: number | null;
  outcome: string | null;
  cause: string | null;
  duration_ms: number | null;
  who: string | null;
  certificate: string | null;
  domain: string | null;
  flow: string | null;
  node: string | null;
}

export interface SqliteEventLogOptions {
  path?: string;
  /** Refuse to create the file (stats reads; it must not leave an empty database behind). */
  mustExist?: boolean;
  /** Events older than this are dropped on open and every 1000 appends (default 400 days). */
  retentionMs?: number;
  now?: () => number;
}

export const DEFAULT_EVENT_RETENTION_MS = 400 * 24 * 60 * 60 * 1000;
const PRUNE_EVERY_APPENDS = 1000;

export class SqliteEventLog implements EventLog {
  readonly path: string;
  private readonly db: Database.Database;
  private readonly insert;
  private readonly select;
  private readonly prune;
  private readonly retentionMs: number;
  private readonly now: () => number;
  private appendsSincePrune = 0;

  constructor(options: SqliteEventLogOptions = {}) {
    this.path = options.path === ':memory:' ? ':memory:' : resolve(options.path ?? DEFAULT_SQLITE_FILE);
    if (options.mustExist && this.path !== ':memory:' && !existsSync(this.path)) {
      throw new CertstatusError(ErrorCode.Config, `No certstatus database at ${this.path}: set CERTSTATUS_DB to the file \`certstatus serve\` uses.`);
    }
    try {
      this.db = new Database(this.path);
      this.db.pragma('journal_mode = WAL');
      this.db.pragma('busy_timeout = 5000');
      this.db.exec(SCHEMA);
      // Files from before certificate look-ups (who, certificate) and the dashboard (domain, flow, node) lack these columns.
      const columns = new Set(this.db.prepare<[], { name: string }>('PRAGMA table_info(events)').all().map((c) => c.name));
      for (const column of ['who', 'certificate', 'domain', 'flow', 'node']) if (!columns.has(column)) this.db.exec(`ALTER TABLE events ADD COLUMN ${column} TEXT`);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new CertstatusError(ErrorCode.Config, `Cannot open the SQLite database ${this.path}: ${reason}.`);
    }
    this.insert = this.db.prepare(
      `INSERT INTO events (at, kind, channel, conversation_key, started_at, outcome, cause, duration_ms, who, certificate, domain, flow, node)
       VALUES (@at, @kind, @channel, @conversationKey, @startedAt, @outcome, @cause, @durationMs, @who, @certificate, @domain, @flow, @node)`,
    );
    this.select = this.db.prepare<[number, number], Row>('SELECT * FROM events WHERE at >= ? AND at < ? ORDER BY at, id');
    this.prune = this.db.prepare<[number]>('DELETE FROM events WHERE at < ?');
    this.retentionMs = options.retentionMs ?? DEFAULT_EVENT_RETENTION_MS;
    this.now = options.now ?? Date.now;
    if (!options.mustExist) this.pruneOld();
  }

  /** Drops events past the retention, so the table does not grow forever. */
  pruneOld(): number {
    this.appendsSincePrune = 0;
    return this.prune.run(this.now() - this.retentionMs).changes;
  }

  async append(event: OpsEvent): Promise<void> {
    this.insert.run({
      at: event.at,
      kind: event.kind,
      channel: event.channel,
      conversationKey: event.conversationKey ?? null,
      startedAt: event.startedAt ?? null,
      outcome: event.outcome ?? null,
      cause: event.cause ?? null,
      durationMs: event.durationMs ?? null,
      who: event.who ?? null,
      certificate: event.certificate ?? null,
      domain: event.domain ?? null,
      flow: event.flow ?? null,
      node: event.node ?? null,
    });
    if ((this.appendsSincePrune += 1) >= PRUNE_EVERY_APPENDS) this.pruneOld();
  }

  async query({ since, until }: EventQuery): Promise<OpsEvent[]> {
    return this.select.all(since, until).map((row) =>
      compactEvent({
        at: row.at,
        kind: row.kind,
        channel: row.channel,
        conversationKey: row.conversation_key ?? undefined,
        startedAt: row.started_at ?? undefined,
        outcome: row.outcome ?? undefined,
        cause: row.cause ?? undefined,
        durationMs: row.duration_ms ?? undefined,
        who: row.who ?? undefined,
        certificate: row.certificate ?? undefined,
        domain: row.domain ?? undefined,
        flow: row.flow ?? undefined,
        node: row.node ?? undefined,
      }),
    );
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
