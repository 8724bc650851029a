/** The ops observer on the real conversation service: metrics, stats events and log lines per conversation. */
import { PassThrough } from 'node:stream';
import { createConversationService } from '../../src/conversation/service';
import { createLogger } from '../../src/core/logger';
import { MemoryEventLog } from '../../src/ops/events';
import { InFlight } from '../../src/channels/kit/in-flight';
import { createMetrics } from '../../src/ops/metrics';
import { createOpsObserver } from '../../src/server/ops-observer';
import { MemoryStore } from '../../src/store/memory';
import { testFlow } from '../engine/flows';

const text = (t: string) => ({ type: 'text' as const, text: t });
const deliver = async () => undefined;

function logLines() {
  const stream = new PassThrough();
  let raw = '';
  stream.on('data', (chunk) => (raw += chunk));
  return { logger: createLogger({ level: 'info', destination: stream }), lines: () => raw.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>) };
}

describe('ops observer', () => {
  it('feeds metrics, the event log and one log line per event, each naming the conversation', async () => {
    const metrics = createMetrics();
    const events = new MemoryEventLog();
    const inFlight = new InFlight();
    const { logger, lines } = logLines();
    let time = 5_000;
    const service = createConversationService({
      flows: testFlow(),
      store: new MemoryStore(),
      runCheck: async () => ({ outcome: 'cause-a' }),
      now: () => time,
      observer: createOpsObserver({ channel: 'slack', metrics, events, logger, now: () => time, track: (work) => inFlight.track(work) }),
    });
    await service.handle('slack:T1:C1:1.2', { type: 'start' }, deliver);
    for (const answer of ['example.com', 'yes', 'skip']) {
      time += 1000;
      await service.handle('slack:T1:C1:1.2', text(answer), deliver);
    }
    expect(await inFlight.drain(1000)).toBe(true);

    const recorded = await events.query({ since: 0, until: 100_000 });
    // Node events (where the conversation rested) go to the event log only: no metric, no log line.
    expect(recorded.filter((event) => event.kind === 'node')).toContainEqual({ at: 5_000, kind: 'node', channel: 'slack', conversationKey: 'slack:T1:C1:1.2', startedAt: 5_000, flow: 'test-flow', node: 'ask-domain' });
    const lifecycle = recorded.filter((event) => event.kind !== 'node');
    expect(lifecycle.map((event) => [event.kind, event.outcome ?? null])).toEqual([
      ['conversation-started', null],
      ['check', 'cause-a'],
      ['conversation-ended', 'cause'],
    ]);
    expect(lifecycle[2]).toMatchObject({ at: 8_000, channel: 'slack', conversationKey: 'slack:T1:C1:1.2', startedAt: 5_000, cause: 'cause-a' });

    const metricsText = await metrics.render();
    expect(metricsText).toContain('certstatus_conversations_total{channel="slack",event="started",cause=""} 1');
    expect(metricsText).toContain('certstatus_conversations_total{channel="slack",event="completed",cause="cause-a"} 1');
    expect(metricsText).toContain('certstatus_causes_diagnosed_total{cause="cause-a"} 1');
    expect(metricsText).toContain('certstatus_check_duration_seconds_count{channel="slack",outcome="cause-a"} 1');

    const logged = lines();
    expect(logged.map((line) => line.msg)).toEqual(['conversation started', 'check finished', 'conversation ended']);
    for (const line of logged) expect(line).toMatchObject({ level: 30, app: 'certstatus', channel: 'slack', conversation: 'slack:T1:C1:1.2' });
  });

  it('logs a failed event write as a warning and goes on', async () => {
    const { logger, lines } = logLines();
    const inFlight = new InFlight();
    const observer = createOpsObserver({
      channel: 'teams',
      events: { append: async () => Promise.reject(new Error('disk full')), query: async () => [] },
      logger,
      track: (work) => inFlight.track(work),
    });
    observer({ type: 'started', key: 'teams:abc', startedAt: 1 });
    expect(await inFlight.drain(1000)).toBe(true);
    const warning = lines().find((line) => line.msg === 'could not record a stats event');
    expect(warning).toMatchObject({ level: 40, err: { message: 'disk full' }, kind: 'conversation-started' });
  });
});
