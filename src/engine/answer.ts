/** Applying an answer (typed or clicked) to the question the conversation waits on. */
import type { InputNode, QuestionNode } from '../flow/types';
import { advance } from './advance';
import { candidatesFor, HANDOFF_CHOICE_ID, MISSES_BEFORE_HANDOFF, questionIdOf, repeatQuestion, SKIP_CHOICE_ID, type AskableNode } from './ask';
import { runCommand } from './commands';
import { matchCommand, matchExactly, matchLoosely } from './match';
import { clip, say } from './messages';
import type { Participant } from './replies';
import { sayAnswered, sayText, type Working } from './result';
import { validateAnswer } from './validators';

/** A typed message while a question waits: a choice, a command, a value, or a miss. */
export function answerText(work: Working, node: AskableNode, text: string, by?: Participant): void {
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
export function applyChoice(work: Working, node: AskableNode, choiceId: string, by?: Participant): void {
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
