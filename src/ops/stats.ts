/**
 * What support leads ask for, computed from the event log over a period: conversations and how they
 * ended (a cause, a handoff, cancelled, abandoned, still open), checks, and causes by frequency.
 */
import type { ConversationStatus, ConversationOutcome } from '../engine/state';
import type { EventLog, OpsEvent } from './events';

/** The stored state of a conversation, as far as stats needs it. */
export interface StoredConversation {
  startedAt: number;
  updatedAt: number;
  status: ConversationStatus;
  outcome?: ConversationOutcome;
}

export interface StatsOptions {
  since: number;
  until: number;
  /** Current time: a conversation idle longer than `idleExpiryMs` before it counts as abandoned. */
  now: number;
  idleExpiryMs: number;
  /** The conversation's stored state, to tell "still open" from "abandoned" for those without an end event. */
  lookup?: (conversationKey: string) => Promise<StoredConversation | undefined>;
}

export interface CountShare {
  name: string;
  count: number;
  /** 0..1 of the relevant total. */
  share: number;
}

export interface Stats {
  since: number;
  until: number;
  conversations: {
    started: number;
    endedWithCause: number;
    handedOff: number;
    cancelled: number;
    abandoned: number;
    open: number;
    byChannel: CountShare[];
    /** Causes the conversations that ended with a cause ended on. */
    causes: CountShare[];
  };
  checks: {
    total: number;
    /** Checks that could not run (no resolver answered, timeout, ...). */
    failed: number;
    /** Main cause of each check that ran, share of those checks. */
    causes: CountShare[];
  };
}

type Ending = 'cause' | 'handoff' | 'cancelled' | 'abandoned' | 'open';

export async function computeStats(log: EventLog, options: StatsOptions): Promise<Stats> {
  const { since, until } = options;
  const inPeriod = await log.query({ since, until });
  // Conversations begun near the end of the period may end a little after it: look that far ahead too.
  const later = await log.query({ since: until, until: Math.max(until, options.now) + 1 });
  const ends = new Map<string, OpsEvent>();
  for (const event of [...inPeriod, ...later]) {
    if (event.kind === 'conversation-ended' && event.conversationKey) ends.set(instance(event), event);
  }

  const starts = inPeriod.filter((event) => event.kind === 'conversation-started' && event.conversationKey);
  const endings: Ending[] = [];
  const endedCauses: string[] = [];
  for (const start of starts) {
    const end = ends.get(instance(start));
    const ending = end ? endingOf(end) : await withoutEndEvent(start, options);
    endings.push(ending);
    const cause = end?.cause;
    if (ending === 'cause' && cause) endedCauses.push(cause);
  }

  const checks = inPeriod.filter((event) => event.kind === 'check');
  const ran = checks.filter((event) => event.outcome && event.outcome !== 'error');
  return {
    since,
    until,
    conversations: {
      started: starts.length,
      endedWithCause: count(endings, 'cause'),
      handedOff: count(endings, 'handoff'),
      cancelled: count(endings, 'cancelled'),
      abandoned: count(endings, 'abandoned'),
      open: count(endings, 'open'),
      byChannel: tally(starts.map((event) => event.channel)),
      causes: tally(endedCauses),
    },
    checks: {
      total: checks.length,
      failed: checks.length - ran.length,
      causes: tally(ran.map((event) => event.outcome!)),
    },
  };
}

/** One conversation: its key and when it began (a key is reused by later conversations in the same place). */
function instance(event: OpsEvent): string {
  return `${event.conversationKey}@${event.startedAt ?? ''}`;
}

function endingOf(end: OpsEvent): Ending {
  if (end.outcome === 'cause' || end.outcome === 'handoff' || end.outcome === 'cancelled') return end.outcome;
  return 'abandoned'; // expired: idle past the expiry, then replaced
}

async function withoutEndEvent(start: OpsEvent, options: StatsOptions): Promise<Ending> {
  const idleSince = (updatedAt: number) => options.now - updatedAt;
  if (!options.lookup) return idleSince(start.at) > options.idleExpiryMs ? 'abandoned' : 'open';
  const stored = await options.lookup(start.conversationKey!);
  // Gone from the store, or replaced by a later conversation without ever ending: abandoned.
  if (!stored || stored.startedAt !== start.startedAt) return 'abandoned';
  if (stored.status === 'ended' && stored.outcome) return stored.outcome.kind;
  return idleSince(stored.updatedAt) > options.idleExpiryMs ? 'abandoned' : 'open';
}

function count(endings: Ending[], which: Ending): number {
  return endings.filter((ending) => ending === which).length;
}

/** Counts by name, most frequent first (ties by name), with the share of the whole list. */
function tally(names: string[]): CountShare[] {
  const counts = new Map<string, number>();
  for (const name of names) counts.set(name, (counts.get(name) ?? 0) + 1);
  return [...counts.entries()]
    .map(([name, n]) => ({ name, count: n, share: n / names.length }))
    .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
}
