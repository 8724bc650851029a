/**
 * Watches in Redis: each watch one key ("<version>|<json>"), its due time in one sorted set (a tick is one
 * ZRANGEBYSCORE of what is due), and a set of ids per conversation. Every write is one Lua script, so the
 * watch, the sorted set and the conversation's set change together; versions come from the state store's
 * counter, so a watch removed and created again never reuses a version (no ABA).
 */
import type Redis from 'ioredis';
import { CertstatusError, ErrorCode } from '../core/errors';
import type { Watch } from './types';
import type { StoredWatch, WatchStore } from './watch-store';

/** KEYS: item, counter, due, conversation set; ARGV: json, nextRunAt, id. 0 when the id is taken, else the version. */
const CREATE_SCRIPT = `
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
local version = redis.call('INCR', KEYS[2])
redis.call('SET', KEYS[1], version .. '|' .. ARGV[1])
redis.call('ZADD', KEYS[3], ARGV[2], ARGV[3])
redis.call('SADD', KEYS[4], ARGV[3])
return version
`;

/** KEYS: item, counter, due; ARGV: json, nextRunAt, id, expected version. 0 on a version mismatch or a removed watch. */
const UPDATE_SCRIPT = `
local current = redis.call('GET', KEYS[1])
if not current then return 0 end
if tonumber(string.match(current, '^(%d+)|')) ~= tonumber(ARGV[4]) then return 0 end
local version = redis.call('INCR', KEYS[2])
redis.call('SET', KEYS[1], version .. '|' .. ARGV[1])
redis.call('ZADD', KEYS[3], ARGV[2], ARGV[3])
return version
`;

/** KEYS: item, due, conversation set; ARGV: id. */
const REMOVE_SCRIPT = `
redis.call('DEL', KEYS[1])
redis.call('ZREM', KEYS[2], ARGV[1])
redis.call('SREM', KEYS[3], ARGV[1])
return 1
`;

interface ScriptedRedis extends Redis {
  certstatusWatchCreate(item: string, counter: string, due: string, conversation: string, json: string, at: string, id: string): Promise<number>;
  certstatusWatchUpdate(item: string, counter: string, due: string, json: string, at: string, id: string, expected: string): Promise<number>;
  certstatusWatchRemove(item: string, due: string, conversation: string, id: string): Promise<number>;
}

export interface RedisWatchStoreOptions {
  client: Redis;
  /** The state store's key namespace (`certstatus:`). */
  prefix: string;
  /** The state store's version counter key. */
  versionCounterKey: string;
  /** For error messages. */
  description?: string;
}

export class RedisWatchStore implements WatchStore {
  private readonly client: ScriptedRedis;
  private readonly prefix: string;
  private readonly counter: string;
  private readonly description: string;

  constructor(options: RedisWatchStoreOptions) {
    this.client = options.client as ScriptedRedis;
    this.prefix = options.prefix;
    this.counter = options.versionCounterKey;
    this.description = options.description ?? 'Redis';
    // defineCommand is per client and idempotent in effect (same name, same script).
    if (typeof this.client.certstatusWatchCreate !== 'function') {
      this.client.defineCommand('certstatusWatchCreate', { numberOfKeys: 4, lua: CREATE_SCRIPT });
      this.client.defineCommand('certstatusWatchUpdate', { numberOfKeys: 3, lua: UPDATE_SCRIPT });
      this.client.defineCommand('certstatusWatchRemove', { numberOfKeys: 3, lua: REMOVE_SCRIPT });
    }
  }

  async get(id: string): Promise<StoredWatch | undefined> {
    const raw = await this.call(() => this.client.get(this.itemKey(id)));
    return raw === null ? undefined : parse(raw);
  }

  async create(watch: Watch): Promise<boolean> {
    const version = await this.call(() =>
      this.client.certstatusWatchCreate(this.itemKey(watch.id), this.counter, this.dueKey(), this.conversationKey(watch.conversationKey), JSON.stringify(watch), String(watch.nextRunAt), watch.id),
    );
    return version !== 0;
  }

  async update(watch: Watch, version: number): Promise<boolean> {
    const written = await this.call(() =>
      this.client.certstatusWatchUpdate(this.itemKey(watch.id), this.counter, this.dueKey(), JSON.stringify(watch), String(watch.nextRunAt), watch.id, String(version)),
    );
    return written !== 0;
  }

  async remove(id: string): Promise<void> {
    const current = await this.get(id);
    if (!current) {
      await this.call(() => this.client.zrem(this.dueKey(), id));
      return;
    }
    await this.call(() => this.client.certstatusWatchRemove(this.itemKey(id), this.dueKey(), this.conversationKey(current.watch.conversationKey), id));
  }

  async due(now: number, limit: number): Promise<string[]> {
    return this.call(() => this.client.zrangebyscore(this.dueKey(), '-inf', String(now), 'LIMIT', 0, limit));
  }

  async byConversation(conversationKey: string): Promise<StoredWatch[]> {
    const set = this.conversationKey(conversationKey);
    const ids = await this.call(() => this.client.smembers(set));
    if (!ids.length) return [];
    const raws = await this.call(() => this.client.mget(ids.map((id) => this.itemKey(id))));
    const gone = ids.filter((_id, i) => raws[i] === null);
    if (gone.length) await this.call(() => this.client.srem(set, ...gone));
    return raws.filter((raw): raw is string => raw !== null).map(parse);
  }

  async count(): Promise<number> {
    return this.call(() => this.client.zcard(this.dueKey()));
  }

  private itemKey(id: string): string {
    return `${this.prefix}watch:${id}`;
  }

  private dueKey(): string {
    return `${this.prefix}watches:due`;
  }

  private conversationKey(key: string): string {
    return `${this.prefix}watches:conversation:${key}`;
  }

  private async call<R>(command: () => Promise<R>): Promise<R> {
    try {
      return await command();
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new CertstatusError(ErrorCode.Unknown, `The watch store is unavailable (${this.description}): ${reason}`);
    }
  }
}

function parse(raw: string): StoredWatch {
  const separator = raw.indexOf('|');
  return { version: Number(raw.slice(0, separator)), watch: JSON.parse(raw.slice(separator + 1)) as Watch };
}
