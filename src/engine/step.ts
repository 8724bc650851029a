/**
 * The conversation engine: (flow, state, input, time) -> (state, replies, effects). Pure and
 * deterministic: no I/O, no clock, no randomness (request ids come from the state's turn counter), so
 * every channel shares it and transcripts replay exactly.
 */
import type { LoadedFlow } from '../flow/types';
import type { CheckResultInput, Input } from './inputs';
import { advance, issueCheck } from './advance';
import { answerText, applyChoice } from './answer';
import { currentQuestionId, isAskable } from './ask';
import { reaskCurrent, runCommand } from './commands';
import { freshState, isExpired, isOutdated, startConversation } from './lifecycle';
import { matchCommand } from './match';
import { say } from './messages';
import { DEFAULT_LOST_CHECK_MS, sayText, type StepContext, type StepResult, type Working } from './result';
import type { ConversationState } from './state';

export type { StepContext, StepResult, WatchOffer } from './result';

export function step(flow: LoadedFlow, prior: ConversationState | undefined, input: Input, ctx: StepContext): StepResult {
  const work: Working = {
    flow,
    now: ctx.now,
    state: prior ? structuredClone(prior) : freshState(flow, ctx.now),
    replies: [],
    effects: [],
    ...(ctx.watch ? { watch: ctx.watch } : {}),
  };
  if (input.type === 'check-result') {
    // Results for a request the conversation no longer waits on (cancelled, restarted, raced) change nothing.
    if (!prior || prior.status !== 'checking' || prior.pendingCheck !== input.requestId || isOutdated(flow, prior)) {
      return { state: prior ?? work.state, replies: [], effects: [] };
    }
    applyCheckResult(work, input);
  } else if (input.type === 'start') {
    startConversation(work, input.vars);
  } else if (!prior) {
    startConversation(work);
  } else if (isOutdated(flow, prior)) {
    sayText(work, say(work.flow, 'flowChanged'));
    startConversation(work);
  } else if (isExpired(prior, ctx)) {
    sayText(work, say(work.flow, 'expired'));
    startConversation(work);
  } else if (prior.status === 'checking' && ctx.now - prior.updatedAt > (ctx.lostCheckMs ?? DEFAULT_LOST_CHECK_MS)) {
    rerunLostCheck(work, input);
  } else {
    applyUserInput(work, input);
  }
  work.state.updatedAt = ctx.now;
  return { state: work.state, replies: work.replies, effects: work.effects };
}

function applyUserInput(work: Working, input: Exclude<Input, CheckResultInput | { type: 'start' }>): void {
  const { state, flow } = work;
  if (input.type === 'command') return runCommand(work, input.command);

  if (input.type === 'choice') {
    const node = state.node ? flow.nodeById.get(state.node) : undefined;
    if (input.questionId === currentQuestionId(state) && isAskable(node)) return applyChoice(work, node, input.choiceId, input.by);
    // A button of an earlier question (old Slack/Teams messages stay clickable): never apply it here.
    if (state.status === 'ended') return sayText(work, say(work.flow, 'staleButtonEnded'));
    sayText(work, say(work.flow, 'staleButton'));
    if (state.status === 'checking') return sayText(work, say(work.flow, 'stillChecking'));
    return reaskCurrent(work);
  }

  const command = matchCommand(input.text);
  if (!command && input.questionId && input.questionId !== currentQuestionId(state)) {
    // Someone else answered that question first (two people typing in one thread): do not apply it here.
    sayText(work, say(work.flow, 'staleText'));
    if (state.status === 'checking') return sayText(work, say(work.flow, 'stillChecking'));
    return reaskCurrent(work);
  }
  if (state.status === 'checking') {
    if (command && command !== 'recheck') return runCommand(work, command);
    return sayText(work, say(work.flow, 'stillChecking'));
  }
  if (state.status === 'ended') {
    // After the end, commands still work (recheck the domain, go back); anything else starts afresh.
    if (command) return runCommand(work, command);
    return startConversation(work);
  }
  const node = state.node ? flow.nodeById.get(state.node) : undefined;
  if (!isAskable(node)) return startConversation(work);
  answerText(work, node, input.text, input.by);
}

/** The pending check never reported back: run it again, unless the user asked for something else. */
function rerunLostCheck(work: Working, input: Exclude<Input, CheckResultInput | { type: 'start' }>): void {
  const node = work.state.node ? work.flow.nodeById.get(work.state.node) : undefined;
  const command = input.type === 'command' ? input.command : input.type === 'text' ? matchCommand(input.text) : undefined;
  if (node?.kind !== 'check' || (command && command !== 'recheck')) return applyUserInput(work, input);
  sayText(work, say(work.flow, 'checkLost'));
  issueCheck(work, node);
}

function applyCheckResult(work: Working, input: CheckResultInput): void {
  const { state, flow } = work;
  const node = state.node ? flow.nodeById.get(state.node) : undefined;
  delete state.pendingCheck;
  state.lastCheck = input.result;
  Object.assign(state.vars, input.result.vars ?? {});
  if (node?.kind !== 'check') return startConversation(work);
  const next = node.outcomes[input.result.outcome] ?? node.default;
  if (input.result.outcome === 'error' && input.result.summary) sayText(work, say(work.flow, 'checkFailed', { why: input.result.summary }), 'warning');
  if (!next) {
    sayText(work, say(work.flow, 'noPath'), 'error');
    state.status = 'ended';
    state.outcome = { kind: 'cancelled' };
    work.effects.push({ type: 'ended', outcome: 'cancelled' });
    return;
  }
  advance(work, next);
}
