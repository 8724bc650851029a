/** WatchScheduler on a memory store with a fake clock: backoff, change detection, expiry, cancel, list. */
import { openStore } from '../../src/store/open-store';
import { WatchScheduler, type WatchSchedulerOptions } from '../../src/watch/scheduler';
import { Clock, HOUR, ManualTimers, MINUTE, RecordingNotifier, request, SettableRunner, T0 } from './helpers';

const CAUSES = {
  causes: {
    'ttl-not-elapsed': { title: 'Not taken effect yet for {{domain}}', procedure: ['Wait'], watch: 'offer' as const },
    'ca-review-pending': { title: 'The CA is still reviewing', procedure: ['Wait 2 to 3 working days'], watch: 'goal' as const },
    'wrong-platform': { title: 'Wrong platform', procedure: ['Move it'], watch: 'offer' as const },
  },
};

async function setup(over: Partial<WatchSchedulerOptions> = {}) {
  const clock = new Clock();
  const store = await openStore({ memory: true, now: clock.now });
  const runner = new SettableRunner();
  const notifier = new RecordingNotifier();
  const errors: unknown[] = [];
  let ids = 0;
  const scheduler = new WatchScheduler({
    store,
    runCheck: runner.run,
    notifier,
    causes: CAUSES,
    now: clock.now,
    newId: () => `w${++ids}`,
    onError: (error) => errors.push(error),
    ...over,
  });
  return { clock, store, runner, notifier, scheduler, errors };
}

