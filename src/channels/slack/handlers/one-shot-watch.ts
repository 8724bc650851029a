/**
 * "Notify me when it takes effect" on a one-shot diagnosis card (`/certstatus example.com`, or
 * `@certstatus check example.com` in a thread). The watch posts where people will look for it: in the
 * card's thread (or DM) when the card is a real message, and in a direct message to the person who
 * clicked when the card was ephemeral (nobody else saw it). There, "watches" and "unwatch" find it.
 */
import type { RespondFn, webApi } from '@slack/bolt';
import type { WatchDiagnosisRequest } from '../../../conversation/types';
import { say as engineText } from '../../../engine/messages';
import { watchStartedText } from '../../../engine/watch-messages';
import type { Reply } from '../../../engine/replies';
import { escapeMrkdwn } from '../blocks';
import { createDelivery } from '../delivery';
import { conversationKey, type SlackPlace } from '../places';
import { placeOfCard, type ClickBody } from './card-place';
import { inTurn, tellOnly, type SlackDeps } from './context';

type WebClient = webApi.WebClient;

/** What the watch button of a one-shot card carries (the cause may be missing on a forged or old button). */
export type OneShotWatch = Omit<WatchDiagnosisRequest, 'cause'> & { cause?: string };

export async function watchOneShot(deps: SlackDeps, client: WebClient, body: ClickBody, respond: RespondFn, request: OneShotWatch): Promise<void> {
  const user = body.user.id;
  const teamId = body.team?.id ?? body.user.team_id ?? '';
  const here = placeOfCard(body, teamId);
  const say = (text: string) =>
    here ? tellOnly(client, here, user, text) : respond({ response_type: 'ephemeral', replace_original: false, text });
  if (!deps.conversations.watchDiagnosis) return void (await say(engineText(undefined, 'watchUnavailable')));
  if (!request.cause) return void (await say('That button no longer says what to watch. Run the check again, then click its button.'));
  const watch: WatchDiagnosisRequest = { ...request, cause: request.cause };
  if (here) return watchInPlace(deps, client, here, watch);
  return watchForUser(deps, client, body, respond, watch);
}

/** The card is a message in a thread, a channel or a DM: the watch posts in its thread (or DM), as does the confirmation. */
async function watchInPlace(deps: SlackDeps, client: WebClient, place: SlackPlace, request: WatchDiagnosisRequest): Promise<void> {
  const key = conversationKey(place);
  // One click at a time per place, so two quick clicks find the first one's watch instead of racing it.
  await inTurn(deps, key, async () => {
    const answer = await deps.conversations.watchDiagnosis!(key, request);
    await deliver(deps, client, place, answer.replies);
  });
}

/**
 * The card was ephemeral: open the direct message with the clicker (posting to a user id does that without
 * the im:write scope), key the watch to that DM, confirm there, and confirm in place with where it will post.
 */
async function watchForUser(deps: SlackDeps, client: WebClient, body: ClickBody, respond: RespondFn, request: WatchDiagnosisRequest): Promise<void> {
  const user = body.user.id;
  const teamId = body.team?.id ?? body.user.team_id ?? '';
  const from = body.channel?.id ?? body.container?.channel_id;
  const opened = await client.chat.postMessage({
    channel: user,
    text: `:eyes: You asked me to watch ${escapeMrkdwn(request.domain)}${from ? ` from <#${from}>` : ''}.`,
  });
  if (!opened.channel) return void (await respond({ response_type: 'ephemeral', replace_original: false, text: engineText(undefined, 'watchUnavailable') }));
  const place: SlackPlace = { teamId, channel: opened.channel };
  const key = conversationKey(place);
  await inTurn(deps, key, async () => {
    const answer = await deps.conversations.watchDiagnosis!(key, request);
    await deliver(deps, client, place, answer.replies);
    const { watching } = answer;
    const here = watching
      ? watchStartedText(undefined, watching.domain, watching.nextCheckInMs, watching.until, `in our direct message (<#${opened.channel}>)`)
      : textOf(answer.replies);
    await respond({ response_type: 'ephemeral', replace_original: false, text: here });
  });
}

function deliver(deps: SlackDeps, client: WebClient, place: SlackPlace, replies: Reply[]): Promise<void> {
  return createDelivery({ client, store: deps.store, place, ttlMs: deps.idleExpiryMs })(replies);
}

function textOf(replies: Reply[]): string {
  return replies.map((reply) => ('text' in reply ? reply.text : '')).filter(Boolean).join('\n');
}
