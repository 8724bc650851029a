/**
 * Posts a watch's notice into the Teams conversation (personal chat, group chat or the channel's reply
 * chain) that asked for it: a proactive message through the saved conversation reference, rendered and
 * sent like any other reply (cards, connector retries).
 */
import type { CloudAdapter } from 'botbuilder';
import { CertstatusError, ErrorCode } from '../../core/errors';
import type { Reply } from '../../engine/replies';
import type { Watch, WatchNotifier } from '../../watch/types';
import type { ConversationReferences } from './references';
import { sendReplies, type ReplySenderDeps } from './sender';

export interface TeamsWatchNotifierOptions {
  adapter: CloudAdapter;
  appId: string;
  references: ConversationReferences;
  sender: ReplySenderDeps;
}

export function createTeamsWatchNotifier({ adapter, appId, references, sender }: TeamsWatchNotifierOptions): WatchNotifier {
  return {
    async notify(key: string, replies: Reply[], watch?: Watch): Promise<void> {
      const reference = await references.load(key);
      if (!reference) throw new CertstatusError(ErrorCode.Config, `No saved Teams conversation reference for "${key}"; cannot post the notice.`);
      await adapter.continueConversationAsync(appId, reference, async (context) => {
        // In a channel the reference names the reply chain; pointing at the user's message keeps the notice in it.
        if (reference.activityId) context.activity.id = reference.activityId;
        // A one-shot card's watch has no conversation behind it: the notice's buttons re-check the domain itself.
        const cardContext = watch?.origin === 'one-shot' ? { domain: watch.domain, ...(watch.params.expect ? { expect: watch.params.expect } : {}) } : {};
        await sendReplies(context, key, replies, sender, cardContext);
      });
    },
  };
}
