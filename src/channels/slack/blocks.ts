/**
 * Reply -> Slack message (Block Kit plus a plain `text` fallback for notifications, screen readers and
 * clients without blocks). Pure functions: no client, no I/O, so every layout is tested directly.
 */
import { evidenceText } from '../../engine/evidence-text';
import type { types } from '@slack/bolt';

type ActionsBlock = types.ActionsBlock;
type Button = types.Button;
type ContextBlock = types.ContextBlock;
type KnownBlock = types.KnownBlock;
type SectionBlock = types.SectionBlock;
import type { ActionButton, AnsweredReply, CauseReply, Participant, QuestionReply, Reply } from '../../engine/replies';
import { cardPayload, encodePayload, type CardTarget } from '../kit/payload';

/** Slack wants a distinct action_id per button of a block; the payload in its value says what it does. */
export const CHOICE_ACTION_PREFIX = 'certstatus_choice_';
export const CARD_ACTION_PREFIX = 'certstatus_action_';

export interface SlackMessage {
  text: string;
  blocks: KnownBlock[];
}


// Block Kit limits (https://docs.slack.dev/reference/block-kit/blocks): longer text is refused by the API.
const SECTION_MAX = 3000;
const HEADER_MAX = 150;
const BUTTON_MAX = 75;
const CONTEXT_ELEMENTS_MAX = 10;
const ACTIONS_ELEMENTS_MAX = 25;

/** Slack treats &, < and > as markup in mrkdwn; user and flow text must not inject links or mentions. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** The `text` fallback is mrkdwn too (and notifies): escape it, so DNS data or answers cannot @-mention anyone. */
function message(fallback: string, blocks: KnownBlock[]): SlackMessage {
  return { text: escapeMrkdwn(clip(fallback, 3 * SECTION_MAX)), blocks };
}

function section(text: string): SectionBlock {
  return { type: 'section', text: { type: 'mrkdwn', text: clip(text, SECTION_MAX) } };
}

function context(lines: string[]): ContextBlock[] {
  const blocks: ContextBlock[] = [];
  for (let i = 0; i < lines.length; i += CONTEXT_ELEMENTS_MAX) {
    blocks.push({
      type: 'context',
      elements: lines.slice(i, i + CONTEXT_ELEMENTS_MAX).map((line) => ({ type: 'mrkdwn', text: clip(line, SECTION_MAX) })),
    });
  }
  return blocks;
}

function actions(buttons: Button[]): ActionsBlock[] {
  const blocks: ActionsBlock[] = [];
  for (let i = 0; i < buttons.length; i += ACTIONS_ELEMENTS_MAX) {
    blocks.push({ type: 'actions', elements: buttons.slice(i, i + ACTIONS_ELEMENTS_MAX) });
  }
  return blocks;
}

function button(actionId: string, label: string, value: string, primary = false): Button {
  return {
    type: 'button',
    action_id: actionId,
    text: { type: 'plain_text', text: clip(label, BUTTON_MAX), emoji: true },
    value,
    ...(primary ? { style: 'primary' as const } : {}),
  };
}

export function mention(who: Participant | undefined): string {
  if (!who) return 'someone';
  return /^[UW][A-Z0-9]+$/.test(who.id) ? `<@${who.id}>` : escapeMrkdwn(who.name ?? who.id);
}

export function renderQuestion(reply: QuestionReply, key: string): SlackMessage {
  const lines = [escapeMrkdwn(reply.text)];
  const blocks: KnownBlock[] = [section(lines[0] ?? '')];
  const buttons = reply.choices.map((choice, index) =>
    button(`${CHOICE_ACTION_PREFIX}${index}`, choice.label, encodePayload({ kind: 'choice', key, question: reply.questionId, choice: choice.id })),
  );
  blocks.push(...actions(buttons));
  if (reply.freeText) blocks.push(...context(['Type your answer as a reply here.']));
  const choiceText = reply.choices.map((choice, index) => `${index + 1}. ${choice.label}`).join('\n');
  return message(choiceText ? `${reply.text}\n${choiceText}` : reply.text, blocks);
}

/** The question as it was asked, its buttons replaced by the answer and who gave it. */
export function renderAnswered(questionText: string, reply: AnsweredReply): SlackMessage {
  const verb = reply.choiceId ? 'chosen' : 'answered';
  const line = `✅ ${escapeMrkdwn(reply.label)} — ${verb} by ${mention(reply.by)}`;
  return message(`${questionText}\n${reply.label} (${verb} by ${reply.by?.name ?? reply.by?.id ?? 'someone'})`, [
    section(escapeMrkdwn(questionText)),
    ...context([line]),
  ]);
}

function cardButtons(buttons: ActionButton[], target: CardTarget, causeId: string): Button[] {
  return buttons
    .map((action) => {
      const value = encodePayload(cardPayload(action.id, target, causeId));
      return button(`${CARD_ACTION_PREFIX}${action.id}`, action.label, value, action.id === 'troubleshoot');
    });
}

function evidenceLine(evidence: CauseReply['evidence'][number]): string {
  return `• ${escapeMrkdwn(evidenceText(evidence))}`;
}

export function renderCause(reply: CauseReply, target: CardTarget): SlackMessage {
  const blocks: KnownBlock[] = [{ type: 'header', text: { type: 'plain_text', text: clip(reply.title, HEADER_MAX), emoji: true } }];
  if (reply.summary) blocks.push(section(escapeMrkdwn(reply.summary)));
  const steps = reply.procedure.map((step, index) => `${index + 1}. ${escapeMrkdwn(step)}`);
  if (steps.length) blocks.push(section(`*What to do*\n${steps.join('\n')}`));
  if (reply.after) blocks.push(section(escapeMrkdwn(reply.after)));
  if (reply.evidence.length) blocks.push(...context(['*Evidence*', ...reply.evidence.map(evidenceLine)]));
  if (reply.warnings.length) blocks.push(section(reply.warnings.map((w) => `:warning: ${escapeMrkdwn(w)}`).join('\n')));
  blocks.push(...actions(cardButtons(reply.actions, target, reply.causeId)));

  const text = [
    reply.title,
    reply.summary,
    ...reply.procedure.map((step, index) => `${index + 1}. ${step}`),
    reply.after,
    ...reply.evidence.map((e) => `- ${evidenceText(e)}`),
    ...reply.warnings.map((w) => `Warning: ${w}`),
  ].filter(Boolean).join('\n');
  return message(text, blocks);
}

const TONE = { info: '', warning: ':warning: ', error: ':x: ' } as const;

/** Every reply except `answered`, which updates an earlier message instead of posting one. */
export function renderReply(reply: Exclude<Reply, AnsweredReply>, target: CardTarget): SlackMessage {
  switch (reply.type) {
    case 'question':
      return renderQuestion(reply, 'key' in target ? target.key : '');
    case 'cause':
      return renderCause(reply, target);
    case 'handoff':
      return message(reply.text, [section(`:raising_hand: ${escapeMrkdwn(reply.text)}`)]);
    case 'progress':
      return message(reply.text, context([`:hourglass_flowing_sand: ${escapeMrkdwn(reply.text)}`]));
    case 'text':
      return message(reply.text, [section(`${TONE[reply.tone ?? 'info']}${escapeMrkdwn(reply.text)}`)]);
  }
}

/** Several replies as one message (a response_url post carries one message). */
export function combine(messages: SlackMessage[]): SlackMessage {
  return {
    text: messages.map((message) => message.text).join('\n\n'),
    // Slack accepts at most 50 blocks per message.
    blocks: messages.flatMap((message) => message.blocks).slice(0, 50),
  };
}
