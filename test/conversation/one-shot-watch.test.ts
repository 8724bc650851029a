/**
 * The conversation service's one-shot side with watches: `diagnose` offers the watch for a watchable
 * cause, `watchDiagnosis` starts it (once per place and domain) on the exact check the card ran, and
 * "watches"/"unwatch" answer where no conversation is open without starting one.
 */
import type { CheckOutcome, CheckRunner } from '../../src/core/checks';
import { createConversationService } from '../../src/conversation/service';
import type { Reply } from '../../src/engine/replies';
import { openStore } from '../../src/store/open-store';
import { WatchScheduler } from '../../src/watch/scheduler';
import type { WatchKeeper } from '../../src/watch/types';
import { WATCH_FLOW } from '../engine/watch-flow';

const T0 = Date.UTC(2026, 10, 27, 10, 0);
const KEY = 'slack:T1:DALICE';

async function setup(outcome: CheckOutcome = { outcome: 'ttl-not-elapsed' }, options: { withWatches?: boolean; keeper?: (scheduler: WatchScheduler) => WatchKeeper } = {}) {
  let time = T0;
  const calls: Record<string, string>[] = [];
  const runCheck: CheckRunner = async (_check, params) => {
    calls.push(params);
    return outcome;
  };
  const store = await openStore({ memory: true, now: () => time });
  const scheduler = new WatchScheduler({ store, runCheck, notifier: { notify: async () => undefined }, causes: WATCH_FLOW, now: () => time });
  const watches = options.keeper ? options.keeper(scheduler) : scheduler;
  const service = createConversationService({
    flows: WATCH_FLOW, store, runCheck, now: () => time, idleExpiryMs: 60 * 60_000,
    ...(options.withWatches === false ? {} : { watches }),
  });
  return { service, scheduler, calls, advance: (ms: number) => void (time += ms) };
}

const texts = (replies: Reply[]) => replies.flatMap((r) => (r.type === 'text' ? [r.text] : []));
const actionsOf = (replies: Reply[]) => replies.flatMap((r) => (r.type === 'cause' ? r.actions.map((a) => a.id) : []));

