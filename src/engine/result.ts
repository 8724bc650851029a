/** What one engine step produces, and the mutable working copy the step's helpers fill in. */
import type { Effect } from './effects';
import type { Participant, Reply } from './replies';
import type { ConversationState } from './state';
import type { LoadedFlow } from '../flow/types';

export interface StepResult {
  state: ConversationState;
  replies: Reply[];
  effects: Effect[];
}

export interface StepContext {
  /** Current time in milliseconds (the engine never reads a clock). */
  now: number;
  /** Conversations idle longer than this start over (default 24 hours). */
  idleExpiryMs?: number;
  /**
   * A check still pending after this long is taken as lost (say the process restarted while it ran): the
   * next message runs it again instead of answering "still checking" (default 2 minutes).
   */
  lostCheckMs?: number;
  /**
   * Set when the channel can post into this conversation later (a watch scheduler is running): cause
   * cards then offer "Notify me when it takes effect", and the confirmation says when the bot looks.
   * Absent (the terminal), watching is neither offered nor accepted.
   */
  watch?: WatchOffer;
}

/** How a channel's watches run, for the engine's offer and confirmation. */
export interface WatchOffer {
  /** Delay before the first re-check, in milliseconds. */
  firstCheckInMs: number;
  /** How long a watch lasts before it gives up, in milliseconds. */
  maxAgeMs: number;
}

/** A step in progress: a private copy of the state plus what has been said and asked for so far. */
export interface Working extends StepResult {
  flow: LoadedFlow;
  now: number;
  watch?: WatchOffer;
}

export const DEFAULT_IDLE_EXPIRY_MS = 24 * 60 * 60 * 1000;
export const DEFAULT_LOST_CHECK_MS = 2 * 60 * 1000;

/** Tells the channel to update the message of an answered question. */
export function sayAnswered(work: Working, questionId: string, label: string, choiceId?: string, by?: Participant): void {
  work.replies.push({ type: 'answered', questionId, label, ...(choiceId ? { choiceId } : {}), ...(by ? { by } : {}) });
}

export function sayText(work: Working, text: string, tone?: 'info' | 'warning' | 'error'): void {
  work.replies.push({ type: 'text', text, ...(tone ? { tone } : {}) });
}
