/**
 * Sends rendered replies through a TurnContext (inside the request's turn or a proactive one): new messages
 * for questions, causes and text; an in-place card update for `answered`. Question card ids are remembered
 * so the update finds its card. Every connector call goes through the transient-error retry.
 */
import type { TurnContext } from 'botbuilder';
import type { Logger } from '../../core/logger';
import type { Reply } from '../../engine/replies';
import type { QuestionCardMemory } from './card-memory';
import { answeredCard } from './cards/question-card';
import type { CauseCardContext } from './cards/cause-card';
import { renderReply } from './cards/render';
import { withConnectorRetry, type RetryOptions } from './retry';

export interface ReplySenderDeps {
  memory: QuestionCardMemory;
  retry?: RetryOptions;
  logger?: Logger;
}

export async function sendReplies(
  context: TurnContext,
  conversationKey: string,
  replies: readonly Reply[],
  deps: ReplySenderDeps,
  cardContext: CauseCardContext = {},
): Promise<void> {
  for (const reply of replies) {
    const rendered = renderReply(reply, cardContext);
    if (rendered.kind === 'message') {
      const response = await withConnectorRetry(() => context.sendActivity(rendered.activity), deps.retry);
      if (reply.type === 'question' && response?.id) await deps.memory.remember(conversationKey, reply, response.id);
      continue;
    }
    if (reply.type !== 'answered') continue;
    const posted = await deps.memory.recall(conversationKey, rendered.questionId);
    // A typed answer to a question whose card we never saw (expired, another instance's): nothing to update.
    if (!posted) continue;
    try {
      await withConnectorRetry(
        () => context.updateActivity({ type: 'message', id: posted.activityId, attachments: [answeredCard(posted.question, reply)] }),
        deps.retry,
      );
    } catch (error) {
      // The conversation goes on even if the old card keeps its buttons: a second click is stale anyway.
      deps.logger?.warn({ err: error, questionId: rendered.questionId }, 'teams: could not update the answered question card');
    }
  }
}
