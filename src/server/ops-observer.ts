/**
 * Turns what the conversation service reports into metrics, stats events and log lines, for one
 * channel. Event-log writes are asynchronous and tracked, so a graceful stop waits for them.
 */
import type { ConversationEvent, ConversationObserver } from '../conversation/observer';
import type { Logger } from '../core/logger';
import type { EventLog, OpsEvent } from '../ops/events';
import type { Metrics } from '../ops/metrics';

export interface OpsObserverOptions {
  channel: string;
  metrics?: Metrics;
  events?: EventLog;
  logger?: Logger;
  now?: () => number;
  /** Registers background work (event-log writes) so shutdown can wait for it. */
  track?: (work: Promise<unknown>) => void;
}

const ENDED_LABEL = { cause: 'completed', handoff: 'handed-off', cancelled: 'cancelled' } as const;

export function createOpsObserver(options: OpsObserverOptions): ConversationObserver {
  const { channel, metrics, events, logger } = options;
  const now = options.now ?? Date.now;

  const record = (event: Omit<OpsEvent, 'at' | 'channel'>) => {
    if (!events) return;
    const writing = events.append({ at: now(), channel, ...event }).catch((error: unknown) => {
      logger?.warn({ err: error, kind: event.kind }, 'could not record a stats event');
    });
    options.track?.(writing);
  };

  return (event: ConversationEvent) => {
    const log = logger?.child({ channel, ...(event.key ? { conversation: event.key } : {}) });
    switch (event.type) {
      case 'started':
        metrics?.conversation(channel, 'started');
        record({ kind: 'conversation-started', conversationKey: event.key, startedAt: event.startedAt });
        log?.info('conversation started');
        return;
      case 'ended':
        metrics?.conversation(channel, ENDED_LABEL[event.outcome], event.cause);
        record({ kind: 'conversation-ended', conversationKey: event.key, startedAt: event.startedAt, outcome: event.outcome, cause: event.cause });
        log?.info({ outcome: event.outcome, cause: event.cause }, 'conversation ended');
        return;
      case 'expired':
        metrics?.conversation(channel, 'expired');
        record({ kind: 'conversation-ended', conversationKey: event.key, startedAt: event.startedAt, outcome: 'expired' });
        log?.info('conversation expired (idle)');
        return;
      case 'checked':
        metrics?.check(channel, event.outcome, event.durationMs);
        record({ kind: 'check', conversationKey: event.key, outcome: event.outcome, durationMs: event.durationMs, domain: event.domain });
        log?.info({ check: event.check, outcome: event.outcome, durationMs: event.durationMs }, 'check finished');
        return;
      case 'node':
        // Only the event log: a node visit is the dashboard's flow graph, not a metric or a log line.
        record({ kind: 'node', conversationKey: event.key, startedAt: event.startedAt, flow: event.flow, node: event.node });
        return;
    }
  };
}
