/**
 * Watches at scale: a scheduler tick with nothing due, add() and cancel() of one watch, at 1k, 10k and
 * 100k stored watches, on a real SQLite file and a real redis-server (spawned on loopback; skipped with a
 * note when redis-server is absent). Targets (issue 16, goal 4): at 100k, tick <= 5 ms, add <= 2 ms, and
 * each <= 1.5x its 1k figure. For comparison, the old key-value layout (an index key, every watch read per
 * tick) at 1k and 10k on SQLite.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type OpenedStore } from '../src/store/open-store';
import { WatchScheduler } from '../src/watch/scheduler';
import type { Watch } from '../src/watch/types';
import { KvWatchStore, LEGACY_INDEX_KEY, LEGACY_WATCH_PREFIX, type WatchStore } from '../src/watch/watch-store';
import { openWatchStore } from '../src/watch/watch-store-open';
import { redisServerMissing, startRedisServer } from '../test/support/redis-server';
import { elapsedMs, median, round } from './support/stats';

const T0 = Date.UTC(2026, 10, 27, 10, 0);
const HOUR = 3600_000;
const SIZES = [1_000, 10_000, 100_000];
const SAMPLES = 200;

const watchAt = (i: number): Watch => ({
  conversationKey: `slack:T1:C${i % 5000}:${i}`,
  domain: `d${i}.example.test`,
  check: 'dns',
  params: { domain: `d${i}.example.test`, expect: 'v' },
  cause: 'ttl-not-elapsed',
  id: `bench-${i}`,
  lastCause: 'ttl-not-elapsed',
  createdAt: T0,
  // Spread over the next day: nothing is due at T0.
  nextRunAt: T0 + HOUR + (i % 86_400) * 1000,
  attempt: 0,
  expiresAt: T0 + 48 * HOUR,
});

/** Fills `watches` up to `size` (creates in parallel batches, as fast as the store takes them). */
async function fill(watches: WatchStore, from: number, size: number): Promise<void> {
  for (let i = from; i < size; i += 500) {
    const batch: Promise<boolean>[] = [];
    for (let j = i; j < Math.min(size, i + 500); j++) batch.push(watches.create(watchAt(j)));
    await Promise.all(batch);
  }
}

async function timeEach(samples: number, once: (i: number) => Promise<unknown>): Promise<number> {
  for (let i = 0; i < 20; i++) await once(-1 - i); // warm-up
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    const started = process.hrtime.bigint();
    await once(i);
    times.push(elapsedMs(started));
  }
  return median(times);
}

interface Figures {
  tick: number;
  add: number;
  cancel: number;
}

async function measure(store: OpenedStore, size: number, round: number): Promise<Figures> {
  const scheduler = new WatchScheduler({
    store,
    runCheck: async () => ({ outcome: 'ttl-not-elapsed' }),
    notifier: { notify: async () => undefined },
    causes: { causes: { 'ttl-not-elapsed': { title: 'Not yet', procedure: ['Wait'], watch: 'offer' } } },
    now: () => T0,
  });
  const tick = await timeEach(SAMPLES, () => scheduler.runDue());
  const request = (i: number) => ({ conversationKey: `bench-add:${round}:${i}`, domain: 'new.example.test', check: 'dns', params: { domain: 'new.example.test' }, cause: 'ttl-not-elapsed' });
  const add = await timeEach(SAMPLES, (i) => scheduler.add(request(i)));
  const cancel = await timeEach(SAMPLES, (i) => scheduler.cancel(request(i).conversationKey));
  return { tick, add, cancel };
}

async function scaling(kind: string, store: OpenedStore): Promise<Record<string, string | number>[]> {
  const watches = openWatchStore(store, () => T0);
  const rows: Record<string, string | number>[] = [];
  let filled = 0;
  let first: Figures | undefined;
  for (const [n, size] of SIZES.entries()) {
    const started = process.hrtime.bigint();
    await fill(watches, filled, size);
    const fillS = elapsedMs(started) / 1000;
    filled = size;
    const figures = await measure(store, size, n);
    first ??= figures;
    rows.push({
      store: kind,
      watches: size,
      'tick ms (nothing due)': round(figures.tick, 3),
      'add ms': round(figures.add, 3),
      'cancel ms': round(figures.cancel, 3),
      'tick / 1k': round(figures.tick / first.tick, 2),
      'add / 1k': round(figures.add / first.add, 2),
      'fill s': round(fillS, 1),
    });
  }
  return rows;
}

/** The old layout: one index key with every id, each watch its own key; a tick reads them all. */
async function legacy(store: OpenedStore): Promise<Record<string, string | number>[]> {
  const rows: Record<string, string | number>[] = [];
  for (const size of [1_000, 10_000]) {
    const ids: string[] = [];
    for (let i = 0; i < size; i++) {
      const w = watchAt(i);
      await store.set(LEGACY_WATCH_PREFIX + w.id, w);
      ids.push(w.id);
    }
    await store.set(LEGACY_INDEX_KEY, ids);
    const kv = new KvWatchStore(store, () => T0);
    const tick = await timeEach(20, () => kv.due(T0, 500));
    rows.push({ store: 'sqlite, old key-value layout', watches: size, 'tick ms (nothing due)': round(tick, 3) });
  }
  return rows;
}

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'certstatus-watch-bench-'));
  const rows: Record<string, string | number>[] = [];
  try {
    const sqlite = await openStore({ sqlitePath: join(dir, 'watches.db') });
    rows.push(...(await scaling('sqlite (file, WAL)', sqlite)));
    await sqlite.close?.();
    const old = await openStore({ sqlitePath: join(dir, 'legacy.db') });
    rows.push(...(await legacy(old)));
    await old.close?.();

    const missing = redisServerMissing();
    if (missing) {
      console.log(`Redis rows skipped: ${missing}`);
    } else {
      const server = await startRedisServer();
      try {
        const redis = await openStore({ redisUrl: server.url, redisKeyPrefix: 'bench:' });
        rows.push(...(await scaling('redis (loopback)', redis)));
        await redis.close?.();
      } finally {
        await server.stop();
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(`medians of ${SAMPLES} calls; targets at 100k: tick <= 5 ms, add <= 2 ms, each <= 1.5x its 1k figure`);
  console.table(rows);
}
