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
import type { ActionButton, AnsweredReply, CauseReply, NameSection, NamesReply, Participant, QuestionReply } from '../../engine/replies';
import type { ShownReply } from '../kit/adapter';
import { clip, fitCause, fitQuestion, fitReply, plainText } from '../kit/fit';
import { cardPayload, encodePayload, type CardTarget } from '../kit/payload';

/** Slack wants a distinct action_id per button of a block; the payload in its value says what it does. */
export const CHOICE_ACTION_PREFIX = 'certstatus_choice_';
export const CARD_ACTION_PREFIX = 'certstatus_action_';

export interface SlackMessage {
  text: string;
  blocks: KnownBlock[];
}


/**
 * Block Kit limits (https://docs.slack.dev/reference/block-kit/blocks): past any of them Slack refuses the
 * message (invalid_blocks, msg_blocks_too_long). Every renderer stays within them by construction (clipping,
 * packing) or by the kit's shortening rule (fitReply), which this file's `withinBlockKit` steers.
 */
export const BLOCK_KIT = {
  blocks: 50,
  /** All the text of a message's blocks together; Slack answers msg_blocks_too_long past about 12,000. */
  blocksText: 11_500,
  sectionText: 3000,
  headerText: 150,
  contextElements: 10,
  contextText: 3000,
  actionsElements: 25,
  buttonText: 75,
  buttonValue: 2000,
  /** The notification `text`: Slack truncates it at 40,000 and recommends under 4,000. */
  fallbackText: 3900,
} as const;
const SECTION_MAX = BLOCK_KIT.sectionText;
const HEADER_MAX = BLOCK_KIT.headerText;
const BUTTON_MAX = BLOCK_KIT.buttonText;
const CONTEXT_ELEMENTS_MAX = BLOCK_KIT.contextElements;
const ACTIONS_ELEMENTS_MAX = BLOCK_KIT.actionsElements;

/** Slack treats &, < and > as markup in mrkdwn; user and flow text must not inject links or mentions. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Escaped text clipped to `max` without leaving half an entity (`&am…`) at the end. */
function clipEscaped(text: string, max: number): string {
  if (text.length <= max) return text;
  return clip(text, max).replace(/&[a-z]*…$/, '…');
}

/** The `text` fallback is mrkdwn too (and notifies): escape it, so DNS data or answers cannot @-mention anyone. */
function message(fallback: string, blocks: KnownBlock[]): SlackMessage {
  return { text: clipEscaped(escapeMrkdwn(fallback), BLOCK_KIT.fallbackText), blocks };
}

function section(text: string): SectionBlock {
  return { type: 'section', text: { type: 'mrkdwn', text: clipEscaped(text, SECTION_MAX) } };
}

/** Lines packed into as few pieces of at most `max` characters as they fit in (a longer line is clipped). */
function pack(lines: string[], max: number): string[] {
  const pieces: string[] = [];
  let current = '';
  for (const line of lines.map((l) => clipEscaped(l, max))) {
    if (current && current.length + 1 + line.length > max) {
      pieces.push(current);
      current = line;
    } else current = current ? `${current}\n${line}` : line;
  }
  if (current) pieces.push(current);
  return pieces;
}

/** Lines as sections of up to 3,000 characters each: a long procedure takes two sections, it is not cut. */
function sections(lines: string[]): SectionBlock[] {
  return pack(lines, SECTION_MAX).map(section);
}

