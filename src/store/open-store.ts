/**
 * Chooses the state store from configuration: memory (tests, `certstatus chat`), Redis when REDIS_URL is
 * set (several replicas), otherwise the SQLite file named by CERTSTATUS_DB (the embedded default of
 * `certstatus serve`). Every store it returns also has leases, so a watch runs on one replica only.
 */
import { CertstatusError, ErrorCode } from '../core/errors';
import { MemoryStore } from './memory';
import { RedisStore } from './redis';
import { SqliteStore } from './sqlite';
import type { StateStore } from './types';

export interface LeaseHolder {
  /** Take or renew lease `name` for `owner`; false while another owner's lease is unexpired. */
  acquireLease(name: string, owner: string, ttlMs: number): Promise<boolean>;
  /** Release lease `name` if `owner` holds it (true); someone else's lease is left alone. */
  releaseLease(name: string, owner: string): Promise<boolean>;
}

export type StoreKind = 'memory' | 'sqlite' | 'redis';

export type OpenedStore = StateStore & LeaseHolder & { readonly kind: StoreKind; readonly description: string };

export interface OpenStoreOptions {
  /** Use memory, whatever else is set (nothing survives the process). */
  memory?: boolean;
  /** redis:// or rediss:// URL: Redis, for several replicas. */
  redisUrl?: string;
  /** SQLite file when Redis is not configured; `certstatus.db` in the working directory by default. */
  sqlitePath?: string;
  /** Key namespace in Redis (default `certstatus:`). */
  redisKeyPrefix?: string;
  /** Clock for TTLs and leases of memory and SQLite (Redis expires by its own clock). */
  now?: () => number;
  /** Told about Redis connection errors after startup, for logging. */
  onRedisError?: (error: Error) => void;
}

export async function openStore(options: OpenStoreOptions = {}): Promise<OpenedStore> {
  if (options.memory) return memoryStoreWithLeases(options.now ?? Date.now);
  if (options.redisUrl !== undefined) {
    return RedisStore.connect({ url: options.redisUrl, keyPrefix: options.redisKeyPrefix, onError: options.onRedisError });
  }
  return new SqliteStore({ path: options.sqlitePath, now: options.now });
}

/** REDIS_URL and CERTSTATUS_DB from the environment; blank values count as unset. */
export function storeOptionsFromEnv(env: Record<string, string | undefined>): OpenStoreOptions {
  const redisUrl = env.REDIS_URL?.trim() || undefined;
  const sqlitePath = env.CERTSTATUS_DB?.trim() || undefined;
  if (redisUrl && sqlitePath) {
    throw new CertstatusError(
      ErrorCode.Config,
      'REDIS_URL and CERTSTATUS_DB are both set; set only one (Redis for several replicas, the SQLite file for one).',
    );
  }
  return { ...(redisUrl ? { redisUrl } : {}), ...(sqlitePath ? { sqlitePath } : {}) };
}

/** MemoryStore plus in-process leases: one process, so a map is enough. */
function memoryStoreWithLeases(now: () => number): OpenedStore {
  const store = new MemoryStore({ now });
  const leases = new Map<string, { owner: string; expiresAt: number }>();
  return {
    kind: 'memory',
    description: 'memory (nothing survives a restart)',
    get: (key) => store.get(key),
    set: (key, value, setOptions) => store.set(key, value, setOptions),
    delete: (key) => store.delete(key),
    claim: (key, ttlMs) => store.claim(key, ttlMs),
    keys: (prefix) => store.keys(prefix),
    close: () => store.close(),
    acquireLease: async (name, owner, ttlMs) => {
      const lease = leases.get(name);
      if (lease && lease.owner !== owner && lease.expiresAt > now()) return false;
      leases.set(name, { owner, expiresAt: now() + Math.max(1, Math.ceil(ttlMs)) });
      return true;
    },
    releaseLease: async (name, owner) => {
      if (leases.get(name)?.owner !== owner) return false;
      leases.delete(name);
      return true;
    },
  };
}
