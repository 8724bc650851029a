/**
 * What the conversation service tells an observer (metrics, the stats event log, logs): conversations
 * starting, ending and expiring, and checks finishing. Observers only watch; they never change a turn.
 */

export type ConversationEvent =
  /** A new conversation began at `key` (first message, `/certstatus`, restart, or after the previous one ended). */
  | { type: 'started'; key: string; startedAt: number }
  /** It reached an end: a cause card, a handoff, or cancelled. */
  | { type: 'ended'; key: string; startedAt: number; outcome: 'cause' | 'handoff' | 'cancelled'; cause?: string }
  /** An open conversation idle past the expiry was replaced by a new one when the user came back. */
  | { type: 'expired'; key: string; startedAt: number }
  /** A check finished (in a conversation when `key` is set, else a one-shot diagnosis). */
  | { type: 'checked'; key?: string; check: string; outcome: string; durationMs: number; domain?: string }
  /** The conversation moved to a node of its flow (a question asked, a check begun, an answer reached). */
  | { type: 'node'; key: string; startedAt: number; flow: string; node: string };

export type ConversationObserver = (event: ConversationEvent) => void;

/** Calls the observer, swallowing its failures: metrics must never break a conversation. */
export function notify(observer: ConversationObserver | undefined, event: ConversationEvent): void {
  if (!observer) return;
  try {
    observer(event);
  } catch {
    // deliberately ignored
  }
}
