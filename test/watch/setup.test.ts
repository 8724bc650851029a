import { CertstatusError, ErrorCode } from '../../src/core/errors';
import type { Logger } from '../../src/core/logger';
import { MemoryEventLog } from '../../src/ops/events';
import { createMetrics } from '../../src/ops/metrics';
import { MemoryStore } from '../../src/store/memory';
import { openStore } from '../../src/store/open-store';
import { hasLeases, setUpWatches, watchOptionsFromEnv } from '../../src/watch/setup';
import { Clock, MINUTE, RecordingNotifier, request, SettableRunner, SHIPPED } from './helpers';

function fakeLogger() {
  const warnings: unknown[][] = [];
  const infos: unknown[][] = [];
  const logger = { warn: (...args: unknown[]) => void warnings.push(args), info: (...args: unknown[]) => void infos.push(args), debug: () => undefined } as unknown as Logger;
  return { logger, warnings, infos };
}

describe('setting up watches for serve', () => {
  test('CERTSTATUS_WATCH_HOURS sets how long a watch lasts; a bad value is a one-line config error', () => {
    expect(watchOptionsFromEnv({})).toEqual({});
    expect(watchOptionsFromEnv({ CERTSTATUS_WATCH_HOURS: '72' })).toEqual({ maxAgeMs: 72 * 3600_000 });
    expect(() => watchOptionsFromEnv({ CERTSTATUS_WATCH_HOURS: 'two days' })).toThrow(
      new CertstatusError(ErrorCode.Config, 'CERTSTATUS_WATCH_HOURS must be a whole number, got "two days".'),
    );
    expect(() => watchOptionsFromEnv({ CERTSTATUS_WATCH_HOURS: '0' })).toThrow('CERTSTATUS_WATCH_HOURS must be between 1 and 720, got 0.');
  });

  test('CERTSTATUS_WATCH_INTERVALS (seconds) and CERTSTATUS_WATCH_TICK_SECONDS; bad lists are one-line errors', () => {
    expect(watchOptionsFromEnv({ CERTSTATUS_WATCH_INTERVALS: '30, 60,600', CERTSTATUS_WATCH_TICK_SECONDS: '5' })).toEqual({ intervalsMs: [30_000, 60_000, 600_000], tickMs: 5000 });
    for (const bad of ['1,,2', 'soon', '0', '60;120']) {
      expect(() => watchOptionsFromEnv({ CERTSTATUS_WATCH_INTERVALS: bad })).toThrow(
        `CERTSTATUS_WATCH_INTERVALS must be seconds between 1 and 86400 separated by commas (for example 60,120,300), got "${bad}".`,
      );
    }
  });

  test('a store without leases gets no watches (and a warning); openStore\'s stores get them', async () => {
    const { logger, warnings } = fakeLogger();
    const runner = new SettableRunner();
    const plain = new MemoryStore();
    expect(hasLeases(plain)).toBe(false);
    expect(setUpWatches({ store: plain, runCheck: runner.run, causes: () => SHIPPED, logger })).toBeUndefined();
    expect(warnings).toEqual([['watches are off: the state store has no leases (use openStore)']]);
    expect(setUpWatches({ store: await openStore({ memory: true }), runCheck: runner.run, causes: () => SHIPPED, logger })).toBeDefined();
  });

  test('the gauge counts watches, the scheduler honours the max age, and a route added after it is used', async () => {
    const { logger, warnings, infos } = fakeLogger();
    const clock = new Clock();
    const runner = new SettableRunner();
    let source: (() => number | Promise<number>) | undefined;
    const metrics = { setWatchesActiveSource: (s: () => number | Promise<number>) => void (source = s), check: () => undefined };
    const store = await openStore({ memory: true, now: clock.now });
    const events = new MemoryEventLog();
    const setup = setUpWatches({ store, runCheck: runner.run, causes: () => SHIPPED, logger, metrics, maxAgeMs: 3600_000, now: clock.now, events })!;
    const watch = await setup.scheduler.add(request());
    expect(watch.expiresAt - watch.createdAt).toBe(3600_000);
    expect(await source?.()).toBe(1);

    // No Slack route yet: the run fails quietly (logged) and the notice waits.
    runner.outcome = { outcome: 'ca-review-pending' };
    clock.advance(MINUTE);
    expect((await setup.scheduler.runDue()).notified).toEqual([]);
    expect(warnings).toEqual([[{ err: expect.objectContaining({ message: expect.stringContaining('slack is not enabled here') }), watch: watch.id }, 'watch: run failed; it is tried again later']]);

    const slack = new RecordingNotifier();
    setup.routes.slack = slack;
    clock.advance(2 * MINUTE);
    expect((await setup.scheduler.runDue()).notified).toEqual([watch.id]);
    expect(slack.posts.map((p) => p.key)).toEqual([watch.conversationKey]);
    // One log line per start, notice and end, naming the conversation.
    const fields = { watch: watch.id, conversation: watch.conversationKey, domain: 'shop.test' };
    expect(infos).toEqual([
      [fields, 'watch: started'],
      [{ ...fields, outcome: 'ca-review-pending' }, 'watch: notice posted'],
      [{ ...fields, reason: 'took-effect' }, 'watch: ended'],
    ]);
    // The stats event log has the start and how it ended (the dashboard's watches).
    const recorded = await events.query({ since: 0, until: Number.MAX_SAFE_INTEGER });
    expect(recorded.map((event) => [event.kind, event.channel, event.domain, event.outcome])).toEqual([
      ['watch-started', 'slack', 'shop.test', undefined],
      ['watch-ended', 'slack', 'shop.test', 'took-effect'],
    ]);
    expect(await source?.()).toBe(0);
  });

  test('watch re-checks reach the check-duration metric, labelled channel "watch"', async () => {
    const { logger } = fakeLogger();
    const clock = new Clock();
    const runner = new SettableRunner();
    const metrics = createMetrics();
    const store = await openStore({ memory: true, now: clock.now });
    const setup = setUpWatches({ store, runCheck: runner.run, causes: () => SHIPPED, logger, metrics, now: clock.now })!;
    setup.routes.slack = new RecordingNotifier();
    await setup.scheduler.add(request());
    runner.outcome = { outcome: 'ca-review-pending' };
    clock.advance(MINUTE);
    await setup.scheduler.runDue();
    const text = await metrics.registry.metrics();
    expect(text).toMatch(/certstatus_check_duration_seconds_count\{[^}]*channel="watch"[^}]*outcome="ca-review-pending"[^}]*\} 1/);
  });
});
