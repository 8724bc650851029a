/**
 * The event log behind `certstatus stats`: one small record per conversation start/end and per check,
 * kept in the same store as the conversations (SQLite table, Redis sorted set, or memory).
 */

export type OpsEventKind =
  | 'conversation-started'
  | 'conversation-ended'
  | 'check'
  | 'certificate-lookup'
  /** A conversation reached a node of its flow (asked a question, ran a check): the dashboard's flow graph. */
  | 'node'
  /** A watch began; `domain`. */
  | 'watch-started'
  /** A watch ended; `outcome`: took-effect, changed, expired or cancelled. */
  | 'watch-ended';

export interface OpsEvent {
  /** Milliseconds since the epoch. */
  at: number;
  kind: OpsEventKind;
  /** slack, teams, terminal, ... */
  channel: string;
  conversationKey?: string;
  /** For conversations: when the conversation began (pairs an end with its start). */
  startedAt?: number;
  /** Ended: `cause`, `handoff`, `cancelled` or `expired`. Check: the main cause id, or `error`. */
  outcome?: string;
  /** Ended with a cause: which one. */
  cause?: string;
  /** Check: how long it took. */
  durationMs?: number;
  /** Certificate look-up: who asked (`slack:T123/C456/U789`, ...). */
  who?: string;
  /** Certificate look-up: which certificate id. */
  certificate?: string;
  /** Check and watch events: the domain (the dashboard's busiest domains). */
  domain?: string;
  /** Node events: the flow and node id. */
  flow?: string;
  node?: string;
}

export interface EventQuery {
  /** Inclusive, milliseconds. */
  since: number;
  /** Exclusive, milliseconds. */
  until: number;
}

export interface EventLog {
  append(event: OpsEvent): Promise<void>;
  /** Events with since <= at < until, oldest first. */
  query(range: EventQuery): Promise<OpsEvent[]>;
  close?(): Promise<void>;
}

export class MemoryEventLog implements EventLog {
  private readonly events: OpsEvent[] = [];

  async append(event: OpsEvent): Promise<void> {
    this.events.push({ ...event });
  }

  async query({ since, until }: EventQuery): Promise<OpsEvent[]> {
    return this.events.filter((event) => event.at >= since && event.at < until).sort((a, b) => a.at - b.at);
  }
}

/** Drops undefined fields, so every store gives back the same shape. */
export function compactEvent(event: OpsEvent): OpsEvent {
  return Object.fromEntries(Object.entries(event).filter(([, value]) => value !== undefined && value !== null)) as unknown as OpsEvent;
}
