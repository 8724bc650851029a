/**
 * Watches across processes: two replicas on one store run a due watch once (the lease), and a new process
 * on the same SQLite file carries on with the watches of the one before it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../src/store/open-store';
import { SqliteStore } from '../../src/store/sqlite';
import { WatchScheduler } from '../../src/watch/scheduler';
import type { WatchSchedulerOptions } from '../../src/watch/scheduler';
import { Clock, HOUR, MINUTE, RecordingNotifier, request, SettableRunner, SHIPPED } from './helpers';

const dirs: string[] = [];
function tempFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'certstatus-watch-'));
  dirs.push(dir);
  return join(dir, 'state.db');
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function replica(store: WatchSchedulerOptions['store'], ownerId: string, clock: Clock, runner: SettableRunner, notifier: RecordingNotifier) {
  return new WatchScheduler({ store, runCheck: runner.run, notifier, causes: SHIPPED, now: clock.now, ownerId });
}

/** Both replicas reach the check at the same time: the runner holds every call until released. */
async function raceTwo(a: WatchScheduler, b: WatchScheduler, runner: SettableRunner) {
  let release!: () => void;
  runner.gate = new Promise((resolve) => (release = resolve));
  const both = Promise.all([a.runDue(), b.runDue()]);
  for (let i = 0; i < 50 && runner.calls.length === 0; i += 1) await new Promise((resolve) => setImmediate(resolve));
  // Give the other replica every chance to start its own check too before the first one finishes.
  for (let i = 0; i < 20; i += 1) await new Promise((resolve) => setImmediate(resolve));
  release();
  return both;
}

describe('watches across replicas and restarts', () => {
  it('two replicas adding the same watch at once (a double submit) store one watch', async () => {
    const clock = new Clock();
    const file = tempFile();
    const [storeA, storeB] = [new SqliteStore({ path: file, now: clock.now }), new SqliteStore({ path: file, now: clock.now })];
    const runner = new SettableRunner();
    const notifier = new RecordingNotifier();
    const [a, b] = [replica(storeA, 'a', clock, runner, notifier), replica(storeB, 'b', clock, runner, notifier)];
    const [first, second] = await Promise.all([a.add(request()), b.add(request())]);
    expect(first.id).toBe(second.id);
    expect(await a.list(request().conversationKey)).toHaveLength(1);
    expect(await a.count()).toBe(1);
    await storeA.close();
    await storeB.close();
  });

  test('two replicas on one memory store: the due watch is checked and posted once', async () => {
    const clock = new Clock();
    const store = await openStore({ memory: true, now: clock.now });
    const runner = new SettableRunner();
    const notifier = new RecordingNotifier();
    const a = replica(store, 'replica-a', clock, runner, notifier);
    const b = replica(store, 'replica-b', clock, runner, notifier);
    await a.add(request());
    clock.advance(MINUTE);
    runner.outcome = { outcome: 'ca-review-pending' };
    const [reportA, reportB] = await raceTwo(a, b, runner);
    expect(runner.calls).toHaveLength(1);
    expect(notifier.posts).toHaveLength(1);
    expect([...reportA.checked, ...reportB.checked]).toEqual([expect.any(String)]);
  });

  test('two processes on one SQLite file (two connections): checked once, and the other sees it done', async () => {
    const clock = new Clock();
    const path = tempFile();
    const storeA = new SqliteStore({ path, now: clock.now });
    const storeB = new SqliteStore({ path, now: clock.now });
    const runner = new SettableRunner();
    const notifier = new RecordingNotifier();
    const a = replica(storeA, 'replica-a', clock, runner, notifier);
    const b = replica(storeB, 'replica-b', clock, runner, notifier);
    try {
      await b.add(request());
      clock.advance(MINUTE);
      await raceTwo(a, b, runner);
      expect(runner.calls).toHaveLength(1);
      // Unchanged: rescheduled once (not twice), visible to both.
      expect((await a.list(request().conversationKey))[0]).toMatchObject({ attempt: 1, nextRunAt: clock.time + 2 * MINUTE });
      expect(notifier.posts).toEqual([]);
    } finally {
      await storeA.close();
      await storeB.close();
    }
  });

  test('a restart on the same SQLite file: the new process fires the watch the old one started', async () => {
    const clock = new Clock();
    const path = tempFile();
    const runner = new SettableRunner();
    const before = new SqliteStore({ path, now: clock.now });
    await replica(before, 'old-process', clock, runner, new RecordingNotifier()).add(request());
    await before.close();

    clock.advance(3 * HOUR);
    const after = new SqliteStore({ path, now: clock.now });
    const notifier = new RecordingNotifier();
    const scheduler = replica(after, 'new-process', clock, runner, notifier);
    try {
      runner.outcome = { outcome: 'ca-review-pending' };
      expect((await scheduler.runDue()).notified).toHaveLength(1);
      expect(notifier.posts[0]?.key).toBe('slack:T1:C1:111.222');
      expect(notifier.texts(0)[0]).toContain('the change for shop.test took effect');
      expect(await scheduler.count()).toBe(0);
    } finally {
      await after.close();
    }
  });
});
