/**
 * Conversation state: a small JSON value that a store persists between turns. Everything the engine
 * needs to continue lives here; nothing lives in memory between inputs.
 */
import type { CheckOutcome } from '../checks/types';
import type { Participant } from './replies';

export interface HistoryEntry {
  /** Node that was answered. */
  node: string;
  /** Choice id or typed value. */
  answer: string;
  /** Variables as they were before this answer, so `back` can undo it. */
  varsBefore: Record<string, string>;
  by?: Participant;
  at: number;
}

export type ConversationStatus = 'active' | 'checking' | 'ended';

export type ConversationOutcome =
  | { kind: 'cause'; cause: string }
  | { kind: 'handoff' }
  | { kind: 'cancelled' };

export interface ConversationState {
  flowId: string;
  flowVersion: number;
  status: ConversationStatus;
  /** Node waiting for input (a question/input node), or the check node while `checking`. */
  node: string | null;
  /** Increments every time a question is asked; part of each question id, so old buttons are recognised. */
  turn: number;
  vars: Record<string, string>;
  history: HistoryEntry[];
  /** Answers in a row that matched nothing; after three the bot offers a handoff. */
  misses: number;
  /** Pending check request id while `checking`. */
  pendingCheck?: string;
  /** Last check result, shown as evidence on the cause card. */
  lastCheck?: CheckOutcome;
  /** Check node that ran last, so `recheck` can run it again (even after the conversation ended). */
  checkNode?: string;
  outcome?: ConversationOutcome;
  startedAt: number;
  updatedAt: number;
}
