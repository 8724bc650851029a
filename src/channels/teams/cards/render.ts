/**
 * Reply model -> Teams messages. Questions, causes and handoffs become Adaptive Cards; text and progress stay
 * plain messages (they read better in a chat and notify like any message). `answered` is not a message: it
 * updates the question card it answers (answeredCard).
 */
import { MessageFactory, type Activity } from 'botbuilder';
import type { TextReply } from '../../../engine/replies';
import type { ShownReply } from '../../kit/adapter';
import type { CardTarget } from '../../kit/payload';
import { adaptiveCard, textBlock } from './adaptive';
import { causeCard } from './cause-card';
import { questionCard } from './question-card';

const TONE_MARK: Record<NonNullable<TextReply['tone']>, string> = { info: 'ℹ️ ', warning: '⚠️ ', error: '❌ ' };

export function renderReply(reply: ShownReply, target: CardTarget): Partial<Activity> {
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
  }
}
