/**
 * Renders the platform-neutral replies as plain terminal text: numbered choices to type, the cause card
 * with its title, numbered procedure, evidence and warnings. No colours, so piped output stays clean.
 */
import { evidenceText } from '../../engine/evidence-text';
import type { ActionButton, CauseReply, QuestionReply, Reply } from '../../engine/replies';
import type { Evidence } from '../../core/checks';

/** The word to type for each card action that has one in the terminal. */
const ACTION_WORDS: Partial<Record<ActionButton['id'], string>> = {
  recheck: 'recheck',
  restart: 'restart',
  handoff: 'handoff',
};

function question(reply: QuestionReply): string[] {
  const lines = [reply.text];
  if (reply.freeText) {
    // Typed answers: a number would be taken as the value, so extra options are offered as words.
    if (reply.choices.length) lines.push(`  (or type ${reply.choices.map((c) => `"${c.id}" to ${c.label.toLowerCase()}`).join(', or ')})`);
  } else {
    reply.choices.forEach((choice, index) => lines.push(`  ${index + 1}) ${choice.label}`));
  }
  return lines;
}

function evidenceLine(evidence: Evidence): string {
  return `  - ${evidenceText(evidence)}`;
}

function actionsLine(actions: ActionButton[]): string[] {
  const typed = actions.flatMap((a) => (ACTION_WORDS[a.id] ? [`"${ACTION_WORDS[a.id]}" (${a.label.toLowerCase()})`] : []));
  if (!typed.length) return [];
  const last = typed.pop();
  return [`Type ${typed.length ? `${typed.join(', ')} or ${last}` : last}.`];
}

function causeCard(reply: CauseReply): string[] {
  const lines = [`== ${reply.title} ==`];
  if (reply.summary) lines.push(reply.summary);
  if (reply.procedure.length) {
    lines.push('What to do:');
    reply.procedure.forEach((stepText, index) => lines.push(`  ${index + 1}. ${stepText}`));
  }
  if (reply.after) lines.push(reply.after);
  if (reply.evidence.length) lines.push('What I found:', ...reply.evidence.map(evidenceLine));
  if (reply.warnings.length) lines.push('Warnings:', ...reply.warnings.map((w) => `  ! ${w}`));
  lines.push(...actionsLine(reply.actions));
  return lines;
}

/** The lines one reply prints as; `answered` prints nothing since the user just typed the answer. */
export function renderReply(reply: Reply): string[] {
  switch (reply.type) {
    case 'text':
      return [reply.tone === 'error' ? `Error: ${reply.text}` : reply.text];
    case 'question':
      return question(reply);
    case 'cause':
      return causeCard(reply);
    case 'handoff':
      return [`[handoff] ${reply.text}`];
    case 'progress':
      return [reply.text];
    case 'answered':
      return [];
  }
}

/** Replies as text, one line per line, ending with a newline (or empty when nothing is shown). */
export function renderReplies(replies: readonly Reply[]): string {
  const lines = replies.flatMap(renderReply);
  return lines.length ? `${lines.join('\n')}\n` : '';
}
