/**
 * Mentions in channels (answered in the message's thread), direct messages (answered directly), and plain
 * replies in threads that have a conversation (anyone in the thread can answer, by text or by button).
 */
import type { App } from '@slack/bolt';
import type { ChannelKit } from '../../kit/kit';
import { isDirectMessage, type SlackPlace } from '../places';

export type SlackKit = ChannelKit<SlackPlace>;

interface UserMessage {
  user?: string;
  text?: string;
  ts: string;
  thread_ts?: string;
  channel: string;
  channel_type?: string;
  subtype?: string;
  bot_id?: string;
}

/** Message subtypes that are still a person writing; the rest (edits, joins, bot posts) are not answers. */
const PERSON_SUBTYPES = new Set([undefined, 'thread_broadcast', 'file_share']);

export function registerEvents(app: App, kit: SlackKit): void {
  app.event('app_mention', async ({ event, body }) => {
    if (!event.user || isDirectMessage(event.channel)) return;
    const place: SlackPlace = { teamId: body.team_id, channel: event.channel, threadTs: event.thread_ts ?? event.ts };
    await kit.onMessage(place, { id: event.user }, event.text ?? '');
  });

  app.event('message', async ({ event, body, context }) => {
    const message = event as unknown as UserMessage;
    if (!PERSON_SUBTYPES.has(message.subtype) || message.bot_id || !message.user) return;
    if (message.channel_type === 'im') {
      await kit.onMessage({ teamId: body.team_id, channel: message.channel }, { id: message.user }, message.text ?? '');
      return;
    }
    // In channels only replies inside a thread that has a conversation are answers; the rest is people talking.
    if (!message.thread_ts || message.thread_ts === message.ts) return;
    // A reply that mentions the bot also arrives as app_mention, which handles it.
    if (context.botUserId && message.text?.includes(`<@${context.botUserId}>`)) return;
    const place: SlackPlace = { teamId: body.team_id, channel: message.channel, threadTs: message.thread_ts };
    await kit.onThreadReply(place, { id: message.user }, message.text ?? '');
  });
}
