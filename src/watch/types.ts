/**
 * Watches: "notify me when it takes effect". A watch re-runs a conversation's check on a schedule and
 * posts into that conversation when the diagnosis changes. Everything about a watch lives in the
 * StateStore, so watches survive restarts and any replica can run them (one at a time, by lease).
 */
import type { Reply } from '../engine/replies';
import type { WatchOffer } from '../engine/result';

/** What a conversation asks to watch (the engine's `start-watch` effect plus where to post). */
export interface WatchRequest {
  /** The channel's conversation key (`slack:...`, `teams:...`): where notices are posted. */
  conversationKey: string;
  domain: string;
  /** The check to re-run (`dns`) and its parameters (domain, expect, platform). */
  check: string;
  params: Record<string, string>;
  /** The diagnosis the user is waiting on. */
  cause: string;
  /**
   * `one-shot`: started from a one-shot diagnosis card, so no conversation stands behind the key and the
   * notice's buttons must carry the domain themselves. Absent: a conversation's watch.
   */
  origin?: 'one-shot';
}

export interface Watch extends WatchRequest {
  id: string;
  /** The diagnosis last seen; a different one is news. */
  lastCause: string;
  createdAt: number;
  nextRunAt: number;
  /** Re-checks done so far; picks the next interval. */
  attempt: number;
  /** After this the watch ends with a notice. */
  expiresAt: number;
}

/** What the conversation service needs from the watches: start, list and cancel them. */
export interface WatchKeeper {
  /** For the engine: when the first re-check runs and how long a watch lasts. */
  readonly offer: WatchOffer;
  /** Starts a watch (or renews this conversation's watch of the same domain). */
  add(request: WatchRequest): Promise<Watch>;
  list(conversationKey: string): Promise<Watch[]>;
  /** Cancels this conversation's watches (one, when `id` is given); returns how many were cancelled. */
  cancel(conversationKey: string, id?: string): Promise<number>;
}

/** Posts replies into a conversation later, outside any request (Slack Web API, Teams proactive message). */
export interface WatchNotifier {
  /** `watch`: the watch the notice is about (its domain and origin decide where its buttons lead). */
  notify(conversationKey: string, replies: Reply[], watch?: Watch): Promise<void>;
}
