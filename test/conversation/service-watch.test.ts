/** The conversation service runs the engine's watch effects through its WatchKeeper (the watch scheduler). */
import type { CheckRunner } from '../../src/core/checks';
import { createConversationService } from '../../src/conversation/service';
import type { CauseReply, Reply } from '../../src/engine/replies';
import { openStore, type OpenedStore } from '../../src/store/open-store';
import { WatchScheduler } from '../../src/watch/scheduler';
import { WATCH_FLOW } from '../engine/watch-flow';

const T0 = Date.UTC(2026, 10, 27, 10, 0);
const KEY = 'slack:T1:C1:111.222';

function collector() {
  const replies: Reply[] = [];
  return { replies, deliver: async (batch: Reply[]) => void replies.push(...batch), texts: () => replies.flatMap((r) => (r.type === 'text' ? [r.text] : [])) };
}

const ttlRunner: CheckRunner = async () => ({ outcome: 'ttl-not-elapsed', summary: 'A resolver still caches the old answer' });

async function setup(withWatches = true) {
  const store: OpenedStore = await openStore({ memory: true, now: () => T0 });
  const scheduler = new WatchScheduler({ store, runCheck: ttlRunner, notifier: { notify: async () => undefined }, causes: WATCH_FLOW, now: () => T0 });
  const service = createConversationService({ flows: WATCH_FLOW, store, runCheck: ttlRunner, now: () => T0, ...(withWatches ? { watches: scheduler } : {}) });
  const out = collector();
  await service.handle(KEY, { type: 'start', vars: { domain: 'shop.example' } }, out.deliver);
  await service.handle(KEY, { type: 'text', text: 'yes' }, out.deliver);
  return { service, scheduler, store, out };
}

const card = (replies: Reply[]) => replies.find((r): r is CauseReply => r.type === 'cause');

describe('conversation service with watches', () => {
  test('the cause card offers the watch; the button starts a watch of the conversation\'s domain and check', async () => {
    const { service, scheduler, out } = await setup();
    expect(card(out.replies)?.actions.map((a) => a.id)).toEqual(['recheck', 'watch', 'restart']);
    const after = collector();
    await service.handle(KEY, { type: 'command', command: 'watch' }, after.deliver);
    expect(after.texts()).toEqual([expect.stringMatching(/^OK, I am watching shop\.example: I check again in 1 minute, .* until 2026-11-29 10:00 UTC/)]);
    expect(await scheduler.list(KEY)).toEqual([
      expect.objectContaining({ conversationKey: KEY, domain: 'shop.example', check: 'dns', params: { domain: 'shop.example' }, cause: 'ttl-not-elapsed', nextRunAt: T0 + 60_000 }),
    ]);
  });

  test('"watches" lists them with the cause title and times; "unwatch" cancels them', async () => {
    const { service, scheduler } = await setup();
    await service.handle(KEY, { type: 'text', text: 'notify me' }, async () => undefined);
    const list = collector();
    await service.handle(KEY, { type: 'text', text: 'watches' }, list.deliver);
    expect(list.texts()).toEqual([
      'Watches in this conversation:\n• shop.example: still Not yet (shop.example); next check 2026-11-27 10:01 UTC, until 2026-11-29 10:00 UTC',
    ]);
    const stop = collector();
    await service.handle(KEY, { type: 'text', text: 'stop watching' }, stop.deliver);
    expect(stop.texts()).toEqual(['Stopped the watch; I will not post about it any more.']);
    expect(await scheduler.list(KEY)).toEqual([]);
    const again = collector();
    await service.handle(KEY, { type: 'text', text: 'watches' }, again.deliver);
    expect(again.texts()).toEqual(['Nothing is being watched in this conversation.']);
  });

  test('without a watch keeper (the terminal) nothing offers or starts a watch', async () => {
    const { service, out } = await setup(false);
    expect(card(out.replies)?.actions.map((a) => a.id)).toEqual(['recheck', 'restart']);
    const after = collector();
    await service.handle(KEY, { type: 'text', text: 'watch' }, after.deliver);
    expect(after.texts()).toEqual([expect.stringContaining('I cannot post here later')]);
  });

  test('a watch store that fails becomes a short error reply, not a rejection', async () => {
    const { service, store } = await setup();
    const set = store.set.bind(store);
    store.set = async (key, value, options) => (key.startsWith('watch:') ? Promise.reject(new Error('disk full')) : set(key, value, options));
    const after = collector();
    await expect(service.handle(KEY, { type: 'command', command: 'watch' }, after.deliver)).resolves.toBeUndefined();
    // The engine confirms only from the store's answer: only the failure is said.
    expect(after.replies).toEqual([{ type: 'text', tone: 'error', text: 'Sorry, I could not start watching (disk full). Type "recheck" to check again yourself.' }]);
  });

  test('"I am watching" is said only once the store has the watch, with the times the store gave it', async () => {
    const { service, scheduler } = await setup();
    const add = scheduler.add.bind(scheduler);
    let stored = false;
    // A slower store that also keeps the watch for less time than the offer says: the store's answer wins.
    scheduler.add = async (request) => {
      const watch = await add(request);
      stored = true;
      return { ...watch, nextRunAt: T0 + 5 * 60_000, expiresAt: T0 + 60 * 60_000 };
    };
    const said: { text: string; stored: boolean }[] = [];
    await service.handle(KEY, { type: 'command', command: 'watch' }, async (batch) => {
      for (const r of batch) if (r.type === 'text') said.push({ text: r.text, stored });
    });
    expect(said).toEqual([{ text: expect.stringMatching(/^OK, I am watching shop\.example: I check again in 5 minutes, .* until 2026-11-27 11:00 UTC/), stored: true }]);
  });
});
