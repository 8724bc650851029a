/**
 * A StateStore in Redis (ioredis), for several replicas behind a load balancer: compare-and-set and claim
 * run as Lua scripts (atomic on the server), TTLs are Redis's own PX expiries (so they follow the server's
 * clock, not an injected one), and leases let one replica run a given watch.
 */
import Redis from 'ioredis';
import { CertstatusError, ErrorCode } from '../core/errors';
import type { SetOptions, SetResult, StateStore, Versioned } from './types';
import { toJson, ttlMillis } from './serialize';
import { ACQUIRE_LEASE_SCRIPT, CLAIM_SCRIPT, RELEASE_LEASE_SCRIPT, SET_SCRIPT } from './redis-scripts';

export const DEFAULT_REDIS_PREFIX = 'certstatus:';

export interface RedisStoreOptions {
  /** redis://[user:password@]host:port[/db] or rediss:// for TLS (from REDIS_URL). */
  url: string;
  /** Namespace of every key (default `certstatus:`), so deployments or tests can share one server. */
  keyPrefix?: string;
  connectTimeoutMs?: number;
  /** Told about connection errors after startup (ioredis reconnects by itself); for logging. */
  onError?: (error: Error) => void;
}

/** The scripts as commands; ioredis sends EVALSHA and falls back to EVAL when the server lost its script cache. */
interface ScriptedRedis extends Redis {
  certstatusSet(entry: string, counter: string, json: string, expected: string, ttl: string): Promise<[number, string | number | null]>;
  certstatusClaim(entry: string, counter: string, ttl: string): Promise<number>;
  certstatusAcquireLease(lease: string, owner: string, ttl: string): Promise<number>;
  certstatusReleaseLease(lease: string, owner: string): Promise<number>;
}

export class RedisStore implements StateStore {
  readonly kind = 'redis' as const;
  private closed = false;

  private constructor(
    private readonly client: ScriptedRedis,
    private readonly prefix: string,
    /** For the startup log line; the password is masked. */
    readonly description: string,
  ) {}

  /** Connects and waits until Redis answers, so a wrong REDIS_URL fails at startup with a clear message. */
  static async connect(options: RedisStoreOptions): Promise<RedisStore> {
    checkRedisUrl(options.url);
    const display = redactedUrl(options.url);
    const client = new Redis(options.url, {
      lazyConnect: true,
      connectTimeout: options.connectTimeoutMs ?? 5000,
      // Fail a command after a few reconnect attempts instead of queueing it forever.
      maxRetriesPerRequest: 3,
      retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
      // After a failed connect, destroy the socket soon rather than holding the process open for 2 s.
      disconnectTimeout: 200,
    }) as ScriptedRedis;
    client.defineCommand('certstatusSet', { numberOfKeys: 2, lua: SET_SCRIPT });
    client.defineCommand('certstatusClaim', { numberOfKeys: 2, lua: CLAIM_SCRIPT });
    client.defineCommand('certstatusAcquireLease', { numberOfKeys: 1, lua: ACQUIRE_LEASE_SCRIPT });
    client.defineCommand('certstatusReleaseLease', { numberOfKeys: 1, lua: RELEASE_LEASE_SCRIPT });
    let startupError: Error | undefined;
    client.on('error', (error: Error) => {
      if (startupError === undefined) startupError = error;
      options.onError?.(error);
    });
    try {
      await client.connect();
      await client.ping();
    } catch (error) {
      client.disconnect();
      const reason = (startupError ?? (error as Error)).message;
      throw new CertstatusError(ErrorCode.Config, `Cannot reach Redis at ${display}: ${reason}. Check REDIS_URL.`);
    }
    const prefix = options.keyPrefix ?? DEFAULT_REDIS_PREFIX;
    return new RedisStore(client, prefix, `Redis ${display} (keys ${prefix}*)`);
  }

  /** The connection and key namespace, for structures kept beside the state (the watches' sorted set). */
  get redis(): { client: Redis; prefix: string; versionCounterKey: string } {
    return { client: this.client, prefix: this.prefix, versionCounterKey: this.counterKey() };
  }

