/** The commands that work at any point: help, back, restart, cancel, recheck, handoff (and the watch commands). */
import type { HandoffNode } from '../flow/types';
import { advance, endCancelled, finishWithHandoff, issueCheck } from './advance';
import { askNode, isAskable, repeatQuestion } from './ask';
import { canRun, checkToRepeat } from './check-node';
import { startConversation } from './lifecycle';
import { COMMAND_NAMES, WATCH_COMMAND_NAMES, type CommandName } from './match';
import { say } from './messages';
import { sayText, type Working } from './result';
import { fillTemplate } from './template';
import { cancelWatches, listWatches, startWatch } from './watch-commands';

export function runCommand(work: Working, command: CommandName): void {
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
export function reaskCurrent(work: Working): void {
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