describe('one-shot diagnosis with watches', () => {
  test('diagnose offers the watch for a cause that changes in DNS, and only where watches run', async () => {
    expect(actionsOf(await (await setup()).service.diagnose({ domain: 'shop.example' }))).toEqual(['recheck', 'watch', 'troubleshoot']);
    expect(actionsOf(await (await setup({ outcome: 'ca-review-pending' })).service.diagnose({ domain: 'shop.example' }))).toEqual(['recheck', 'troubleshoot']);
    expect(actionsOf(await (await setup({ outcome: 'domain-not-found' })).service.diagnose({ domain: 'shop.example' }))).toEqual(['recheck', 'troubleshoot']);
    const terminal = await setup(undefined, { withWatches: false });
    expect(actionsOf(await terminal.service.diagnose({ domain: 'shop.example' }))).toEqual(['recheck', 'troubleshoot']);
    expect(terminal.service.hasWatches && (await terminal.service.hasWatches(KEY))).toBe(false);
  });

  test('the watch re-runs the check the card ran (normalised domain and record value); a second click keeps the first watch', async () => {
    const { service, scheduler, calls, advance } = await setup();
    await service.diagnose({ domain: ' HTTPS://Shop.Example/x ', expect: ' "20261125093000abc" ' });
    const first = await service.watchDiagnosis!(KEY, { domain: ' HTTPS://Shop.Example/x ', expect: ' "20261125093000abc" ', cause: 'ttl-not-elapsed' });
    expect(texts(first.replies)).toEqual([
      'OK, I am watching shop.example: I check again in 1 minute, then less and less often until 2026-11-29 10:00 UTC, ' +
        'and post here as soon as the diagnosis changes. Type "watches" to list watches, "unwatch" to stop.',
    ]);
    expect(first.watching).toEqual({ domain: 'shop.example', nextCheckInMs: 60_000, until: T0 + 48 * 3600_000 });
    const [watch] = await scheduler.list(KEY);
    expect(watch).toMatchObject({ conversationKey: KEY, domain: 'shop.example', check: 'dns', cause: 'ttl-not-elapsed' });
    expect(calls).toEqual([{ domain: 'shop.example', expect: '20261125093000abc' }]);
    expect(watch?.params).toEqual(calls[0]);
    expect(await service.hasWatches!(KEY)).toBe(true);

    advance(30_000);
    const second = await service.watchDiagnosis!(KEY, { domain: 'shop.example', cause: 'ttl-not-elapsed' });
    expect(texts(second.replies)).toEqual([expect.stringMatching(/^I am already watching shop\.example here: next check 2026-11-27 10:01 UTC, until 2026-11-29 10:00 UTC/)]);
    expect(second.watching?.nextCheckInMs).toBe(30_000);
    expect((await scheduler.list(KEY)).map((w) => w.id)).toEqual([watch?.id]);
  });

  test('a cause DNS does not change, a bad domain, no watches, a failing store: a reply saying why, and no watch', async () => {
    const { service, scheduler } = await setup();
    expect(await service.watchDiagnosis!(KEY, { domain: 'shop.example', cause: 'ca-review-pending' })).toEqual({
      replies: [{ type: 'text', text: expect.stringContaining('nothing for me to watch') }],
    });
    expect(await service.watchDiagnosis!(KEY, { domain: '192.0.2.1', cause: 'ttl-not-elapsed' })).toEqual({
      replies: [{ type: 'text', tone: 'error', text: expect.stringContaining('is not a domain name') }],
    });
    expect(await scheduler.list(KEY)).toEqual([]);

    const none = await setup(undefined, { withWatches: false });
    expect(texts((await none.service.watchDiagnosis!(KEY, { domain: 'shop.example', cause: 'ttl-not-elapsed' })).replies)).toEqual([
      'I cannot post here later, so I cannot watch the domain; type "recheck" whenever you want me to check again.',
    ]);

    const broken = await setup(undefined, {
      keeper: (real) => ({ offer: real.offer, list: async () => [], cancel: async () => 0, add: async () => Promise.reject(new Error('store is down')) }),
    });
    const answer = await broken.service.watchDiagnosis!(KEY, { domain: 'shop.example', cause: 'ttl-not-elapsed' });
    expect(answer).toEqual({ replies: [{ type: 'text', tone: 'error', text: 'Sorry, I could not start watching (store is down). Type "recheck" to check again yourself.' }] });
  });

  test('"watches" and "unwatch" where no conversation is open answer from the watches and start no conversation', async () => {
    const { service, scheduler, advance } = await setup();
    await service.watchDiagnosis!(KEY, { domain: 'shop.example', cause: 'ttl-not-elapsed' });
    const listed: Reply[] = [];
    await service.handle(KEY, { type: 'text', text: 'watches' }, async (batch) => void listed.push(...batch));
    expect(texts(listed)).toEqual([expect.stringMatching(/^Watches in this conversation:\n• shop\.example: still Not yet \(shop\.example\); next check/)]);
    expect(await service.peek(KEY)).toBeUndefined();

    // An open conversation gone idle past its expiry does not restart for "unwatch" either.
    await service.handle(KEY, { type: 'start' }, async () => undefined);
    advance(2 * 60 * 60_000);
    const before = await service.peek(KEY);
    const cancelled: Reply[] = [];
    await service.handle(KEY, { type: 'command', command: 'unwatch' }, async (batch) => void cancelled.push(...batch));
    expect(texts(cancelled)).toEqual(['Stopped the watch; I will not post about it any more.']);
    expect(await scheduler.list(KEY)).toEqual([]);
    expect(await service.peek(KEY)).toEqual(before);
  });
});
