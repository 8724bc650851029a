/** Starting, restarting and recognising conversations that are outdated or idle too long. */
import type { LoadedFlow } from '../flow/types';
import { advance } from './advance';
import { DEFAULT_IDLE_EXPIRY_MS, sayText, type StepContext, type Working } from './result';
import type { ConversationState } from './state';
import { fillTemplate } from './template';

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

/**
 * Starts a new conversation in `work`, greeting the user. The turn counter carries on from the old
 * conversation so that buttons of the old one can never match a question of the new one.
 */
export function startConversation(work: Working, vars?: Record<string, string>): void {
  const previousTurn = work.state.turn;
  work.state = freshState(work.flow, work.now, vars);
  work.state.turn = previousTurn;
  if (work.flow.greeting) sayText(work, fillTemplate(work.flow.greeting, work.state.vars));
  advance(work, work.flow.start);
}

/** True when the state was made by another flow or version, or points at a node the flow no longer has. */
export function isOutdated(flow: LoadedFlow, state: ConversationState): boolean {
  if (state.flowId !== flow.id || state.flowVersion !== flow.version) return true;
  if (state.node !== null && !flow.nodeById.has(state.node)) return true;
  return state.history.some((entry) => !flow.nodeById.has(entry.node));
}

/** Open conversations expire after the idle time; ended ones are kept so that `recheck` still works. */
export function isExpired(state: ConversationState, ctx: StepContext): boolean {
  if (state.status === 'ended') return false;
  return ctx.now - state.updatedAt > (ctx.idleExpiryMs ?? DEFAULT_IDLE_EXPIRY_MS);
}
