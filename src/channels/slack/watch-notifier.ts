/**
 * Posts a watch's notice into the Slack thread (or DM) of the conversation that asked for it, with the
 * Web API, outside any request. The conversation key names the place (see places.ts); the replies are
 * rendered by the same Block Kit renderer as the conversation, so its buttons lead back to it.
 */
import type { webApi } from '@slack/bolt';
import { CertstatusError, ErrorCode } from '../../core/errors';
import type { Reply } from '../../engine/replies';
import type { WatchNotifier } from '../../watch/types';
import { renderReply } from './blocks';
import { conversationKey, placeFromKey } from './places';

type WebClient = webApi.WebClient;

export function createSlackWatchNotifier(client: WebClient): WatchNotifier {
  return {
    async notify(key: string, replies: Reply[]): Promise<void> {
      const place = placeFromKey(key);
      if (!place) throw new CertstatusError(ErrorCode.Usage, `"${key}" is not a Slack conversation key.`);
      // Buttons carry the key as the conversation service knows it.
      const target = { key: conversationKey(place) };
      for (const reply of replies) {
        // Notices never answer a question; an `answered` update has no message to update here.
        if (reply.type === 'answered') continue;
        const message = renderReply(reply, target);
        await client.chat.postMessage({
          channel: place.channel,
          ...(place.threadTs ? { thread_ts: place.threadTs } : {}),
          text: message.text,
          blocks: message.blocks,
          unfurl_links: false,
        });
      }
    },
  };
}
