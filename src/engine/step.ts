/**
 * The conversation engine as one state machine: (flow, state, input, time) -> (state, replies, effects).
 * Pure and deterministic: no I/O, no clock, no randomness (request ids come from the state's turn
 * counter), so every channel shares it and transcripts replay exactly.
 *
 * Read it top down: `step` sorts the input (a watch's or a check's result, a start, a message or click),
 * `applyUserInput` routes a message by the conversation's status, `answerText`/`applyChoice` apply an
 * answer, `advance` walks the flow's nodes until it must wait, and the commands (`runCommand`) and the
 * watch commands work at any point. Helpers that do not call back into this machine live beside it:
 * asking (ask.ts), matching (match.ts), cause cards (cause-card.ts), templates, validators, messages.
 */
import type { CheckOutcome } from '../core/checks';
import type { AnswerNode, CheckNode, HandoffNode, InputNode, LoadedFlow, QuestionNode } from '../flow/types';
import { askNode, candidatesFor, currentQuestionId, HANDOFF_CHOICE_ID, isAskable, MISSES_BEFORE_HANDOFF, questionIdOf, repeatQuestion, SKIP_CHOICE_ID, type AskableNode } from './ask';
import { buildCauseCard } from './cause-card';
import { canRun, checkToRepeat } from './check-node';
import type { CheckResultInput, Input, WatchResultInput } from './inputs';
import { COMMAND_NAMES, matchCommand, matchExactly, matchLoosely, WATCH_COMMAND_NAMES, type CommandName } from './match';
import { clip, say } from './messages';
import type { ActionButton, Participant } from './replies';
import { DEFAULT_LOST_CHECK_MS, sayAnswered, sayText, type StepContext, type StepResult, type Working } from './result';
import { freshState, isIdleTooLong, isOutdated, type ConversationState } from './state';
import { fillParams, fillTemplate } from './template';
import { validateAnswer } from './validators';
import { notWatchableText, watchStartedText, watchStartFailedText } from './watch-messages';
import { isWatchable } from '../flow/watch';

export type { StepContext, StepResult, WatchOffer } from './result';

/** Inputs a person gives (as opposed to results of effects coming back). */
type UserInput = Exclude<Input, CheckResultInput | WatchResultInput | { type: 'start' }>;

/** Guards against a flow whose auto-advancing nodes loop (the loader should have refused it). */
const MAX_HOPS = 100;

// ---------------------------------------------------------------------------------------------------
// The step: sort the input.

export function step(flow: LoadedFlow, prior: ConversationState | undefined, input: Input, ctx: StepContext): StepResult {
  const work: Working = {
    flow,
    now: ctx.now,
    state: prior ? structuredClone(prior) : freshState(flow, ctx.now),
    replies: [],
    effects: [],
    ...(ctx.watch ? { watch: ctx.watch } : {}),
  };
  if (input.type === 'watch-result') {
    // The store's answer to a `start-watch`: said as it is, and the conversation stays where it was.
    return { state: prior ?? work.state, replies: watchResultReplies(work, input), effects: [] };
  }
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
  } else if (isIdleTooLong(prior, ctx)) {
    sayText(work, say(work.flow, 'expired'));
    startConversation(work);
  } else if (prior.status === 'checking' && ctx.now - (prior.checkStartedAt ?? prior.updatedAt) > (ctx.lostCheckMs ?? DEFAULT_LOST_CHECK_MS)) {
    // Timed from the check's start: "Still checking" answers must not keep a lost check waiting forever.
    rerunLostCheck(work, input);
  } else {
    applyUserInput(work, input);
  }
  work.state.updatedAt = ctx.now;
  return { state: work.state, replies: work.replies, effects: work.effects };
}

