/**
 * RedisStore against a real redis-server spawned on loopback. Redis expires keys by its own clock, so TTL
 * cases use short real TTLs (the contract's realTime mode, and a few hundred ms here), never a fake clock.
 */
import Redis from 'ioredis';
import { CertstatusError, ErrorCode } from '../../src/core/errors';
import { RedisStore, redactedUrl } from '../../src/store/redis';
import { describeWithRedis, startRedisServer, type RunningRedis } from '../support/redis-server';
import { runStateStoreContract } from './contract';
import { runLeaseContract } from './lease-contract';

const { describe: describeRedis, skipReason } = describeWithRedis();

let server: RunningRedis | undefined;
let prefixCounter = 0;
/** A fresh namespace per store, so tests never see each other's keys. */
const freshPrefix = () => `certstatus-test-${process.pid}-${++prefixCounter}:`;
const connect = (keyPrefix = freshPrefix()) => RedisStore.connect({ url: server!.url, keyPrefix });

if (skipReason) {
  describe.skip(`RedisStore SKIPPED: ${skipReason}`, () => {
    test('needs a redis-server binary', () => undefined);
  });
} else {
  beforeAll(async () => {
    server = await startRedisServer();
  });
  afterAll(async () => {
    await server?.stop();
  });
  runStateStoreContract('RedisStore', () => connect(), { realTime: true });
  runLeaseContract(
    'RedisStore, two connections',
    async () => {
      const prefix = freshPrefix();
      return [await connect(prefix), await connect(prefix)];
    },
    { realTime: true },
  );
}

