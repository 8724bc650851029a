/**
 * Slack as a channel-kit platform: a place is a thread or a DM (see places.ts), replies are Block Kit
 * messages posted with the Web API, answered questions are updated in place, and notes only one person
 * should see are ephemeral messages.
 */
import type { webApi } from '@slack/bolt';
import type { AnsweredReply, Participant } from '../../engine/replies';
import type { WatchNotifier } from '../../watch/types';
import type { PlatformAdapter, ShownReply } from '../kit/adapter';
import type { PostedQuestion } from '../kit/card-memory';
import { createWatchNotifier } from '../kit/notices';
import type { CardTarget } from '../kit/payload';
import { combine, mention, renderAnswered, renderReply, type SlackMessage } from './blocks';
import { conversationKey, placeFromKey, type SlackPlace } from './places';

type WebClient = webApi.WebClient;

export const SLACK_WHERE = '• Slack: `/certstatus example.com` answers only you (add `public` for the channel), `/certstatus` alone starts in a direct message with me; in a channel, mention me in a thread: `@certstatus check example.com`, or just `@certstatus`.';

/** A posted message's reference: its channel and ts. */
function refOf(channel: string, ts: string): string {
  return `${channel} ${ts}`;
}

function fromRef(ref: string): { channel: string; ts: string } {
  const [channel = '', ts = ''] = ref.split(' ');
  return { channel, ts };
}

export function slackAdapter(client: WebClient): PlatformAdapter<SlackPlace> {
  const postMessage = async (place: SlackPlace, message: SlackMessage) => {
    const posted = await client.chat.postMessage({
      channel: place.channel,
      ...(place.threadTs ? { thread_ts: place.threadTs } : {}),
      text: message.text,
      blocks: message.blocks,
      unfurl_links: false,
    });
    return posted.ts ? refOf(posted.channel ?? place.channel, posted.ts) : undefined;
  };
  return {
    name: 'slack',
    usageWhere: SLACK_WHERE,
    keyOf: conversationKey,
    placeOfKey: async (key) => placeFromKey(key),
    post: (place: SlackPlace, reply: ShownReply, target: CardTarget) => postMessage(place, renderReply(reply, target)),
    async updateAnswered(_place: SlackPlace, posted: PostedQuestion, answered: AnsweredReply) {
      await client.chat.update({ ...fromRef(posted.ref), ...renderAnswered(posted.question.text, answered) });
    },
    async replace(_place: SlackPlace, ref: string, replies: ShownReply[], target: CardTarget) {
      await client.chat.update({ ...fromRef(ref), ...combine(replies.map((reply) => renderReply(reply, target))) });
    },
    async ephemeral(place: SlackPlace, user: Participant, text: string) {
      // In a thread it shows in the thread.
      await client.chat.postEphemeral({ channel: place.channel, user: user.id, text, ...(place.threadTs ? { thread_ts: place.threadTs } : {}) });
    },
    mention,
    async directMessage(near: SlackPlace, user: Participant, text: string) {
      // Posting to a user id opens the App Home messages tab without the im:write scope; the reply names the DM channel.
      const opened = await client.chat.postMessage({ channel: user.id, text });
      return opened.channel ? { teamId: near.teamId, channel: opened.channel } : undefined;
    },
  };
}

/** Watch notices through `client`, outside any request (the scheduler's notifier for `slack:` keys). */
export function createSlackWatchNotifier(client: WebClient): WatchNotifier {
  return createWatchNotifier(slackAdapter(client));
}
