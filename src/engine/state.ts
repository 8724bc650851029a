/**
 * Conversation state: a small JSON value that a store persists between turns. Everything the engine
 * needs to continue lives here; nothing lives in memory between inputs.
 */
import type { CheckOutcome } from '../core/checks';
import type { LoadedFlow } from '../flow/types';
import type { Participant } from './replies';
import { DEFAULT_IDLE_EXPIRY_MS, type StepContext } from './result';

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
  /** When the pending check started: the lost-check clock runs from here, not from the last message. */
  checkStartedAt?: number;
  /** Last check result, shown as evidence on the cause card. */
  lastCheck?: CheckOutcome;
  /** Check node that ran last, so `recheck` can run it again (even after the conversation ended). */
  checkNode?: string;
  outcome?: ConversationOutcome;
  startedAt: number;
  updatedAt: number;
}

export function freshState(flow: LoadedFlow, now: number, vars: Record<string, string> = {}): ConversationState {
  return {
    flowId: flow.id,
    flowVersion: flow.version,
    status: 'active',
    node: null,
    turn: 0,
    vars: { ...vars },
    history: [],
    misses: 0,
    startedAt: now,
    updatedAt: now,
  };
}

/** True when the state was made by another flow or version, or points at a node the flow no longer has. */
export function isOutdated(flow: LoadedFlow, state: ConversationState): boolean {
  if (state.flowId !== flow.id || state.flowVersion !== flow.version) return true;
  if (state.node !== null && !flow.nodeById.has(state.node)) return true;
  return state.history.some((entry) => !flow.nodeById.has(entry.node));
}

/** Open conversations start over after the idle time; ended ones are kept so that `recheck` still works. */
export function isIdleTooLong(state: ConversationState, ctx: Pick<StepContext, 'now' | 'idleExpiryMs'>): boolean {
  if (state.status === 'ended') return false;
  return ctx.now - state.updatedAt > (ctx.idleExpiryMs ?? DEFAULT_IDLE_EXPIRY_MS);
}
