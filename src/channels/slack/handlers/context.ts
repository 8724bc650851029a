/**
 * What every Slack handler needs, and the few things they all do: diagnose a domain in a place, start or
 * continue the conversation of a place, and tell one user something only they see.
 */
import type { webApi } from '@slack/bolt';
import type { ConversationHandler } from '../../../conversation/types';
import type { Logger } from '../../../core/logger';
import type { Input } from '../../../engine/inputs';
import type { AnsweredReply, Participant, Reply } from '../../../engine/replies';
import type { ConversationState } from '../../../engine/state';
import type { StateStore } from '../../../store/types';
import { combine, renderReply, type SlackMessage } from '../blocks';
import { createDelivery } from '../delivery';
import type { OneShot } from '../intent';
import { conversationKey, type SlackPlace } from '../places';
import type { KeyedSerial } from '../serial';

type WebClient = webApi.WebClient;

export interface SlackDeps {
  conversations: ConversationHandler;
  store: StateStore;
  logger: Logger;
  /** Must match the conversation service's idle expiry, to tell users a click came too late. */
  idleExpiryMs: number;
  now: () => number;
  /** One input at a time per conversation. */
  serial: KeyedSerial;
}

export function participant(userId: string): Participant {
  return { id: userId };
}

/** A diagnosis result as one message; the card's buttons re-check that domain or start troubleshooting it. */
export async function diagnosisMessage(deps: SlackDeps, request: OneShot): Promise<SlackMessage> {
  const replies = await deps.conversations.diagnose({ domain: request.domain, ...(request.expect ? { expect: request.expect } : {}) });
  const target = { domain: request.domain, ...(request.expect ? { expect: request.expect } : {}), public: request.public };
  const shown = replies.filter((r): r is Exclude<Reply, AnsweredReply> => r.type !== 'answered');
  return combine(shown.map((r) => renderReply(r, target)));
}

export function checkingText(domain: string): string {
  return `:mag: Checking DNS for ${domain}…`;
}

/** In a thread or DM: a "checking" message at once, replaced by the diagnosis when DNS has answered. */
export async function diagnoseInPlace(deps: SlackDeps, client: WebClient, place: SlackPlace, request: OneShot): Promise<void> {
  const checking = await client.chat.postMessage({
    channel: place.channel,
    ...(place.threadTs ? { thread_ts: place.threadTs } : {}),
    text: checkingText(request.domain),
  });
  const message = await diagnosisMessage(deps, { ...request, public: true });
  if (checking.ts) await client.chat.update({ channel: checking.channel ?? place.channel, ts: checking.ts, ...message });
  else await client.chat.postMessage({ channel: place.channel, ...(place.threadTs ? { thread_ts: place.threadTs } : {}), ...message });
}

/** Applies an input to the place's conversation and posts the replies. Call inside `inTurn` for the place. */
export async function converse(deps: SlackDeps, client: WebClient, place: SlackPlace, input: Input): Promise<void> {
  const deliver = createDelivery({ client, store: deps.store, place, ttlMs: deps.idleExpiryMs });
  await deps.conversations.handle(conversationKey(place), input, deliver);
}

/** Runs `work` after every earlier input of the same conversation has been applied and its replies posted. */
export function inTurn<T>(deps: SlackDeps, key: string, work: () => Promise<T>): Promise<T> {
  return deps.serial.run(key, work);
}

/** The conversation waiting in a place, if it is still open (not ended, not idle past expiry). */
export async function openConversation(deps: SlackDeps, place: SlackPlace): Promise<ConversationState | undefined> {
  const state = await deps.conversations.peek(conversationKey(place));
  if (!state || state.status === 'ended' || isExpired(deps, state)) return undefined;
  return state;
}

export function isExpired(deps: SlackDeps, state: ConversationState): boolean {
  return deps.now() - state.updatedAt > deps.idleExpiryMs;
}

/** Only `user` sees it; in a thread it shows in the thread. */
export async function tellOnly(client: WebClient, place: SlackPlace, user: string, text: string): Promise<void> {
  await client.chat.postEphemeral({ channel: place.channel, user, text, ...(place.threadTs ? { thread_ts: place.threadTs } : {}) });
}

/**
 * Starts the guided conversation in the user's direct message with the bot. Posting to a user id opens the
 * App Home messages tab without the im:write scope; the reply names the DM channel, which keys the conversation.
 */
export async function startInDirectMessage(deps: SlackDeps, client: WebClient, teamId: string, user: string, vars?: Record<string, string>): Promise<string | undefined> {
  const opened = await client.chat.postMessage({ channel: user, text: ':wave: Let\'s troubleshoot your certificate here.' });
  if (!opened.channel) return undefined;
  const place = { teamId, channel: opened.channel };
  await inTurn(deps, conversationKey(place), () => converse(deps, client, place, { type: 'start', by: participant(user), ...(vars ? { vars } : {}) }));
  return opened.channel;
}
