/** Asking questions: ids that identify one asking of a node, and the QuestionReply a channel renders. */
import type { ChoiceButton, QuestionReply } from './replies';
import type { ConversationState } from './state';
import type { InputNode, QuestionNode } from '../flow/types';
import type { MatchCandidate } from './match';
import { say, type MessageSource } from './messages';
import { fillTemplate } from './template';
import type { Working } from './result';

/** After this many misses in a row the question also offers a handoff to a person. */
export const MISSES_BEFORE_HANDOFF = 3;
export const HANDOFF_CHOICE_ID = 'handoff';
export const SKIP_CHOICE_ID = 'skip';

export type AskableNode = QuestionNode | InputNode;

export function questionIdOf(node: string, turn: number): string {
  return `${node}#${turn}`;
}

/** The id of the question the conversation waits on, or undefined when it waits on none. */
export function currentQuestionId(state: ConversationState): string | undefined {
  return state.status === 'active' && state.node ? questionIdOf(state.node, state.turn) : undefined;
}

export function isAskable(node: { kind: string } | undefined): node is AskableNode {
  return node?.kind === 'question' || node?.kind === 'input';
}

/** The choices a question offers right now, with synonyms for matching. */
export function candidatesFor(node: AskableNode, misses: number, flow: MessageSource): MatchCandidate[] {
  const candidates: MatchCandidate[] =
    node.kind === 'question'
      ? node.choices.map((c) => ({ id: c.id, label: c.label, synonyms: c.synonyms }))
      : node.optional
        ? [{ id: SKIP_CHOICE_ID, label: say(flow, 'skipLabel') }]
        : [];
  if (misses >= MISSES_BEFORE_HANDOFF) candidates.push({ id: HANDOFF_CHOICE_ID, label: say(flow, 'handoffLabel') });
  return candidates;
}

function questionReply(work: Working, node: AskableNode): QuestionReply {
  const { state } = work;
  const choices: ChoiceButton[] = candidatesFor(node, state.misses, work.flow).map(({ id, label }) => ({ id, label }));
  return {
    type: 'question',
    questionId: questionIdOf(node.id, state.turn),
    nodeId: node.id,
    text: fillTemplate(node.text, state.vars),
    ...(node.help ? { help: fillTemplate(node.help, state.vars) } : {}),
    choices,
    freeText: node.kind === 'input',
  };
}

/** Asks a node afresh: a new turn, so buttons of earlier askings become stale. */
export function askNode(work: Working, node: AskableNode): void {
  const { state } = work;
  state.turn += 1;
  state.status = 'active';
  state.node = node.id;
  state.misses = 0;
  delete state.pendingCheck;
  delete state.checkStartedAt;
  work.replies.push(questionReply(work, node));
}

/** Shows the current question again (after help or a miss) under the same id, so its buttons stay valid. */
export function repeatQuestion(work: Working, node: AskableNode): void {
  work.replies.push(questionReply(work, node));
}
