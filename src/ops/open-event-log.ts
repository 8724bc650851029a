/** The event log that goes with the chosen state store: the same SQLite file, the same Redis, or memory. */
import type { OpenStoreOptions } from '../store/open-store';
import { MemoryEventLog, type EventLog } from './events';
import { RedisEventLog } from './event-log-redis';
import { DEFAULT_EVENT_RETENTION_MS, SqliteEventLog } from './event-log-sqlite';

export async function openEventLog(options: OpenStoreOptions & { mustExist?: boolean } = {}): Promise<EventLog> {
  // An in-memory SQLite database is private to its connection: keep the events in memory beside it.
  if (options.memory || options.sqlitePath === ':memory:') return new MemoryEventLog();
  if (options.redisUrl !== undefined) return RedisEventLog.connect(options.redisUrl, options.redisKeyPrefix, options.mustExist ? undefined : DEFAULT_EVENT_RETENTION_MS);
  return new SqliteEventLog({ path: options.sqlitePath, mustExist: options.mustExist });
}
