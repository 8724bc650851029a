/**
 * Moves a conversation forward from a node until it must wait: for an answer (question or input node),
 * for a check result (check node), or for good (answer or handoff node).
 */
import type { CheckOutcome } from '../checks/types';
import type { AnswerNode, CheckNode, HandoffNode, LoadedFlow } from '../flow/types';
import type { ActionButton } from './replies';
import { askNode } from './ask';
import { buildCauseCard } from './cause-card';
import { say } from './messages';
import { sayText, type Working } from './result';
import { fillParams, fillTemplate } from './template';
import { validateAnswer } from './validators';
import { offersWatch } from './watch-commands';

/** Guards against a flow whose auto-advancing nodes loop (the loader should have refused it). */
const MAX_HOPS = 100;

export function advance(work: Working, nodeId: string): void {
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
export function issueCheck(work: Working, node: CheckNode): void {
  const { state } = work;
  state.turn += 1;
  state.status = 'checking';
  state.node = node.id;
  state.checkNode = node.id;
  state.misses = 0;
  state.pendingCheck = `check-${state.turn}`;
  const params = fillParams(node.params, state.vars);
  work.replies.push({ type: 'progress', text: node.text ? fillTemplate(node.text, state.vars) : say(work.flow, 'checkRunning', { check: node.check }) });
  work.effects.push({ type: 'run-check', requestId: state.pendingCheck, check: node.check, params });
}

/** The actions under a cause card in a conversation: re-check when there is a domain to check, a person when the flow has one. */
export function conversationActions(flow: LoadedFlow, vars: Readonly<Record<string, string>>, watchable = false): ActionButton[] {
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

export function finishWithHandoff(work: Working, node: HandoffNode): void {
  work.replies.push({ type: 'handoff', text: fillTemplate(node.text, work.state.vars) });
  end(work, node.id, { kind: 'handoff' });
  work.effects.push({ type: 'ended', outcome: 'handoff' });
}

export function endCancelled(work: Working): void {
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
}
