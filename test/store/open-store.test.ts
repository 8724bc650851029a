import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ErrorCode } from '../../src/core/errors';
import { openStore, storeOptionsFromEnv } from '../../src/store/open-store';
import { describeWithRedis, startRedisServer, type RunningRedis } from '../support/redis-server';
import { runStateStoreContract } from './contract';
import { runLeaseContract } from './lease-contract';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'certstatus-open-store-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// The memory store openStore hands out (MemoryStore plus in-process leases) keeps the full contract.
runStateStoreContract('openStore({ memory: true })', (clock) => openStore({ memory: true, now: clock.now }));
runLeaseContract('openStore({ memory: true })', async (clock) => {
  const store = await openStore({ memory: true, now: clock.now });
  return [store, store];
});

describe('openStore', () => {
  test('memory wins over every other setting', async () => {
    const store = await openStore({ memory: true, sqlitePath: join(dir, 'unused.db'), redisUrl: 'redis://127.0.0.1:1' });
    expect(store.kind).toBe('memory');
    expect(existsSync(join(dir, 'unused.db'))).toBe(false);
    await store.close?.();
  });

  test('without Redis it opens the SQLite file, and what was written survives reopening', async () => {
    const sqlitePath = join(dir, 'state.db');
    const first = await openStore({ sqlitePath });
    expect(first.kind).toBe('sqlite');
    expect(first.description).toBe(`SQLite file ${sqlitePath}`);
    await first.set('conversation:1', { nodeId: 'ask-domain' });
    await first.close?.();
    const second = await openStore({ sqlitePath });
    expect((await second.get('conversation:1'))?.value).toEqual({ nodeId: 'ask-domain' });
    await second.close?.();
  });

  test('an unreachable Redis is a Config error, not a silent fallback to SQLite', async () => {
    await expect(openStore({ redisUrl: 'redis://127.0.0.1:1', sqlitePath: join(dir, 'x.db') })).rejects.toMatchObject({
      code: ErrorCode.Config,
    });
  });
});

const { describe: describeRedis } = describeWithRedis();
describeRedis('openStore with a real Redis', () => {
  let server: RunningRedis;
  beforeAll(async () => {
    server = await startRedisServer();
  });
  afterAll(() => server.stop());

  test('a Redis URL opens the Redis store, and its description masks the password', async () => {
    const store = await openStore({ redisUrl: server.url, redisKeyPrefix: 'open-store-test:' });
    expect(store.kind).toBe('redis');
    expect(store.description).toBe(`Redis ${server.url} (keys open-store-test:*)`);
    expect(await store.claim('dedupe:1', 1000)).toBe(true);
    await store.close?.();
  });
});

describe('storeOptionsFromEnv', () => {
  test('reads REDIS_URL and CERTSTATUS_DB, treating blank values as unset', () => {
    expect(storeOptionsFromEnv({})).toEqual({});
    expect(storeOptionsFromEnv({ CERTSTATUS_DB: ' /var/lib/certstatus/state.db ', REDIS_URL: '  ' })).toEqual({
      sqlitePath: '/var/lib/certstatus/state.db',
    });
    expect(storeOptionsFromEnv({ REDIS_URL: 'redis://cache:6379' })).toEqual({ redisUrl: 'redis://cache:6379' });
  });

  test('both set is a Config error that says to choose one', () => {
    expect(() => storeOptionsFromEnv({ REDIS_URL: 'redis://cache:6379', CERTSTATUS_DB: 'x.db' })).toThrow(
      expect.objectContaining({ code: ErrorCode.Config, message: expect.stringContaining('set only one') }),
    );
  });
});
