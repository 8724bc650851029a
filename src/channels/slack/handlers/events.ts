/**
 * Mentions in channels (answered in the message's thread), direct messages (answered directly), and plain
 * replies in threads that have a conversation (anyone in the thread can answer, by text or by button).
 */
import type { App } from '@slack/bolt';
import { parseIntent, USAGE, type Intent } from '../intent';
import { isCommand, isWatchListOrCancel } from '../typed-commands';
import { conversationKey, isDirectMessage, type SlackPlace } from '../places';
import { converse, diagnoseInPlace, inTurn, openConversation, participant, tellOnly, type SlackDeps } from './context';
import type { webApi } from '@slack/bolt';

type WebClient = webApi.WebClient;

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

export function registerEvents(app: App, deps: SlackDeps): void {
  app.event('app_mention', async ({ event, body, client }) => {
    if (!event.user || isDirectMessage(event.channel)) return;
    const place: SlackPlace = { teamId: body.team_id, channel: event.channel, threadTs: event.thread_ts ?? event.ts };
    await act(deps, client, place, event.user, event.text ?? '');
  });

  app.event('message', async ({ event, body, client, context }) => {
    const message = event as unknown as UserMessage;
    if (!PERSON_SUBTYPES.has(message.subtype) || message.bot_id || !message.user) return;
    if (message.channel_type === 'im') {
      await act(deps, client, { teamId: body.team_id, channel: message.channel }, message.user, message.text ?? '');
      return;
    }
    // In channels only replies inside a thread that has a conversation are answers; the rest is people talking.
    if (!message.thread_ts || message.thread_ts === message.ts) return;
    // A reply that mentions the bot also arrives as app_mention, which handles it.
    if (context.botUserId && message.text?.includes(`<@${context.botUserId}>`)) return;
    const place: SlackPlace = { teamId: body.team_id, channel: message.channel, threadTs: message.thread_ts };
    const user = message.user;
    await inTurn(deps, conversationKey(place), async () => {
      // Commands also reach an ended conversation ("recheck" under its cause card is one word away), and
      // "watches"/"unwatch" a thread where a one-shot card's watch posts.
      const key = conversationKey(place);
      const text = message.text ?? '';
      const command =
        (isCommand(text) && (await deps.conversations.peek(key))) ||
        (isWatchListOrCancel(text) && (await deps.conversations.hasWatches?.(key)));
      if (!command && !(await openConversation(deps, place))) return;
      await converse(deps, client, place, { type: 'text', text: message.text ?? '', by: participant(user) });
    });
  });
}

function act(deps: SlackDeps, client: WebClient, place: SlackPlace, user: string, text: string): Promise<void> {
  return inTurn(deps, conversationKey(place), () => actInTurn(deps, client, place, user, text));
}

async function actInTurn(deps: SlackDeps, client: WebClient, place: SlackPlace, user: string, text: string): Promise<void> {
  const active = Boolean(await openConversation(deps, place));
  const intent: Intent = parseIntent(text, { conversationActive: active, allowText: true });
  const by = participant(user);
  switch (intent.kind) {
    case 'help':
      await client.chat.postMessage({ channel: place.channel, ...(place.threadTs ? { thread_ts: place.threadTs } : {}), text: USAGE });
      return;
    case 'invalid':
      if (place.threadTs) await tellOnly(client, place, user, intent.message);
      else await client.chat.postMessage({ channel: place.channel, text: intent.message });
      return;
    case 'diagnose':
      await diagnoseInPlace(deps, client, place, intent);
      return;
    case 'start':
      await converse(deps, client, place, { type: 'start', by });
      return;
    case 'text':
      // Words with no conversation to answer ("@certstatus my certificate is stuck") start one.
      await converse(deps, client, place, active || isCommand(intent.text) ? { type: 'text', text: intent.text, by } : { type: 'start', by });
      return;
  }
}
