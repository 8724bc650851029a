/**
 * Slack as a channel-kit platform: a place is a thread or a DM (see places.ts), replies are Block Kit
 * messages posted with the Web API, answered questions are updated in place, and notes only one person
 * should see are ephemeral messages.
 */
import type { webApi } from '@slack/bolt';
import { silentLogger, type Logger } from '../../core/logger';
import type { AnsweredReply, Participant } from '../../engine/replies';
import type { WatchNotifier } from '../../watch/types';
import type { PlatformAdapter, ShownReply } from '../kit/adapter';
import type { PostedQuestion } from '../kit/card-memory';
import { createWatchNotifier } from '../kit/notices';
import type { CardTarget } from '../kit/payload';
import { mention, plainMessage, renderAnswered, renderReplies, renderReply, type SlackMessage } from './blocks';
import { conversationKey, placeFromKey, type SlackPlace } from './places';

type WebClient = webApi.WebClient;

export const SLACK_WHERE = '• Slack: `/certstatus example.com` answers only you (add `public` for the channel), `/certstatus` alone starts in a direct message with me; in a channel, mention me in a thread: `@certstatus check example.com`, or just `@certstatus`.';

/** What Slack answers when it will not take a message's blocks; the same answer as plain text goes instead. */
const REFUSED_BLOCKS = new Set(['invalid_blocks', 'invalid_blocks_format', 'msg_too_long', 'msg_blocks_too_long']);

/** The Web API's error code (`invalid_blocks`, ...) when Slack answered ok: false. */
export function slackRefusal(error: unknown): string | undefined {
  const code = (error as { data?: { error?: unknown } } | undefined)?.data?.error;
  return typeof code === 'string' && REFUSED_BLOCKS.has(code) ? code : undefined;
}

/**
 * Sends `message`; when Slack refuses its blocks, sends `plain` (no blocks) instead, so the user still gets
 * the answer. Any other failure is the caller's.
 */
export async function withPlainFallback<T>(send: (message: SlackMessage) => Promise<T>, message: SlackMessage, plain: () => { text: string }, onRefused?: (code: string) => void): Promise<T> {
  try {
    return await send(message);
  } catch (error) {
    const code = slackRefusal(error);
    if (!code) throw error;
    onRefused?.(code);
    return send({ ...plain(), blocks: [] });
  }
}

/** A posted message's reference: its channel and ts. */
function refOf(channel: string, ts: string): string {
  return `${channel} ${ts}`;
}

function fromRef(ref: string): { channel: string; ts: string } {
  const [channel = '', ts = ''] = ref.split(' ');
  return { channel, ts };
}

export function slackAdapter(client: WebClient, logger: Logger = silentLogger): PlatformAdapter<SlackPlace> {
  const refused = (method: string) => (code: string) => logger.warn({ channel: 'slack', method, error: code }, 'slack refused the message blocks; sent as plain text');
  const postMessage = async (place: SlackPlace, reply: ShownReply, target: CardTarget) => {
    const send = (message: SlackMessage) =>
      client.chat.postMessage({
        channel: place.channel,
        ...(place.threadTs ? { thread_ts: place.threadTs } : {}),
        text: message.text,
        // An empty list is no blocks: the plain-text form of a refused message.
        ...(message.blocks.length ? { blocks: message.blocks } : {}),
        unfurl_links: false,
      });
    const posted = await withPlainFallback(send, renderReply(reply, target), () => plainMessage([reply]), refused('chat.postMessage'));
    return posted.ts ? refOf(posted.channel ?? place.channel, posted.ts) : undefined;
  };
  return {
    name: 'slack',
    usageWhere: SLACK_WHERE,
    keyOf: conversationKey,
    placeOfKey: async (key) => placeFromKey(key),
    post: postMessage,
    async updateAnswered(_place: SlackPlace, posted: PostedQuestion, answered: AnsweredReply) {
      const update = (message: SlackMessage) => client.chat.update({ ...fromRef(posted.ref), ...message });
      const shown = renderAnswered(posted.question.text, answered);
      await withPlainFallback(update, shown, () => ({ text: shown.text }), refused('chat.update'));
    },
    async replace(_place: SlackPlace, ref: string, replies: ShownReply[], target: CardTarget) {
      const update = (message: SlackMessage) => client.chat.update({ ...fromRef(ref), ...message });
      await withPlainFallback(update, renderReplies(replies, target), () => plainMessage(replies), refused('chat.update'));
    },
    async ephemeral(place: SlackPlace, user: Participant, text: string) {
      // In a thread it shows in the thread.
      await client.chat.postEphemeral({ channel: place.channel, user: user.id, text, ...(place.threadTs ? { thread_ts: place.threadTs } : {}) });
    },
    mention,
    callerOf: (place: SlackPlace, by?: Participant) => ({ channel: 'slack', workspace: place.teamId, channelId: place.channel, ...(by ? { user: by.id } : {}) }),
    async directMessage(near: SlackPlace, user: Participant, text: string) {
      // Posting to a user id opens the App Home messages tab without the im:write scope; the reply names the DM channel.
      const opened = await client.chat.postMessage({ channel: user.id, text });
      return opened.channel ? { teamId: near.teamId, channel: opened.channel } : undefined;
    },
  };
}

/** Watch notices through `client`, outside any request (the scheduler's notifier for `slack:` keys). */
export function createSlackWatchNotifier(client: WebClient, logger?: Logger): WatchNotifier {
  return createWatchNotifier(slackAdapter(client, logger));
}