describeRedis('RedisStore', () => {
  test('keys live under the configured prefix, and the value is readable as "<version>|<json>"', async () => {
    const store = await connect('certstatus:');
    const saved = await store.set('conversation:slack:T1:C1:1700000000.000100', { nodeId: 'step-1' });
    const raw = new Redis(server!.url);
    try {
      const value = await raw.get('certstatus:kv:conversation:slack:T1:C1:1700000000.000100');
      expect(value).toBe(`${saved.ok ? saved.version : -1}|{"nodeId":"step-1"}`);
    } finally {
      raw.disconnect();
      await store.delete('conversation:slack:T1:C1:1700000000.000100');
      await store.close();
    }
  });

  test('a TTL becomes a Redis PX expiry, and an unconditional write without TTL removes it', async () => {
    const prefix = freshPrefix();
    const store = await connect(prefix);
    const raw = new Redis(server!.url);
    try {
      await store.set('k', 'temporary', { ttlMs: 60_000 });
      const pttl = await raw.pttl(`${prefix}kv:k`);
      expect(pttl).toBeGreaterThan(0);
      expect(pttl).toBeLessThanOrEqual(60_000);
      await store.set('k', 'permanent');
      expect(await raw.pttl(`${prefix}kv:k`)).toBe(-1);
    } finally {
      raw.disconnect();
      await store.close();
    }
  });

  test('two stores on the same Redis: claim succeeds once, and of two racing compare-and-sets one wins', async () => {
    const prefix = freshPrefix();
    const replica1 = await connect(prefix);
    const replica2 = await connect(prefix);
    const claims = await Promise.all([
      replica1.claim('dedupe:Ev123', 60_000),
      replica2.claim('dedupe:Ev123', 60_000),
      replica1.claim('dedupe:Ev123', 60_000),
    ]);
    expect(claims.filter(Boolean)).toHaveLength(1);

    const base = await replica1.set('conversation:race', { turn: 0 });
    if (!base.ok) throw new Error('unconditional set failed');
    const [fromOne, fromTwo] = await Promise.all([
      replica1.set('conversation:race', { turn: 1 }, { expectedVersion: base.version }),
      replica2.set('conversation:race', { turn: 2 }, { expectedVersion: base.version }),
    ]);
    expect([fromOne.ok, fromTwo.ok].filter(Boolean)).toHaveLength(1);
    const winner = fromOne.ok ? { turn: 1 } : { turn: 2 };
    const loser = fromOne.ok ? fromTwo : fromOne;
    expect(loser.ok ? undefined : loser.current?.value).toEqual(winner);
    expect((await replica2.get('conversation:race'))?.value).toEqual(winner);
    await replica1.close();
    await replica2.close();
  });

  test('many concurrent read-modify-write loops over compare-and-set lose no update', async () => {
    const prefix = freshPrefix();
    const replicas = await Promise.all([connect(prefix), connect(prefix), connect(prefix)]);
    const incrementTimes = async (store: RedisStore, times: number) => {
      for (let done = 0; done < times; ) {
        const current = await store.get<number>('counter');
        const result = await store.set('counter', (current?.value ?? 0) + 1, { expectedVersion: current?.version ?? 0 });
        if (result.ok) done += 1;
      }
    };
    await Promise.all(replicas.map((store) => incrementTimes(store, 30)));
    expect((await replicas[0]!.get('counter'))?.value).toBe(90);
    await Promise.all(replicas.map((store) => store.close()));
  });

  test('the scripts still run after the server forgot them (SCRIPT FLUSH, as after a Redis restart)', async () => {
    const store = await connect();
    await store.set('k', 1);
    const raw = new Redis(server!.url);
    await raw.script('FLUSH');
    raw.disconnect();
    expect((await store.set('k', 2)).ok).toBe(true);
    expect(await store.claim('c', 1000)).toBe(true);
    await store.close();
  });

  test('a closed port is a Config error that names the address and REDIS_URL', async () => {
    const closedPort = server!.port === 1 ? 2 : 1;
    const attempt = RedisStore.connect({ url: `redis://127.0.0.1:${closedPort}`, connectTimeoutMs: 1000 });
    await expect(attempt).rejects.toBeInstanceOf(CertstatusError);
    await expect(attempt).rejects.toMatchObject({ code: ErrorCode.Config });
    await expect(attempt).rejects.toThrow(new RegExp(`127\\.0\\.0\\.1:${closedPort}.*REDIS_URL`));
  });

  test('a URL that is not redis:// is refused before connecting, without echoing a password', async () => {
    const attempt = RedisStore.connect({ url: 'http://user:hunter2@127.0.0.1:6379' });
    await expect(attempt).rejects.toMatchObject({ code: ErrorCode.Config });
    await expect(attempt).rejects.toThrow(/REDIS_URL must look like redis:\/\//);
    await expect(attempt).rejects.not.toThrow(/hunter2/);
  });

  test('close is safe to call twice', async () => {
    const store = await connect();
    await store.close();
    await expect(store.close()).resolves.toBeUndefined();
  });
});

describe('redactedUrl', () => {
  test('masks the password and keeps the rest', () => {
    expect(redactedUrl('redis://:s3cret@cache.internal:6380/2')).toBe('redis://:***@cache.internal:6380/2');
    expect(redactedUrl('redis://127.0.0.1:6379')).toBe('redis://127.0.0.1:6379');
  });
});

describeRedis('RedisStore when Redis goes away', () => {
  test('a command fails with an error instead of hanging, and works again once Redis is back', async () => {
    const own = await startRedisServer();
    const store = await RedisStore.connect({ url: own.url, onError: () => undefined });
    await store.set('k', 'before');
    await own.stop();
    await expect(store.get('k')).rejects.toThrow(/The state store is unavailable \(Redis redis:\/\/127\.0\.0\.1:\d+/);
    const again = await startRedisServer({ port: own.port });
    try {
      // A fresh server (no persistence) has no data, but the same client reconnects and serves requests.
      expect(await store.claim('after-restart', 60_000)).toBe(true);
      expect((await store.set('k', 'after')).ok).toBe(true);
    } finally {
      await store.close();
      await again.stop();
    }
  });
});
