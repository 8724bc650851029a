/**
 * Reply model -> Teams messages. Questions, causes and handoffs become Adaptive Cards; text and progress stay
 * plain messages (they read better in a chat and notify like any message). `answered` is not a message: it
 * updates the question card it answers (see the sender).
 */
import { MessageFactory, type Activity } from 'botbuilder';
import type { Reply, TextReply } from '../../../engine/replies';
import { adaptiveCard, textBlock } from './adaptive';
import { causeCard, type CauseCardContext } from './cause-card';
import { questionCard } from './question-card';

export type RenderedReply =
  | { kind: 'message'; activity: Partial<Activity>; questionId?: string }
  | { kind: 'update-answered'; questionId: string };

const TONE_MARK: Record<NonNullable<TextReply['tone']>, string> = { info: 'ℹ️ ', warning: '⚠️ ', error: '❌ ' };

export function renderReply(reply: Reply, context: CauseCardContext = {}): RenderedReply {
  switch (reply.type) {
    case 'text':
      return { kind: 'message', activity: MessageFactory.text(`${reply.tone ? TONE_MARK[reply.tone] : ''}${reply.text}`) };
    case 'progress':
      return { kind: 'message', activity: MessageFactory.text(`_${reply.text}_`) };
    case 'question':
      return { kind: 'message', activity: MessageFactory.attachment(questionCard(reply)), questionId: reply.questionId };
    case 'cause':
      return { kind: 'message', activity: MessageFactory.attachment(causeCard(reply, context)) };
    case 'handoff':
      return {
        kind: 'message',
        activity: MessageFactory.attachment(adaptiveCard([textBlock('🙋 Handing over to a person', { weight: 'Bolder' }), textBlock(reply.text)])),
      };
    case 'answered':
      return { kind: 'update-answered', questionId: reply.questionId };
  }
}
