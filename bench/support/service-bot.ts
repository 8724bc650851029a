/**
 * Our conversation service inside the same botbuilder TestAdapter the dialogs bot runs in, with buttons
 * arriving as imBack text: the control that separates the adapter's cost from botbuilder-dialogs' own.
 * Replies become plain message activities (no Adaptive Card rendering, as the dialogs bot sends none).
 */
import { ActivityTypes, TestAdapter, type TurnContext } from 'botbuilder';
import type { ConversationHandler } from '../../src/conversation/types';
import type { Reply } from '../../src/engine/replies';

export interface ServiceBot {
  /** Sends one message in conversation `conversationId` (the first one starts it); resolves with the service's replies. */
  say(conversationId: string, text: string): Promise<Reply[]>;
}

export function createServiceBot(service: ConversationHandler): ServiceBot {
  let replies: Reply[] = [];
  const logic = async (context: TurnContext) => {
    const key = `test:${context.activity.conversation.id}`;
    await service.handle(key, { type: 'text', text: context.activity.text ?? '' }, async (batch) => {
      replies.push(...batch);
      await context.sendActivities(batch.map((r) => ({ type: ActivityTypes.Message, text: r.type === 'cause' ? r.title : 'text' in r ? r.text : r.type })));
    });
  };
  const adapter = new TestAdapter(logic);
  return {
    async say(conversationId, text) {
      replies = [];
      await adapter.processActivity({ type: ActivityTypes.Message, text, conversation: { id: conversationId, isGroup: false, conversationType: 'personal', name: conversationId } });
      adapter.activeQueue.splice(0);
      return replies;
    },
  };
}
