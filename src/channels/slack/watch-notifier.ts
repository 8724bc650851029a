/**
 * Posts a watch's notice into the Slack thread (or DM) of the conversation that asked for it, with the
 * Web API, outside any request. The conversation key names the place (see places.ts); the replies are
 * rendered by the same Block Kit renderer as the conversation, so its buttons lead back to it (or, for a
 * one-shot card's watch, which has no conversation, re-check the domain like the card's own buttons).
 */
import type { webApi } from '@slack/bolt';
import { CertstatusError, ErrorCode } from '../../core/errors';
import type { Reply } from '../../engine/replies';
import type { Watch, WatchNotifier } from '../../watch/types';
import { renderReply, type CardTarget } from './blocks';
import { conversationKey, placeFromKey } from './places';

type WebClient = webApi.WebClient;

export function createSlackWatchNotifier(client: WebClient): WatchNotifier {
  return {
    async notify(key: string, replies: Reply[], watch?: Watch): Promise<void> {
      const place = placeFromKey(key);
      if (!place) throw new CertstatusError(ErrorCode.Usage, `"${key}" is not a Slack conversation key.`);
      const target: CardTarget = watch?.origin === 'one-shot'
        ? { domain: watch.domain, ...(watch.params.expect ? { expect: watch.params.expect } : {}), public: true }
        : // Buttons carry the key as the conversation service knows it.
          { key: conversationKey(place) };
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
