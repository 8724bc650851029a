/**
 * The event log in Redis: one sorted set scored by time, so several replicas append to one log and a
 * period is one ZRANGEBYSCORE. Members carry a random id so two identical events stay two.
 */
import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { CertstatusError, ErrorCode } from '../core/errors';
import { DEFAULT_REDIS_PREFIX } from '../store/redis';
import { compactEvent, type EventLog, type EventQuery, type OpsEvent } from './events';

export class RedisEventLog implements EventLog {
  private constructor(
    private readonly client: Redis,
    private readonly key: string,
  ) {}

  /** `retentionMs`: events older than this are dropped on connect (the server's own log; stats does not prune). */
  static async connect(url: string, keyPrefix = DEFAULT_REDIS_PREFIX, retentionMs?: number): Promise<RedisEventLog> {
    const client = new Redis(url, { lazyConnect: true, connectTimeout: 5000, maxRetriesPerRequest: 3, disconnectTimeout: 200 });
    client.on('error', () => undefined); // reported through the failing command instead
    try {
      await client.connect();
    } catch (error) {
      client.disconnect();
      throw new CertstatusError(ErrorCode.Config, `Cannot reach Redis for the event log: ${(error as Error).message}. Check REDIS_URL.`);
    }
    const log = new RedisEventLog(client, `${keyPrefix}events`);
    if (retentionMs !== undefined) await client.zremrangebyscore(log.key, '-inf', `(${Date.now() - retentionMs}`);
    return log;
  }

  async append(event: OpsEvent): Promise<void> {
    await this.client.zadd(this.key, event.at, JSON.stringify({ id: randomUUID(), ...compactEvent(event) }));
  }

  async query({ since, until }: EventQuery): Promise<OpsEvent[]> {
    const members = await this.client.zrangebyscore(this.key, since, `(${until}`);
    return members.map((member) => {
      const { id: _id, ...event } = JSON.parse(member) as OpsEvent & { id: string };
      return event;
    });
  }

  async close(): Promise<void> {
    await this.client.quit().catch(() => this.client.disconnect());
  }
}