/** A message or click, routed by what the conversation is doing: asking, checking, or ended. */
function applyUserInput(work: Working, input: UserInput): void {
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
function rerunLostCheck(work: Working, input: UserInput): void {
  const node = work.state.node ? work.flow.nodeById.get(work.state.node) : undefined;
  const command = input.type === 'command' ? input.command : input.type === 'text' ? matchCommand(input.text) : undefined;
  if (node?.kind !== 'check' || (command && command !== 'recheck')) return applyUserInput(work, input);
  sayText(work, say(work.flow, 'checkLost'));
  issueCheck(work, node);
}

/** The result of the check the conversation waits on: follow the check node's outcome. */
function applyCheckResult(work: Working, input: CheckResultInput): void {
  const { state, flow } = work;
  const node = state.node ? flow.nodeById.get(state.node) : undefined;
  delete state.pendingCheck;
  delete state.checkStartedAt;
  state.lastCheck = input.result;
  Object.assign(state.vars, input.result.vars ?? {});
  if (node?.kind !== 'check') return startConversation(work);
  const next = node.outcomes[input.result.outcome] ?? node.default;
  if (input.result.outcome === 'error' && input.result.summary) sayText(work, say(work.flow, 'checkFailed', { why: input.result.summary }), 'warning');
  if (!next) return endWithoutPath(work);
  advance(work, next);
}

// ---------------------------------------------------------------------------------------------------
// Answers to the question the conversation waits on (typed or clicked).

/** A typed message while a question waits: a choice, a command, a value, or a miss. */
function answerText(work: Working, node: AskableNode, text: string, by?: Participant): void {
  const candidates = candidatesFor(node, work.state.misses, work.flow);
  // Exact choice words win over command words, so a flow may offer a choice labelled "Back" or "Help".
  const exact = matchExactly(text, candidates);
  if (exact) return applyChoice(work, node, exact, by);
  const command = matchCommand(text);
  if (command) return runCommand(work, command);
  if (node.kind === 'question') {
    const loose = matchLoosely(text, candidates);
    if (loose) return applyChoice(work, node, loose, by);
    return miss(work, node, say(work.flow, 'notUnderstood', { text: clip(text) }), say(work.flow, 'pickOne'));
  }
  return applyValue(work, node, text, by);
}

/** A choice id (clicked or matched) for the current question. Unknown ids count as a miss. */
function applyChoice(work: Working, node: AskableNode, choiceId: string, by?: Participant): void {
  const { state } = work;
  const questionId = questionIdOf(node.id, state.turn);
  if (choiceId === HANDOFF_CHOICE_ID) return runCommand(work, 'handoff');
  if (node.kind === 'input') {
    if (choiceId === SKIP_CHOICE_ID && node.optional) return skipInput(work, node, questionId, by);
    return miss(work, node, say(work.flow, 'notUnderstood', { text: clip(choiceId) }));
  }
  const choice = node.choices.find((c) => c.id === choiceId);
  if (!choice) return miss(work, node, say(work.flow, 'notUnderstood', { text: clip(choiceId) }), say(work.flow, 'pickOne'));
  record(work, node, choice.id, by);
  sayAnswered(work, questionId, choice.label, choice.id, by);
  advance(work, choice.next);
}

function applyValue(work: Working, node: InputNode, text: string, by?: Participant): void {
  const { state } = work;
  const valid = validateAnswer(node.validate, text, work.flow);
  if (!valid.ok) return miss(work, node, valid.message);
  const questionId = questionIdOf(node.id, state.turn);
  record(work, node, valid.value, by);
  state.vars[node.capture] = valid.value;
  sayAnswered(work, questionId, valid.value, undefined, by);
  advance(work, node.next);
}

function skipInput(work: Working, node: InputNode, questionId: string, by?: Participant): void {
  record(work, node, SKIP_CHOICE_ID, by);
  delete work.state.vars[node.capture];
  sayAnswered(work, questionId, say(work.flow, 'skipLabel'), SKIP_CHOICE_ID, by);
  advance(work, node.next);
}

/** Remembers an answer with the variables before it, so `back` can undo it. */
function record(work: Working, node: QuestionNode | InputNode, answer: string, by?: Participant): void {
  const { state } = work;
  state.history.push({ node: node.id, answer, varsBefore: { ...state.vars }, ...(by ? { by } : {}), at: work.now });
  state.misses = 0;
}

/** An answer that fits nothing: say so and ask again; after a few in a row, also offer a person. */
function miss(work: Working, node: AskableNode, why: string, hint?: string): void {
  const { state } = work;
  state.misses += 1;
  const lines = [why];
  if (hint) lines.push(hint);
  if (state.misses === MISSES_BEFORE_HANDOFF) lines.push(say(work.flow, 'offerHandoff'));
  sayText(work, lines.join(' '), 'warning');
  repeatQuestion(work, node);
}

// ---------------------------------------------------------------------------------------------------
// Moving through the flow: from a node until the conversation must wait, and its ends.

/**
 * Moves forward from a node until the conversation must wait: for an answer (question or input node),
 * for a check result (check node), or for good (answer or handoff node).
 */
function advance(work: Working, nodeId: string): void {
  const { flow, state } = work;
  let id: string | undefined = nodeId;
  for (let hop = 0; id && hop < MAX_HOPS; hop += 1) {
    const node = flow.nodeById.get(id);
    if (!node) break;
    switch (node.kind) {
      case 'question':
        askNode(work, node);
        return;
      case 'input': {
        const known = state.vars[node.capture];
        if (known === '') delete state.vars[node.capture]; // an empty value given up front is no value
        if (known && node.skipIfKnown !== false) {
          const valid = validateAnswer(node.validate, known, work.flow);
          if (valid.ok) {
            state.vars[node.capture] = valid.value;
            id = node.next;
            continue;
          }
          // A value given up front (e.g. `/certstatus not a domain`) that fails validation is asked for.
          sayText(work, valid.message, 'error');
          delete state.vars[node.capture];
        }
        askNode(work, node);
        return;
      }
      case 'check':
        issueCheck(work, node);
        return;
      case 'answer':
        finishWithCause(work, node);
        return;
      case 'handoff':
        finishWithHandoff(work, node);
        return;
    }
  }
  endWithoutPath(work);
}

/** Starts a check: a progress reply, a `run-check` effect, and status `checking` until its result. */
function issueCheck(work: Working, node: CheckNode): void {
  const { state } = work;
  state.turn += 1;
  state.status = 'checking';
  state.node = node.id;
  state.checkNode = node.id;
  state.misses = 0;
  state.pendingCheck = `check-${state.turn}`;
  state.checkStartedAt = work.now;
  const params = fillParams(node.params, state.vars);
  work.replies.push({ type: 'progress', text: node.text ? fillTemplate(node.text, state.vars) : say(work.flow, 'checkRunning', { check: node.check }) });
  work.effects.push({ type: 'run-check', requestId: state.pendingCheck, check: node.check, params });
}

/**
 * Starts a new conversation in `work`, greeting the user. The turn counter carries on from the old
 * conversation so that buttons of the old one can never match a question of the new one.
 */
function startConversation(work: Working, vars?: Record<string, string>): void {
  const previousTurn = work.state.turn;
  work.state = freshState(work.flow, work.now, vars);
  work.state.turn = previousTurn;
  if (work.flow.greeting) sayText(work, fillTemplate(work.flow.greeting, work.state.vars));
  advance(work, work.flow.start);
}

/** The actions under a cause card in a conversation: re-check when there is a domain to check, a person when the flow has one. */
function conversationActions(flow: LoadedFlow, vars: Readonly<Record<string, string>>, watchable: boolean): ActionButton[] {
  const actions: ActionButton[] = [];
  if (vars.domain && flow.nodes.some((n) => n.kind === 'check')) actions.push({ id: 'recheck', label: say(flow, 'recheckAction') });
  if (watchable) actions.push({ id: 'watch', label: say(flow, 'watchAction') });
  actions.push({ id: 'restart', label: say(flow, 'restartAction') });
  if (flow.nodes.some((n) => n.kind === 'handoff')) actions.push({ id: 'handoff', label: say(flow, 'handoffLabel') });
  return actions;
}

function finishWithCause(work: Working, node: AnswerNode): void {
  const { flow, state } = work;
  if (node.text) sayText(work, fillTemplate(node.text, state.vars));
  work.replies.push(
    buildCauseCard({
      flow,
      causeId: node.cause,
      vars: state.vars,
      check: evidenceCheck(state.lastCheck),
      actions: conversationActions(flow, state.vars, offersWatch(work, node.cause)),
    }),
  );
  end(work, node.id, { kind: 'cause', cause: node.cause });
  work.effects.push({ type: 'ended', outcome: 'cause', cause: node.cause });
}

/** A check that failed to run proves nothing about the cause; its failure was already reported. */
function evidenceCheck(check: CheckOutcome | undefined): CheckOutcome | undefined {
  return check && check.outcome !== 'error' ? check : undefined;
}

function finishWithHandoff(work: Working, node: HandoffNode): void {
  work.replies.push({ type: 'handoff', text: fillTemplate(node.text, work.state.vars) });
  end(work, node.id, { kind: 'handoff' });
  work.effects.push({ type: 'ended', outcome: 'handoff' });
}

function endCancelled(work: Working): void {
  sayText(work, say(work.flow, 'cancelled'));
  end(work, work.state.node, { kind: 'cancelled' });
  work.effects.push({ type: 'ended', outcome: 'cancelled' });
}

function endWithoutPath(work: Working): void {
  sayText(work, say(work.flow, 'noPath'), 'error');
  end(work, work.state.node, { kind: 'cancelled' });
  work.effects.push({ type: 'ended', outcome: 'cancelled' });
}

function end(work: Working, node: string | null, outcome: NonNullable<Working['state']['outcome']>): void {
  const { state } = work;
  state.status = 'ended';
  state.node = node;
  state.outcome = outcome;
  state.misses = 0;
  delete state.pendingCheck;
  delete state.checkStartedAt;
}

// ---------------------------------------------------------------------------------------------------
// Commands that work at any point: help, back, restart, cancel, recheck, handoff, and the watch commands.

function runCommand(work: Working, command: CommandName): void {
  switch (command) {
    case 'help':
      return help(work);
    case 'back':
      return back(work);
    case 'restart':
      return startConversation(work);
    case 'cancel':
      return work.state.status === 'ended' ? sayText(work, say(work.flow, 'cancelled')) : endCancelled(work);
    case 'recheck':
      return recheck(work);
    case 'handoff':
      return handoff(work);
    case 'watch':
      return startWatch(work);
    case 'watches':
      return listWatches(work);
    case 'unwatch':
      return cancelWatches(work);
  }
}

/** Shows the current question again so the user sees what to answer (used after help, misses, refusals). */
function reaskCurrent(work: Working): void {
  const node = work.state.node ? work.flow.nodeById.get(work.state.node) : undefined;
  if (work.state.status === 'active' && isAskable(node)) repeatQuestion(work, node);
}

function help(work: Working): void {
  const { state, flow } = work;
  const node = state.node ? flow.nodeById.get(state.node) : undefined;
  const lines: string[] = [];
  if (state.status === 'active' && isAskable(node)) {
    if (node.help) lines.push(fillTemplate(node.help, state.vars));
    lines.push(node.kind === 'question' ? say(work.flow, 'helpHowChoices') : say(work.flow, 'helpHowText'));
    if (node.kind === 'input' && node.optional) lines.push(say(work.flow, 'helpHowSkip'));
  } else if (state.status === 'checking') {
    lines.push(say(work.flow, 'stillChecking'));
  } else {
    lines.push(say(work.flow, 'endedHelp'));
  }
  lines.push(say(work.flow, 'helpCommands', { commands: (work.watch ? [...COMMAND_NAMES, ...WATCH_COMMAND_NAMES] : COMMAND_NAMES).join(', ') }));
  sayText(work, lines.join('\n'));
  reaskCurrent(work);
}

/** Undoes the last answer: restores the variables from before it and asks its question afresh. */
function back(work: Working): void {
  const { state, flow } = work;
  const last = state.history.pop();
  const node = last ? flow.nodeById.get(last.node) : undefined;
  if (!last || !isAskable(node)) {
    if (last) state.history.push(last);
    sayText(work, say(work.flow, 'nothingToUndo'));
    reaskCurrent(work);
    return;
  }
  state.vars = { ...last.varsBefore };
  delete state.outcome;
  askNode(work, node);
}

function recheck(work: Working): void {
  const { state, flow } = work;
  if (state.status === 'checking') {
    sayText(work, say(work.flow, 'stillChecking'));
    return;
  }
  const node = checkToRepeat(flow, state.checkNode);
  if (!node) {
    sayText(work, say(work.flow, 'noCheck'));
    reaskCurrent(work);
    return;
  }
  if (!canRun(node, state.vars)) {
    sayText(work, say(work.flow, 'needDomain'));
    if (state.status === 'ended') startConversation(work);
    else reaskCurrent(work);
    return;
  }
  delete state.outcome;
  issueCheck(work, node);
}

function handoff(work: Working): void {
  const { flow } = work;
  const target = flow.handoff ? flow.nodeById.get(flow.handoff) : flow.nodes.find((n): n is HandoffNode => n.kind === 'handoff');
  if (!target) {
    sayText(work, say(work.flow, 'noHandoff'));
    reaskCurrent(work);
    return;
  }
  if (target.kind === 'handoff') finishWithHandoff(work, target);
  else advance(work, target.id);
}

// Watches: the engine decides whether there is something to watch and says so; the channel's watch
// scheduler (behind the effects) keeps the watches, so listing and cancelling are answered there.

/** The cause an ended conversation diagnosed, if it ended with one. */
function diagnosedCause(work: Working): string | undefined {
  const { state } = work;
  return state.status === 'ended' && state.outcome?.kind === 'cause' ? state.outcome.cause : undefined;
}

/** True when a cause card for `cause` should offer the watch button. */
function offersWatch(work: Working, cause: string): boolean {
  const { vars, checkNode } = work.state;
  if (!work.watch || !isWatchable(work.flow.causes, cause) || !vars.domain) return false;
  const node = checkToRepeat(work.flow, checkNode);
  return Boolean(node && canRun(node, vars));
}

function startWatch(work: Working): void {
  const { state, flow } = work;
  if (!work.watch) {
    sayText(work, say(work.flow, 'watchUnavailable'));
    return reaskCurrent(work);
  }
  if (state.status === 'checking') return sayText(work, say(work.flow, 'stillChecking'));
  const cause = diagnosedCause(work);
  if (!cause) {
    sayText(work, say(work.flow, 'nothingToWatchYet'));
    return reaskCurrent(work);
  }
  const node = checkToRepeat(flow, state.checkNode);
  if (!isWatchable(flow.causes, cause) || !node || !canRun(node, state.vars)) return sayText(work, notWatchableText(work.flow, cause));
  const params = fillParams(node.params, state.vars);
  const domain = params.domain ?? state.vars.domain ?? '';
  // Confirmed only when the store has the watch (the `watch-result` input), never before.
  work.effects.push({ type: 'start-watch', domain, check: node.check, params, cause });
}

function watchResultReplies(work: Working, input: WatchResultInput): Working['replies'] {
  const { result } = input;
  if (result.ok) sayText(work, watchStartedText(work.flow, input.domain, result.firstCheckInMs, result.until));
  else sayText(work, watchStartFailedText(work.flow, result.why), 'error');
  return work.replies;
}

function listWatches(work: Working): void {
  if (!work.watch) return sayText(work, say(work.flow, 'watchUnavailable'));
  work.effects.push({ type: 'list-watches' });
}

function cancelWatches(work: Working): void {
  if (!work.watch) return sayText(work, say(work.flow, 'watchUnavailable'));
  work.effects.push({ type: 'cancel-watches' });
}
