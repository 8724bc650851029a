/**
 * timedStore against a real redis-server: frozen with SIGSTOP (the process holds its socket but answers
 * nothing, as a paused VM or a stuck disk would) and stopped. Unbounded, a call on a frozen Redis does not
 * settle; bounded, it fails after the timeout with one clear message, counted and logged.
 */
import { createConversationService } from '../../src/conversation/service';
import { RedisStore } from '../../src/store/redis';
import { StoreTimeoutError, timedStore, withTimeout, type StoreOperation } from '../../src/store/timed';
import { openStore } from '../../src/store/open-store';
import { testFlow } from '../engine/flows';
import { describeWithRedis, startRedisServer, type RunningRedis } from '../support/redis-server';

const TIMEOUT_MS = 300;
const { describe: describeRedis } = describeWithRedis();

function recorder() {
  const calls: [StoreOperation, string][] = [];
  const slow: [StoreOperation, boolean][] = [];
  return {
    calls,
    slow,
    options: {
      timeoutMs: TIMEOUT_MS,
      onCall: (op: StoreOperation, outcome: string) => calls.push([op, outcome]),
      onSlow: (op: StoreOperation, _ms: number, timedOut: boolean) => slow.push([op, timedOut]),
    },
  };
}

/** Settles with 'pending' when `work` has not settled within `ms`. */
async function within<T>(work: Promise<T>, ms: number): Promise<T | 'pending'> {
  return Promise.race([work, new Promise<'pending'>((resolve) => setTimeout(() => resolve('pending'), ms))]);
}

describe('timedStore', () => {
  it('passes results through and counts each call', async () => {
    const r = recorder();
    const store = timedStore(await openStore({ memory: true }), r.options);
    expect(await store.set('k', { a: 1 })).toEqual({ ok: true, version: 1 });
    expect(await store.get('k')).toEqual({ value: { a: 1 }, version: 1 });
    expect(await store.claim('c', 1000)).toBe(true);
    expect(await store.acquireLease('l', 'me', 1000)).toBe(true);
    expect(store.kind).toBe('memory');
    expect(r.calls).toEqual([['set', 'ok'], ['get', 'ok'], ['claim', 'ok'], ['acquireLease', 'ok']]);
    expect(r.slow).toEqual([]);
  });

  it('fails a call that never answers after the timeout, and reports it as slow', async () => {
    const r = recorder();
    const memory = await openStore({ memory: true });
    const store = timedStore({ ...memory, kind: memory.kind, description: memory.description, get: <T>() => new Promise<T>(() => undefined) } as typeof memory, r.options);
    const started = Date.now();
    await expect(store.get('k')).rejects.toThrow(new StoreTimeoutError('get', TIMEOUT_MS));
    expect(Date.now() - started).toBeGreaterThanOrEqual(TIMEOUT_MS - 5);
    expect(r.calls).toEqual([['get', 'timeout']]);
    expect(r.slow).toEqual([['get', true]]);
    expect(new StoreTimeoutError('get', 2000).message).toBe('the store did not answer within 2 s; it may be down');
  });

  it('lets errors of the store through as errors, not timeouts', async () => {
    const r = recorder();
    const opened = await openStore({ memory: true });
    const failing = { ...opened, kind: opened.kind, description: opened.description, set: (): Promise<never> => Promise.reject(new Error('disk full')) } as typeof opened;
    await expect(timedStore(failing, r.options).set('k', 1)).rejects.toThrow('disk full');
    expect(r.calls).toEqual([['set', 'error']]);
  });

  it('withTimeout does not keep the process alive once the work settled', async () => {
    expect(await withTimeout(Promise.resolve(7), 60_000, 'x')).toBe(7);
  });
});

describeRedis('timedStore on a real Redis', () => {
  let redis: RunningRedis;
  let raw: RedisStore;
  beforeAll(async () => {
    redis = await startRedisServer();
    raw = await RedisStore.connect({ url: redis.url, keyPrefix: `timed-${process.pid}:` });
  });
  afterAll(async () => {
    redis.process.kill('SIGCONT');
    await raw.close();
    await redis.stop();
  });

  it('frozen (SIGSTOP): unbounded calls hang, bounded calls fail in time with one clear message; thawed, both work again', async () => {
    const r = recorder();
    const store = timedStore(raw, r.options);
    await store.set('k', 'v');
    redis.process.kill('SIGSTOP');
    try {
      const unbounded = raw.get('k');
      unbounded.catch(() => undefined);
      expect(await within(unbounded, 3 * TIMEOUT_MS)).toBe('pending'); // what happened before: nothing, for minutes
      const started = Date.now();
      await expect(store.get('k')).rejects.toThrow('the store did not answer within 300 ms; it may be down');
      expect(Date.now() - started).toBeLessThan(TIMEOUT_MS + 1000);
      expect(r.slow).toContainEqual(['get', true]);
    } finally {
      redis.process.kill('SIGCONT');
    }
    expect(await store.get('k')).toEqual({ value: 'v', version: 1 });
  });

  it('a user talking to the bot while Redis is frozen gets one apology that says the store did not answer', async () => {
    const store = timedStore(raw, recorder().options);
    const service = createConversationService({ flows: testFlow(), store, runCheck: async () => ({ outcome: 'x', summary: 'x' }) });
    redis.process.kill('SIGSTOP');
    const delivered: string[] = [];
    try {
      await service.handle('frozen-user', { type: 'start' }, async (replies) => {
        for (const reply of replies) delivered.push(reply.type === 'text' ? reply.text : reply.type);
      });
    } finally {
      redis.process.kill('SIGCONT');
    }
    expect(delivered).toEqual(['Sorry, something went wrong on my side (the store did not answer within 300 ms; it may be down). Please try again.']);
  });
});
