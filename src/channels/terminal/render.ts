/**
 * Renders the platform-neutral replies as plain terminal text: numbered choices to type, the cause card
 * with its title, numbered procedure, evidence and warnings. No colours, so piped output stays clean.
 */
import { evidenceText } from '../../engine/evidence-text';
import type { ActionButton, CauseReply, QuestionReply, Reply } from '../../engine/replies';
import type { Evidence } from '../../core/checks';

const MARK = { right: '[ok]', stuck: '[fix]', unchecked: '[?]' } as const;

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
    case 'names':
      return [
        `== ${reply.title} ==`,
        ...reply.notices.map((n) => `! ${n}`),
        ...reply.sections.map((s) => `${MARK[s.state]} ${s.domain}: ${s.title}: ${s.line}`),
        reply.summary,
        'Type "check NAME" for the details of one name.',
      ];
    case 'answered':
      return [];
  }
}

// C0 controls but tab and newline, DEL, C1 controls, and the bidi overrides that reorder what a line shows.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Text with its control characters made visible (`^[` for ESC, `\x9b`, `\u202e`), so what a user typed
 * and the bot quotes back can never move the cursor, clear the screen, recolour or retitle the terminal.
 */
export function visibleText(text: string): string {
  return text.replace(CONTROL, (c) => {
    const code = c.charCodeAt(0);
    if (code < 0x20) return `^${String.fromCharCode(code + 64)}`;
    if (code === 0x7f) return '^?';
    return code <= 0xff ? `\\x${code.toString(16)}` : `\\u${code.toString(16)}`;
  });
}

/** Replies as text, one line per line, ending with a newline (or empty when nothing is shown). */
export function renderReplies(replies: readonly Reply[]): string {
  const lines = replies.flatMap(renderReply).map(visibleText);
  return lines.length ? `${lines.join('\n')}\n` : '';
}