describe('WatchScheduler', () => {
  test('add stores a watch due in a minute, ending in 48 hours; list shows it for its conversation only', async () => {
    const { scheduler } = await setup();
    const watch = await scheduler.add(request());
    expect(watch).toMatchObject({ id: 'w1', lastCause: 'ttl-not-elapsed', createdAt: T0, nextRunAt: T0 + MINUTE, attempt: 0, expiresAt: T0 + 48 * HOUR });
    expect(scheduler.offer).toEqual({ firstCheckInMs: MINUTE, maxAgeMs: 48 * HOUR });
    expect(await scheduler.list('slack:T1:C1:111.222')).toEqual([watch]);
    expect(await scheduler.list('teams:other')).toEqual([]);
    expect(await scheduler.count()).toBe(1);
  });

  test('nothing runs before it is due', async () => {
    const { scheduler, runner, clock } = await setup();
    await scheduler.add(request());
    clock.advance(MINUTE - 1);
    expect(await scheduler.runDue()).toEqual({ checked: [], notified: [], ended: [] });
    expect(runner.calls).toEqual([]);
  });

  test('an unchanged diagnosis backs off 1, 2, 5, 10, 15, 30, then every 30 minutes, without posting', async () => {
    const { scheduler, runner, notifier, clock } = await setup();
    await scheduler.add(request());
    const gaps: number[] = [];
    let last = T0;
    for (let run = 0; run < 8; run += 1) {
      const [watch] = await scheduler.list('slack:T1:C1:111.222');
      gaps.push((watch!.nextRunAt - last) / MINUTE);
      clock.time = watch!.nextRunAt;
      last = clock.time;
      expect((await scheduler.runDue()).checked).toEqual(['w1']);
    }
    expect(gaps).toEqual([1, 2, 5, 10, 15, 30, 30, 30]);
    expect(runner.calls).toHaveLength(8);
    expect(runner.calls[0]).toEqual({ check: 'dns', params: { domain: 'shop.test', expect: '20261125093000k7q2m9x4w8p3' } });
    expect(notifier.posts).toEqual([]);
  });

  test('the record visible everywhere: posts that it took effect and that the CA needs 2-3 days, then ends', async () => {
    const { scheduler, runner, notifier, clock } = await setup();
    await scheduler.add(request());
    clock.advance(MINUTE);
    runner.outcome = { outcome: 'ca-review-pending', summary: 'Every server answers with the record' };
    expect(await scheduler.runDue()).toEqual({ checked: ['w1'], notified: ['w1'], ended: ['w1'] });
    expect(notifier.posts).toHaveLength(1);
    expect(notifier.posts[0]?.key).toBe('slack:T1:C1:111.222');
    expect(notifier.texts()[0]).toBe(
      'Good news: the change for shop.test took effect; the verification record is now visible everywhere I check. ' +
        'The CA now needs 2 to 3 working days to verify your information.',
    );
    expect(notifier.posts[0]?.replies[1]).toMatchObject({
      type: 'cause',
      causeId: 'ca-review-pending',
      title: 'The CA is still reviewing',
      evidence: [{ text: 'Every server answers with the record' }],
      actions: [{ id: 'recheck' }],
    });
    expect(await scheduler.list('slack:T1:C1:111.222')).toEqual([]);
    clock.advance(HOUR);
    expect((await scheduler.runDue()).checked).toEqual([]);
  });

  test('another cause the user can wait on: posts it and keeps watching from the first interval again', async () => {
    const { scheduler, runner, notifier, clock } = await setup();
    await scheduler.add(request());
    clock.advance(MINUTE);
    await scheduler.runDue();
    clock.advance(2 * MINUTE);
    runner.outcome = { outcome: 'wrong-platform', summary: 'The record is on Beta' };
    expect(await scheduler.runDue()).toEqual({ checked: ['w1'], notified: ['w1'], ended: [] });
    expect(notifier.texts()).toEqual(['The diagnosis for shop.test changed: Wrong platform', 'I keep watching and will post here when it changes again.']);
    const [watch] = await scheduler.list('slack:T1:C1:111.222');
    expect(watch).toMatchObject({ lastCause: 'wrong-platform', attempt: 0, nextRunAt: clock.time + MINUTE });
    // The same new cause again is no news.
    clock.advance(MINUTE);
    await scheduler.runDue();
    expect(notifier.posts).toHaveLength(1);
  });

  test('a cause DNS will not change (domain not found): posts it and ends', async () => {
    const { scheduler, runner, notifier, clock } = await setup();
    await scheduler.add(request());
    clock.advance(MINUTE);
    runner.outcome = { outcome: 'domain-not-found' };
    expect(await scheduler.runDue()).toEqual({ checked: ['w1'], notified: ['w1'], ended: ['w1'] });
    // A cause without flow texts still reads: its id stands in for the title.
    expect(notifier.texts()).toEqual(['The diagnosis for shop.test changed: domain-not-found']);
    expect(await scheduler.count()).toBe(0);
  });

  test('a check that could not run is no news: nothing posted, tried again later', async () => {
    const { scheduler, runner, notifier, clock } = await setup();
    await scheduler.add(request());
    clock.advance(MINUTE);
    runner.outcome = { outcome: 'error', summary: 'no resolver answered' };
    await scheduler.runDue();
    expect(notifier.posts).toEqual([]);
    expect((await scheduler.list('slack:T1:C1:111.222'))[0]).toMatchObject({ attempt: 1, nextRunAt: clock.time + 2 * MINUTE, lastCause: 'ttl-not-elapsed' });
  });

  test('a channel that refuses the post: the change is posted on the next run instead of lost', async () => {
    const { scheduler, runner, notifier, clock, errors } = await setup();
    await scheduler.add(request());
    clock.advance(MINUTE);
    runner.outcome = { outcome: 'ca-review-pending' };
    notifier.failing = true;
    expect(await scheduler.runDue()).toEqual({ checked: ['w1'], notified: [], ended: [] });
    expect(errors).toEqual([new Error('channel is down')]);
    notifier.failing = false;
    clock.advance(2 * MINUTE);
    expect(await scheduler.runDue()).toEqual({ checked: ['w1'], notified: ['w1'], ended: ['w1'] });
    expect(notifier.posts).toHaveLength(1);
  });

  test('after 48 hours without a change: one notice that the watch ended, then nothing', async () => {
    const { scheduler, runner, notifier, clock } = await setup();
    await scheduler.add(request());
    // Run it on its schedule until the end; the last re-check lands exactly on the end.
    for (let guard = 0; guard < 200 && (await scheduler.count()) > 0; guard += 1) {
      const [watch] = await scheduler.list('slack:T1:C1:111.222');
      clock.time = watch!.nextRunAt;
      await scheduler.runDue();
    }
    expect(clock.time).toBe(T0 + 48 * HOUR);
    expect(notifier.posts).toHaveLength(1);
    expect(notifier.texts()).toEqual([
      'I stopped watching shop.test after 48 hours: the diagnosis is still "Not taken effect yet for shop.test". Type "recheck" to check again.',
    ]);
    // 1+2+5+10+15 minutes, then every 30 minutes until the end.
    expect(runner.calls.length).toBe(5 + Math.floor((48 * 60 - 33) / 30));
    clock.advance(HOUR);
    expect(await scheduler.runDue()).toEqual({ checked: [], notified: [], ended: [] });
  });

  test('maxAgeMs and intervalsMs are configurable', async () => {
    const { scheduler } = await setup({ maxAgeMs: 2 * HOUR, intervalsMs: [5 * MINUTE] });
    expect(await scheduler.add(request())).toMatchObject({ nextRunAt: T0 + 5 * MINUTE, expiresAt: T0 + 2 * HOUR });
    expect(scheduler.offer).toEqual({ firstCheckInMs: 5 * MINUTE, maxAgeMs: 2 * HOUR });
  });

  test('cancel stops this conversation\'s watches only; asking twice for a domain keeps one watch', async () => {
    const { scheduler, runner, clock } = await setup();
    await scheduler.add(request());
    await scheduler.add(request());
    await scheduler.add(request({ domain: 'other.test', params: { domain: 'other.test' } }));
    await scheduler.add(request({ conversationKey: 'teams:19:abc' }));
    expect((await scheduler.list('slack:T1:C1:111.222')).map((w) => w.domain)).toEqual(['shop.test', 'other.test']);
    expect(await scheduler.cancel('slack:T1:C1:111.222')).toBe(2);
    expect(await scheduler.cancel('slack:T1:C1:111.222')).toBe(0);
    expect(await scheduler.list('slack:T1:C1:111.222')).toEqual([]);
    clock.advance(MINUTE);
    expect((await scheduler.runDue()).checked).toEqual(['w4']);
    expect(runner.calls).toHaveLength(1);
  });

  test('start() runs due watches on its timer loop, every tickMs; stop() ends the loop', async () => {
    const timers = new ManualTimers();
    const { scheduler, runner, clock } = await setup({ timers, tickMs: 15_000 });
    await scheduler.add(request());
    clock.advance(MINUTE);
    scheduler.start();
    scheduler.start(); // a second start does not start a second loop
    expect([...timers.pending.values()].map((t) => t.ms)).toEqual([0]);
    timers.fire();
    for (let i = 0; i < 20 && timers.pending.size === 0; i += 1) await new Promise((resolve) => setImmediate(resolve));
    expect(runner.calls).toHaveLength(1);
    // After the run, the next tick is scheduled.
    expect([...timers.pending.values()].map((t) => t.ms)).toEqual([15_000]);
    await scheduler.stop();
    expect(timers.pending.size).toBe(0);
  });
});
