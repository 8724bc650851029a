/**
 * The service's own replies (watch lists, unwatch, one-shot cards, the busy and apology texts) use the
 * messages of the flow the conversation runs on, falling back to the service's flow, then the defaults.
 */
import type { CheckRunner } from '../../src/core/checks';
import { createConversationService } from '../../src/conversation/service';
import type { CauseReply, Reply } from '../../src/engine/replies';
import type { FlowRegistry } from '../../src/flow/registry';
import type { LoadedFlow } from '../../src/flow/types';
import { openStore } from '../../src/store/open-store';
import type { StateStore } from '../../src/store/types';
import { WatchScheduler } from '../../src/watch/scheduler';
import { WATCH_FLOW } from '../engine/watch-flow';

const T0 = Date.UTC(2026, 10, 27, 10, 0);
const KEY = 'slack:T1:C1:111.222';

const GERMAN: LoadedFlow = {
  ...WATCH_FLOW,
  id: 'watch-flow-de',
  messages: {
    watchList: 'Beobachtet:\n{{lines}}',
    watchLine: '- {{domain}} ({{cause}}) bis {{until}}',
    watchCancelled: 'Beobachtung beendet.',
    noWatches: 'Nichts wird beobachtet.',
    recheckAction: 'Erneut prüfen',
    troubleshootAction: 'Schritt für Schritt',
    busy: 'Zu viele Nachrichten auf einmal.',
  },
};

/** Two flows: the default one speaks English, the conversation below runs on the German one. */
const registry: FlowRegistry = {
  get: (id) => {
    if (id === GERMAN.id) return GERMAN;
    if (id === WATCH_FLOW.id) return WATCH_FLOW;
    throw new Error(`no flow ${id}`);
  },
  list: () => [WATCH_FLOW, GERMAN],
  defaultFlow: WATCH_FLOW,
};

const ttlRunner: CheckRunner = async () => ({ outcome: 'ttl-not-elapsed' });

function collector() {
  const replies: Reply[] = [];
  return { deliver: async (batch: Reply[]) => void replies.push(...batch), texts: () => replies.flatMap((r) => (r.type === 'text' ? [r.text] : [])) };
}

async function setup(flowId?: string, wrap: (store: StateStore) => StateStore = (s) => s) {
  const store = await openStore({ memory: true, now: () => T0 });
  const scheduler = new WatchScheduler({ store, runCheck: ttlRunner, notifier: { notify: async () => undefined }, causes: WATCH_FLOW, now: () => T0 });
  const service = createConversationService({ flows: registry, flowId, store: wrap(store), runCheck: ttlRunner, now: () => T0, watches: scheduler });
  return { service, scheduler };
}

describe('service replies in the flow\'s words', () => {
  test('"watches" and "unwatch" in a conversation answer with its flow\'s messages, even where the service now defaults to another flow', async () => {
    const store = await openStore({ memory: true, now: () => T0 });
    const scheduler = new WatchScheduler({ store, runCheck: ttlRunner, notifier: { notify: async () => undefined }, causes: WATCH_FLOW, now: () => T0 });
    const serviceOn = (flowId?: string) => createConversationService({ flows: registry, flowId, store, runCheck: ttlRunner, now: () => T0, watches: scheduler });
    const german = serviceOn(GERMAN.id);
    const quiet = async () => undefined;
    await german.handle(KEY, { type: 'start', vars: { domain: 'shop.example' } }, quiet);
    await german.handle(KEY, { type: 'text', text: 'yes' }, quiet);
    await german.handle(KEY, { type: 'command', command: 'watch' }, quiet);
    // Reconfigured (default flow English): the stored conversation still runs on, and speaks, its own flow.
    const english = serviceOn();
    const list = collector();
    await english.handle(KEY, { type: 'text', text: 'watches' }, list.deliver);
    expect(list.texts()).toEqual(['Beobachtet:\n- shop.example (Not yet (shop.example)) bis 2026-11-29 10:00 UTC']);
    const stop = collector();
    await english.handle(KEY, { type: 'text', text: 'unwatch' }, stop.deliver);
    expect(stop.texts()).toEqual(['Beobachtung beendet.']);
  });

  test('one-shot cards label their buttons with the service flow\'s messages', async () => {
    const { service } = await setup(GERMAN.id);
    const card = (await service.diagnose({ domain: 'shop.example' })).find((r): r is CauseReply => r.type === 'cause');
    expect(card?.actions.map((a) => a.label)).toEqual(['Erneut prüfen', 'Notify me when it takes effect', 'Schritt für Schritt']);
  });

  test('a conversation on the default flow keeps the default texts', async () => {
    const { service } = await setup();
    const list = collector();
    await service.handle(KEY, { type: 'start', vars: { domain: 'shop.example' } }, async () => undefined);
    await service.handle(KEY, { type: 'text', text: 'watches' }, list.deliver);
    expect(list.texts()).toEqual(['Nothing is being watched in this conversation.']);
  });

  test('a store that never lets a write win: the busy reply in the flow\'s words', async () => {
    const losing = (store: StateStore): StateStore => ({
      get: (key) => store.get(key),
      set: async () => ({ ok: false }),
      delete: (key) => store.delete(key),
      claim: (key, ttlMs) => store.claim(key, ttlMs),
    });
    const { service } = await setup(GERMAN.id, losing);
    const out = collector();
    await service.handle(KEY, { type: 'start', vars: { domain: 'shop.example' } }, out.deliver);
    expect(out.texts()).toEqual(['Zu viele Nachrichten auf einmal.']);
  });
});
