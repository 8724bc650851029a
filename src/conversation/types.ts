/**
 * What every channel (terminal, Slack, Teams) talks to: one conversation per key (a DM, a Slack thread,
 * a Teams reply chain), shared by everyone in it. Implemented in conversation/service.ts on top of the
 * pure engine, a StateStore and a CheckRunner.
 */
import type { Input } from '../engine/inputs';
import type { Reply } from '../engine/replies';
import type { ConversationState } from '../engine/state';
import type { Replica } from './outbox';

/**
 * Receives replies; may be called more than once per input (immediate replies, then after a check).
 * `posted(n)`, when given, is awaited after each reply is posted, with how many of `replies` are now posted
 * (the outbox ticks them off); when it rejects, the rest are not posted.
 */
export type DeliverReplies = (replies: Reply[], posted?: (count: number) => Promise<void>) => Promise<void>;

export interface DiagnoseRequest {
  /** The domain as the user typed it. */
  domain: string;
  /** The record value the CA asked for, when known. */
  expect?: string;
  /** DNS platform id where the user added the record, when known. */
  platform?: string;
  /** Where the CA wants the record, when the certificate service says (`_dnsauth.{domain}`; TXT). */
  recordName?: string;
  recordType?: 'TXT' | 'CNAME';
}

/** Several names at once, answered with one card (conversation/names.ts). */
export interface NamesRequest {
  /** The card's heading ("Certificate scs… (shop), CHECKING: 3 names"); a default names the count. */
  title?: string;
  /** One-line notices shown above the sections. */
  notices?: string[];
  names: DiagnoseRequest[];
}

/** "Notify me when it takes effect" on a one-shot diagnosis card: what the card diagnosed. */
export interface WatchDiagnosisRequest extends DiagnoseRequest {
  /** The cause the card showed: the diagnosis the user waits to change. */
  cause: string;
}

export interface WatchDiagnosisAnswer {
  /** The confirmation (or why there is no watch), worded for where the notices will be posted. */
  replies: Reply[];
  /** Set when a watch runs: when it looks next and until when, for a confirmation shown somewhere else. */
  watching?: { domain: string; nextCheckInMs: number; until: number };
}

export interface HandleOptions {
  /** Aborting it cancels the check the input started: its result is outcome `error` ("you cancelled it"). */
  signal?: AbortSignal;
  /**
   * The platform delivery the input came in (the same id on every retry; default: the one `withDelivery`
   * set). Applied once: a retry only posts what was not posted yet.
   */
  deliveryId?: string;
  /**
   * What the edge knows about a domain the conversation has just learned (the certificate service's record
   * value, as `expect`): merged into its variables before it is saved, so the flow skips asking for them.
   */
  knownVars?: (vars: Readonly<Record<string, string>>) => Promise<Record<string, string>>;
}

export interface ConversationHandler {
  /**
   * Applies one input to the conversation at `key` (starting one when there is none), delivers the
   * replies, runs any check effects and feeds their results back, and resolves when all is done.
   * Two inputs racing on one key never both apply (compare-and-set on the stored version).
   * Never rejects for anything a user did; bad input becomes a reply.
   */
  handle(key: string, input: Input, deliver: DeliverReplies, options?: HandleOptions): Promise<void>;
  /** The stored state of a conversation, if any. */
  peek(key: string): Promise<ConversationState | undefined>;
  /**
   * A one-shot diagnosis outside any conversation (`/certstatus example.com`, `certstatus check`):
   * runs the DNS check and returns the cause card (or a short error reply for a bad domain).
   */
  diagnose(request: DiagnoseRequest): Promise<Reply[]>;
  /** Several names at once (a certificate's, or `check a.com www.a.com`): one card, one section per name. */
  diagnoseNames(request: NamesRequest): Promise<Reply[]>;
  /**
   * Watches a one-shot diagnosis (its card's watch button) and posts the notices into the conversation at
   * `key` (a thread, a DM, a reply chain), where "watches" and "unwatch" then list and cancel it. Clicking
   * again does not start a second watch. Absent where nothing can post later (no watch scheduler).
   */
  watchDiagnosis?(key: string, request: WatchDiagnosisRequest): Promise<WatchDiagnosisAnswer>;
  /** True when watches post into `key` (so "watches" typed there is meant for the bot). */
  hasWatches?(key: string): Promise<boolean>;
  /**
   * Takes up what a dead process left in the conversation at `key`: replies it did not post, the check it
   * was running. Nothing that a live replica is doing.
   */
  recover?(key: string, deliver: DeliverReplies): Promise<void>;
  /** Conversations that may have such work (the recovery sweep's list). */
  pendingKeys?(): Promise<string[]>;
  /** This process among the replicas sharing the store. */
  replica?: Replica;
}
