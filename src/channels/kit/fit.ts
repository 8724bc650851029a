/**
 * Shortening a reply to fit a platform's message limits, the same way on every platform. The platform says
 * what fits (Slack: blocks and characters, Teams: the card's size); this file decides what gives way, in
 * order: over-long lines are clipped, then evidence is cut from the end with one "…and N more" line, then
 * the texts are clipped harder and long lists capped (again saying how many were left out). The title, the
 * procedure's first steps and the buttons always stay: a card that loses its buttons loses its way forward.
 */
import { evidenceText } from '../../engine/evidence-text';
import type { CauseReply, NamesReply, QuestionReply } from '../../engine/replies';
import type { Evidence } from '../../core/checks';
import type { ShownReply } from './adapter';

/** Cuts `text` to at most `max` characters (UTF-16 units), ending with "…"; never splits a surrogate pair. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = Math.max(0, max - 1);
  const last = text.charCodeAt(cut - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut -= 1;
  return `${text.slice(0, cut)}…`;
}

/** What a shortened list says in place of what it left out. */
export function moreText(count: number, noun = 'more'): string {
  return `…and ${count} ${noun} not shown`;
}

interface Level {
  /** One evidence line, one warning. */
  line: number;
  /** The summary, one procedure step, the closing note, a question's text. */
  text: number;
  warnings: number;
  steps: number;
}

/** From generous to terse; the last level is what a card falls back to when nothing else fits. */
const LEVELS: readonly Level[] = [
  { line: 500, text: 2000, warnings: 10, steps: 30 },
  { line: 300, text: 1000, warnings: 5, steps: 20 },
  { line: 160, text: 300, warnings: 3, steps: 10 },
];

function capList(items: string[], max: number, line: number, noun: string): string[] {
  const clipped = items.map((item) => clip(item, line));
  if (clipped.length <= max) return clipped;
  return [...clipped.slice(0, max - 1), moreText(clipped.length - (max - 1), noun)];
}

function clipEvidence(evidence: Evidence, max: number): Evidence {
  // The line as every channel prints it (fact, source, TTL) is what must stay within `max`.
  if (evidenceText(evidence).length <= max) return evidence;
  return { text: clip(evidenceText(evidence), max) };
}

function atLevel(cause: CauseReply, level: Level): CauseReply {
  return {
    ...cause,
    title: clip(cause.title, 150),
    ...(cause.summary ? { summary: clip(cause.summary, level.text) } : {}),
    procedure: capList(cause.procedure, level.steps, level.text, 'more steps'),
    ...(cause.after ? { after: clip(cause.after, level.text) } : {}),
    evidence: cause.evidence.map((evidence) => clipEvidence(evidence, level.line)),
    warnings: capList(cause.warnings, level.warnings, level.line, 'more warnings'),
  };
}

function firstEvidence(cause: CauseReply, count: number): CauseReply {
  if (count >= cause.evidence.length) return cause;
  return { ...cause, evidence: [...cause.evidence.slice(0, count), { text: moreText(cause.evidence.length - count, 'more evidence lines') }] };
}

/**
 * The fullest form of `cause` that `fits` accepts. Evidence is cut by bisection (a card with fewer lines is
 * never larger). When even the tersest form does not fit, that form is returned: the platform's refusal
 * then falls back to plain text (see the adapters).
 */
export function fitCause(cause: CauseReply, fits: (cause: CauseReply) => boolean): CauseReply {
  let tersest = cause;
  for (const level of LEVELS) {
    const shortened = atLevel(cause, level);
    if (fits(shortened)) return shortened;
    tersest = firstEvidence(shortened, 0);
    if (!fits(tersest)) continue;
    let kept = 0;
    let over = shortened.evidence.length;
    while (over - kept > 1) {
      const middle = Math.floor((kept + over) / 2);
      if (fits(firstEvidence(shortened, middle))) kept = middle;
      else over = middle;
    }
    return firstEvidence(shortened, kept);
  }
  return tersest;
}

/** A question with its text and help clipped until `fits` accepts it; its choices are never dropped. */
export function fitQuestion(question: QuestionReply, fits: (question: QuestionReply) => boolean): QuestionReply {
  let shortened = question;
  for (const level of LEVELS) {
    shortened = { ...question, text: clip(question.text, level.text), ...(question.help ? { help: clip(question.help, level.text) } : {}) };
    if (fits(shortened)) return shortened;
  }
  return shortened;
}

/** A several-name card: its per-name lines and notices clipped, level by level (at most 20 names, so no name is cut). */
function fitNames(names: NamesReply, fits: (names: NamesReply) => boolean): NamesReply {
  if (fits(names)) return names;
  let shortened = names;
  for (const level of LEVELS) {
    shortened = {
      ...names,
      title: clip(names.title, 150),
      notices: capList(names.notices, level.warnings, level.line, 'more notices'),
      sections: names.sections.map((section) => ({ ...section, title: clip(section.title, level.line), line: clip(section.line, level.line) })),
    };
    if (fits(shortened)) return shortened;
  }
  return shortened;
}

/** Any reply shortened until `fits` accepts it: causes and questions as above, other texts clipped. */
export function fitReply<R extends ShownReply>(reply: R, fits: (reply: ShownReply) => boolean): R {
  if (reply.type === 'cause') return fitCause(reply, fits) as R;
  if (reply.type === 'question') return fitQuestion(reply, fits) as R;
  if (reply.type === 'names') return fitNames(reply, fits) as R;
  if (fits(reply)) return reply;
  for (const level of LEVELS) {
    const shortened = { ...reply, text: clip(reply.text, level.text) };
    if (fits(shortened)) return shortened;
  }
  return { ...reply, text: clip(reply.text, LEVELS.at(-1)!.text) };
}

/**
 * A reply as plain text, for a platform's notification text and for the fallback message when a platform
 * refuses the card: everything the card says except its buttons.
 */
export function plainText(reply: ShownReply): string {
  switch (reply.type) {
    case 'question': {
      const choices = reply.choices.map((choice, index) => `${index + 1}. ${choice.label}`);
      return [reply.text, reply.help, ...choices].filter(Boolean).join('\n');
    }
    case 'cause':
      return [
        reply.title,
        reply.summary,
        ...reply.procedure.map((step, index) => `${index + 1}. ${step}`),
        reply.after,
        ...reply.evidence.map((evidence) => `- ${evidenceText(evidence)}`),
        ...reply.warnings.map((warning) => `Warning: ${warning}`),
      ]
        .filter(Boolean)
        .join('\n');
    case 'names':
      return [reply.title, ...reply.notices, ...reply.sections.map((s) => `- ${s.domain}: ${s.title}: ${s.line}`), reply.summary].join('\n');
    default:
      return reply.text;
  }
}
