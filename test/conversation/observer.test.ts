/** The service tells its observer about starts, ends, expiries and checks (for metrics and stats). */
import type { CheckRunner } from '../../src/core/checks';
import type { ConversationEvent } from '../../src/conversation/observer';
import { createConversationService } from '../../src/conversation/service';
import { MemoryStore } from '../../src/store/memory';
import { testFlow } from '../engine/flows';

const text = (t: string) => ({ type: 'text' as const, text: t });
const deliver = async () => undefined;

function setup(runCheck: CheckRunner = async () => ({ outcome: 'cause-a' }), observer?: (event: ConversationEvent) => void) {
  let time = 1_000;
  const events: ConversationEvent[] = [];
  // Where the conversation rested (the dashboard's flow graph), apart from the lifecycle events.
  const nodes: string[] = [];
  const service = createConversationService({
    flows: testFlow(),
    store: new MemoryStore({ now: () => time }),
    runCheck,
    now: () => time,
    idleExpiryMs: 60_000,
    observer: observer ?? ((event) => (event.type === 'node' ? nodes.push(`${event.flow}/${event.node}@${event.startedAt}`) : events.push(event))),
  });
  return { service, events, nodes, tick: (ms: number) => (time += ms) };
}

/** Check durations vary; the rest of a checked event does not. */
const withoutDuration = (events: ConversationEvent[]) =>
  events.map((event) => (event.type === 'checked' ? { ...event, durationMs: expect.any(Number) } : event));

describe('conversation observer', () => {
  it('sees a start, the check with its outcome, and the end with the cause', async () => {
    const { service, events } = setup();
    await service.handle('c1', { type: 'start' }, deliver);
    await service.handle('c1', text('example.com'), deliver);
    await service.handle('c1', text('yes'), deliver);
    await service.handle('c1', text('skip'), deliver);
    expect(withoutDuration(events)).toEqual([
      { type: 'started', key: 'c1', startedAt: 1_000 },
      { type: 'checked', key: 'c1', check: 'dns', outcome: 'cause-a', durationMs: expect.any(Number), domain: 'example.com' },
      { type: 'ended', key: 'c1', startedAt: 1_000, outcome: 'cause', cause: 'cause-a' },
    ]);
  });

  it('tells each node the conversation comes to rest at, once per arrival', async () => {
    const { service, nodes } = setup();
    await service.handle('c1', { type: 'start' }, deliver);
    await service.handle('c1', text('not a domain!'), deliver); // asked again: same node, no new event
    await service.handle('c1', text('example.com'), deliver);
    await service.handle('c1', text('yes'), deliver);
    await service.handle('c1', text('skip'), deliver);
    expect(nodes).toEqual(['test-flow/ask-domain@1000', 'test-flow/q1@1000', 'test-flow/ask-value@1000', 'test-flow/check@1000', 'test-flow/answer-a@1000']);
  });

  it('counts a second conversation after the first ended, and a cancel', async () => {
    const { service, events, tick } = setup();
    await service.handle('c1', { type: 'start' }, deliver);
    await service.handle('c1', text('cancel'), deliver);
    tick(10);
    await service.handle('c1', text('hello again'), deliver);
    expect(events.map((event) => [event.type, 'outcome' in event ? event.outcome : undefined])).toEqual([
      ['started', undefined],
      ['ended', 'cancelled'],
      ['started', undefined],
    ]);
  });

  it('reports an open conversation idle past the expiry as expired when the user comes back', async () => {
    const { service, events, tick } = setup();
    await service.handle('c1', { type: 'start' }, deliver);
    tick(30_000);
    await service.handle('c1', text('example.com'), deliver); // still within the expiry: no event
    tick(61_000);
    await service.handle('c1', text('hello?'), deliver);
    expect(events).toEqual([
      { type: 'started', key: 'c1', startedAt: 1_000 },
      { type: 'expired', key: 'c1', startedAt: 1_000 },
      { type: 'started', key: 'c1', startedAt: 92_000 },
    ]);
  });

  it('reports one-shot diagnoses as checks without a conversation key', async () => {
    const { service, events } = setup(async () => ({ outcome: 'cause-b' }));
    await service.diagnose({ domain: 'example.com' });
    expect(withoutDuration(events)).toEqual([{ type: 'checked', check: 'dns', outcome: 'cause-b', durationMs: expect.any(Number), domain: 'example.com' }]);
  });

  it('carries on when the observer throws', async () => {
    const { service } = setup(undefined, () => {
      throw new Error('metrics broke');
    });
    const replies: unknown[] = [];
    await service.handle('c1', { type: 'start' }, async (batch) => void replies.push(...batch));
    expect(replies.length).toBeGreaterThan(0);
    expect((await service.peek('c1'))?.status).toBe('active');
  });
});
