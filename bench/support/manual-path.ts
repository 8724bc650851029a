/**
 * The conversation every turn benchmark drives: the shipped flow's manual path. The DNS check fails
 * (a fake runner answering `error`, so no network), the bot asks Table 1 by hand, and the user's answers
 * lead to "the CA is still reviewing". Nine user turns: start, domain, four-step questions, record value.
 */
import type { CheckRunner } from '../../src/core/checks';
import type { Input } from '../../src/engine/inputs';
import type { Reply } from '../../src/engine/replies';
import { loadFlowsDir } from '../../src/flow/registry';
import type { LoadedFlow, QuestionNode } from '../../src/flow/types';

export const RECORD_VALUE = '20261125093000k7q2m9x4w8p3';
export const DOMAIN = 'example.test';
export const FINAL_CAUSE = 'ca-review-pending';

/** One user turn: the start, a typed value, or an answer to the question of `node` (clicked or typed). */
export type PathTurn =
  | { kind: 'start' }
  | { kind: 'domain' }
  | { kind: 'value'; text: string }
  | { kind: 'choice'; node: string; choiceId: string };

export const MANUAL_PATH: PathTurn[] = [
  { kind: 'start' },
  { kind: 'domain' },
  { kind: 'choice', node: 'step1-ownership', choiceId: 'verified' },
  // The record value leads to the DNS check, which fails here, so the manual questions follow.
  { kind: 'value', text: RECORD_VALUE },
  { kind: 'choice', node: 'manual-step2-record-added', choiceId: 'added' },
  { kind: 'choice', node: 'manual-platform', choiceId: 'hosting-platform' },
  { kind: 'choice', node: 'manual-old-record', choiceId: 'only-current' },
  { kind: 'choice', node: 'manual-record-settings', choiceId: 'matches' },
  { kind: 'choice', node: 'manual-ttl', choiceId: 'elapsed' },
];

/** Turns up to and including the first manual question's answer: a conversation left mid-flow. */
export const MID_FLOW_TURNS = 5;

/** A CheckRunner that fails at once, as when the bot has no DNS access. */
export const failingCheck: CheckRunner = async () => ({ outcome: 'error', summary: 'no DNS access in this benchmark' });

export function loadShippedFlow(): LoadedFlow {
  return loadFlowsDir().defaultFlow;
}

/** The label of a choice, which is what a Teams/Bot Framework button sends back as text (imBack). */
export function choiceLabel(flow: LoadedFlow, nodeId: string, choiceId: string): string {
  const node = flow.nodeById.get(nodeId) as QuestionNode | undefined;
  const choice = node?.choices.find((c) => c.id === choiceId);
  if (!choice) throw new Error(`the flow has no choice ${choiceId} at ${nodeId}: update bench/support/manual-path.ts`);
  return choice.label;
}

export type AnswerStyle = 'click' | 'typed';

/**
 * The engine input for a turn. A click needs the id of the question as last asked (node + turn), which a
 * channel reads from the question it rendered; a typed answer is the choice's label.
 */
export function inputFor(flow: LoadedFlow, turn: PathTurn, lastQuestionId: string | undefined, style: AnswerStyle, domain = DOMAIN): Input {
  if (turn.kind === 'start') return { type: 'start' };
  if (turn.kind === 'domain') return { type: 'text', text: domain };
  if (turn.kind === 'value') return { type: 'text', text: turn.text };
  if (style === 'typed') return { type: 'text', text: choiceLabel(flow, turn.node, turn.choiceId) };
  if (!lastQuestionId?.startsWith(`${turn.node}#`)) {
    throw new Error(`expected the question ${turn.node}, last asked was ${lastQuestionId ?? 'none'}: the flow changed`);
  }
  return { type: 'choice', questionId: lastQuestionId, choiceId: turn.choiceId };
}

/** The id of the last question among replies, if any. */
export function lastQuestion(replies: Reply[], previous: string | undefined): string | undefined {
  for (let i = replies.length - 1; i >= 0; i--) {
    const reply = replies[i];
    if (reply.type === 'question') return reply.questionId;
  }
  return previous;
}

/** Throws unless the replies end the conversation with the expected cause: a benchmark must measure the real path. */
export function assertEndedWithCause(replies: Reply[], where: string): void {
  if (!replies.some((r) => r.type === 'cause' && r.causeId === FINAL_CAUSE)) {
    throw new Error(`${where}: the manual path did not end with ${FINAL_CAUSE} (got ${replies.map((r) => r.type).join(', ')})`);
  }
}