  async get<T>(key: string): Promise<Versioned<T> | undefined> {
    const raw = await this.call(() => this.client.get(this.entryKey(key)));
    return raw === null ? undefined : parseEntry<T>(raw);
  }

  async set<T>(key: string, value: T, options: SetOptions = {}): Promise<SetResult> {
    const json = toJson(value);
    const expected = options.expectedVersion === undefined ? '' : String(options.expectedVersion);
    const ttl = String(ttlMillis(options.ttlMs) ?? 0);
    const [ok, detail] = await this.call(() =>
      this.client.certstatusSet(this.entryKey(key), this.counterKey(), json, expected, ttl),
    );
    if (ok === 1) return { ok: true, version: Number(detail) };
    return { ok: false, ...(typeof detail === 'string' ? { current: parseEntry(detail) } : {}) };
  }

  async delete(key: string): Promise<void> {
    await this.call(() => this.client.del(this.entryKey(key)));
  }

  async claim(key: string, ttlMs: number): Promise<boolean> {
    const ttl = String(ttlMillis(ttlMs) ?? 0);
    return (await this.call(() => this.client.certstatusClaim(this.entryKey(key), this.counterKey(), ttl))) === 1;
  }

  async keys(prefix: string): Promise<string[]> {
    const match = `${this.entryKey(prefix).replace(/[*?[\]\\]/g, '\\$&')}*`;
    const found: string[] = [];
    let cursor = '0';
    do {
      const [next, batch] = await this.call(() => this.client.scan(cursor, 'MATCH', match, 'COUNT', 500));
      cursor = next;
      found.push(...batch.map((key) => key.slice(this.entryKey('').length)));
    } while (cursor !== '0');
    return [...new Set(found)];
  }

  /**
   * Take or renew the lease `name` for `owner` (one replica runs a given watch). True when `owner` holds
   * it afterwards; false while another owner's lease is unexpired.
   */
  async acquireLease(name: string, owner: string, ttlMs: number): Promise<boolean> {
    const ttl = ttlMillis(ttlMs) ?? 1;
    return (await this.call(() => this.client.certstatusAcquireLease(this.leaseKey(name), owner, String(ttl)))) === 1;
  }

  /** Give up the lease if `owner` still holds it (true); a lease taken over by someone else is left alone. */
  async releaseLease(name: string, owner: string): Promise<boolean> {
    return (await this.call(() => this.client.certstatusReleaseLease(this.leaseKey(name), owner))) === 1;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    try {
      await this.client.quit();
    } catch {
      // Already disconnected: nothing left to close.
      this.client.disconnect();
    }
  }

  /** Runs a command; a failure (Redis down after a few reconnect attempts) becomes a coded error naming Redis. */
  private async call<R>(command: () => Promise<R>): Promise<R> {
    try {
      return await command();
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new CertstatusError(ErrorCode.Unknown, `The state store is unavailable (${this.description}): ${reason}`);
    }
  }

  private entryKey(key: string): string {
    return `${this.prefix}kv:${key}`;
  }

  private counterKey(): string {
    return `${this.prefix}meta:version`;
  }

  private leaseKey(name: string): string {
    return `${this.prefix}lease:${name}`;
  }
}

function parseEntry<T>(raw: string): Versioned<T> {
  const separator = raw.indexOf('|');
  return { version: Number(raw.slice(0, separator)), value: JSON.parse(raw.slice(separator + 1)) as T };
}

function checkRedisUrl(url: string): void {
  let protocol: string | undefined;
  try {
    protocol = new URL(url).protocol;
  } catch {
    protocol = undefined;
  }
  if (protocol !== 'redis:' && protocol !== 'rediss:') {
    throw new CertstatusError(
      ErrorCode.Config,
      `REDIS_URL must look like redis://host:6379 or rediss://host:6380, got "${redactedUrl(url)}".`,
    );
  }
}

/** The URL with any password masked, for messages (secrets never reach logs). */
export function redactedUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return url.includes('@') ? '(unparseable URL with credentials)' : url.slice(0, 80);
  }
}
