/**
 * Reply model -> Teams messages. Questions, causes and handoffs become Adaptive Cards; text and progress stay
 * plain messages (they read better in a chat and notify like any message). `answered` is not a message: it
 * updates the question card it answers (answeredCard).
 */
import { MessageFactory, type Activity } from 'botbuilder';
import type { TextReply } from '../../../engine/replies';
import type { ShownReply } from '../../kit/adapter';
import type { CardTarget } from '../../kit/payload';
import { fitReply, plainText } from '../../kit/fit';
import { adaptiveCard, TEAMS_MESSAGE_TARGET_BYTES, teamsSize, textBlock } from './adaptive';
import { causeCard } from './cause-card';
import { namesCard } from './names-card';
import { questionCard } from './question-card';

const TONE_MARK: Record<NonNullable<TextReply['tone']>, string> = { info: 'ℹ️ ', warning: '⚠️ ', error: '❌ ' };

function layout(reply: ShownReply, target: CardTarget): Partial<Activity> {
  switch (reply.type) {
    case 'text':
      return MessageFactory.text(`${reply.tone ? TONE_MARK[reply.tone] : ''}${reply.text}`);
    case 'progress':
      return MessageFactory.text(`_${reply.text}_`);
    case 'question':
      return MessageFactory.attachment(questionCard(reply));
    case 'cause':
      return MessageFactory.attachment(causeCard(reply, target));
    case 'handoff':
      return MessageFactory.attachment(adaptiveCard([textBlock('🙋 Handing over to a person', { weight: 'Bolder' }), textBlock(reply.text)]));
    case 'names':
      return MessageFactory.attachment(namesCard(reply, target));
  }
}

/** One reply as a Teams message, shortened by the kit's rule (evidence first, "…and N more") to the advised size. */
export function renderReply(reply: ShownReply, target: CardTarget): Partial<Activity> {
  return layout(fitReply(reply, (candidate) => teamsSize(layout(candidate, target)) <= TEAMS_MESSAGE_TARGET_BYTES), target);
}

/** The same answer as a plain message, for when Teams refuses the card anyway (413). */
export function renderPlain(reply: ShownReply): Partial<Activity> {
  const message = (candidate: ShownReply) => MessageFactory.text(plainText(candidate));
  return message(fitReply(reply, (candidate) => teamsSize(message(candidate)) <= TEAMS_MESSAGE_TARGET_BYTES / 2));
}