/** Small print: lines packed into context elements (one element shows as one paragraph), ten per block. */
function context(lines: string[]): ContextBlock[] {
  const elements = pack(lines, BLOCK_KIT.contextText).map((text) => ({ type: 'mrkdwn' as const, text }));
  const blocks: ContextBlock[] = [];
  for (let i = 0; i < elements.length; i += CONTEXT_ELEMENTS_MAX) blocks.push({ type: 'context', elements: elements.slice(i, i + CONTEXT_ELEMENTS_MAX) });
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

/** Every text shown in `blocks` (headers, sections, context elements, button labels). */
function shownText(blocks: KnownBlock[]): number {
  let total = 0;
  for (const block of blocks as { text?: { text?: string }; elements?: { text?: string | { text?: string } }[] }[]) {
    total += block.text?.text?.length ?? 0;
    for (const element of block.elements ?? []) total += typeof element.text === 'string' ? element.text.length : (element.text?.text?.length ?? 0);
  }
  return total;
}

/** Whether Slack takes the message as it is: few enough blocks, little enough text in them. */
export function withinBlockKit(message: SlackMessage): boolean {
  return message.blocks.length <= BLOCK_KIT.blocks && shownText(message.blocks) <= BLOCK_KIT.blocksText;
}

export function mention(who: Participant | undefined): string {
  if (!who) return 'someone';
  return /^[UW][A-Z0-9]+$/.test(who.id) ? `<@${who.id}>` : escapeMrkdwn(who.name ?? who.id);
}

function layoutQuestion(reply: QuestionReply, key: string): SlackMessage {
  const blocks: KnownBlock[] = [section(escapeMrkdwn(reply.text))];
  if (reply.help) blocks.push(...context([escapeMrkdwn(reply.help)]));
  const buttons = reply.choices.map((choice, index) =>
    button(`${CHOICE_ACTION_PREFIX}${index}`, choice.label, encodePayload({ kind: 'choice', key, question: reply.questionId, choice: choice.id })),
  );
  blocks.push(...actions(buttons));
  if (reply.freeText) blocks.push(...context(['Type your answer as a reply here.']));
  return message(plainText(reply), blocks);
}

export function renderQuestion(reply: QuestionReply, key: string): SlackMessage {
  return layoutQuestion(fitQuestion(reply, (candidate) => withinBlockKit(layoutQuestion(candidate, key))), key);
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

function layoutCause(reply: CauseReply, target: CardTarget): SlackMessage {
  const blocks: KnownBlock[] = [{ type: 'header', text: { type: 'plain_text', text: clip(reply.title, HEADER_MAX), emoji: true } }];
  if (reply.summary) blocks.push(section(escapeMrkdwn(reply.summary)));
  const steps = reply.procedure.map((step, index) => `${index + 1}. ${escapeMrkdwn(step)}`);
  if (steps.length) blocks.push(...sections(['*What to do*', ...steps]));
  if (reply.after) blocks.push(section(escapeMrkdwn(reply.after)));
  if (reply.evidence.length) blocks.push(...context(['*Evidence*', ...reply.evidence.map(evidenceLine)]));
  if (reply.warnings.length) blocks.push(...sections(reply.warnings.map((w) => `:warning: ${escapeMrkdwn(w)}`)));
  // Last, and never cut: the buttons are how the user goes on (check again, troubleshoot, watch).
  blocks.push(...actions(cardButtons(reply.actions, target, reply.causeId)));
  return message(plainText(reply), blocks);
}

/** The cause card, shortened by the kit's rule (evidence first, "…and N more") until Slack takes it. */
export function renderCause(reply: CauseReply, target: CardTarget): SlackMessage {
  return layoutCause(fitCause(reply, (candidate) => withinBlockKit(layoutCause(candidate, target))), target);
}

const WATCH_BUTTON = 'Notify me when it takes effect';
const MARK: Record<NameSection['state'], string> = { right: ':white_check_mark:', stuck: ':x:', unchecked: ':grey_question:' };

/** Where a name's Details button leads: that name's one-shot diagnosis, shown to whom the card was. */
export function sectionTarget(name: NameSection, target: CardTarget): CardTarget {
  return { domain: name.domain, ...(name.expect ? { expect: name.expect } : {}), ...('public' in target && target.public ? { public: true } : {}) };
}

/** Several names on one card: a section per name with its cause in one line and a Details button. */
export function renderNames(reply: NamesReply, target: CardTarget): SlackMessage {
  const blocks: KnownBlock[] = [{ type: 'header', text: { type: 'plain_text', text: clip(reply.title, HEADER_MAX), emoji: true } }];
  if (reply.notices.length) blocks.push(...context(reply.notices.map((n) => `:information_source: ${escapeMrkdwn(n)}`)));
  for (const name of reply.sections) {
    blocks.push(section(`${MARK[name.state]} *${escapeMrkdwn(name.domain)}*: ${escapeMrkdwn(name.title)}\n${escapeMrkdwn(name.line)}`));
    const value = encodePayload(cardPayload('details', sectionTarget(name, target), name.causeId));
    const buttons = [button(`${CARD_ACTION_PREFIX}details`, `Details: ${name.domain}`, value)];
    if (name.watch) buttons.push(button(`${CARD_ACTION_PREFIX}watch`, WATCH_BUTTON, encodePayload(cardPayload('watch', sectionTarget(name, target), name.causeId))));
    blocks.push(...actions(buttons));
  }
  blocks.push(...context([escapeMrkdwn(reply.summary)]));
  const text = [reply.title, ...reply.notices, ...reply.sections.map((s) => `- ${s.domain}: ${s.title}: ${s.line}`), reply.summary].join('\n');
  // 50 blocks a message: 20 names (two blocks each) with the header, notices and summary fit.
  return message(text, blocks.slice(0, 50));
}

const TONE = { info: '', warning: ':warning: ', error: ':x: ' } as const;

function layoutReply(reply: ShownReply, target: CardTarget): SlackMessage {
  switch (reply.type) {
    case 'question':
      return layoutQuestion(reply, 'key' in target ? target.key : '');
    case 'cause':
      return layoutCause(reply, target);
    case 'handoff':
      return message(reply.text, [section(`:raising_hand: ${escapeMrkdwn(reply.text)}`)]);
    case 'progress':
      return message(reply.text, context([`:hourglass_flowing_sand: ${escapeMrkdwn(reply.text)}`]));
    case 'text':
      return message(reply.text, [section(`${TONE[reply.tone ?? 'info']}${escapeMrkdwn(reply.text)}`)]);
    case 'names':
      return renderNames(reply, target);
  }
}

/** Every reply except `answered`, which updates an earlier message instead of posting one. */
export function renderReply(reply: ShownReply, target: CardTarget): SlackMessage {
  return layoutReply(fitReply(reply, (candidate) => withinBlockKit(layoutReply(candidate, target))), target);
}

/** Messages joined as one (a response_url post or a replaced note carries one message). */
export function combine(messages: SlackMessage[]): SlackMessage {
  return {
    text: clipEscaped(messages.map((message) => message.text).join('\n\n'), BLOCK_KIT.fallbackText),
    blocks: messages.flatMap((message) => message.blocks),
  };
}

/**
 * Several replies as one message within Block Kit's limits: when together they are too much, each cause
 * card gives way (its evidence first) to what the others need; nothing is sliced off the end, so the
 * buttons stay.
 */
export function renderReplies(replies: ShownReply[], target: CardTarget): SlackMessage {
  const rendered = replies.map((reply) => renderReply(reply, target));
  const whole = combine(rendered);
  if (withinBlockKit(whole)) return whole;
  return combine(
    replies.map((reply, index) => {
      if (reply.type !== 'cause') return rendered[index]!;
      const others = (candidate: SlackMessage) => combine(rendered.map((message, at) => (at === index ? candidate : message)));
      return layoutCause(fitCause(reply, (candidate) => withinBlockKit(others(layoutCause(candidate, target)))), target);
    }),
  );
}

/** The same answer without blocks, for when Slack refuses the blocks anyway (invalid_blocks, msg_too_long). */
export function plainMessage(replies: ShownReply[]): { text: string } {
  const text = replies.map((reply) => plainText(reply.type === 'cause' ? fitCause(reply, (c) => plainText(c).length <= BLOCK_KIT.fallbackText) : reply)).join('\n\n');
  return { text: clipEscaped(escapeMrkdwn(text), BLOCK_KIT.fallbackText) };
}
