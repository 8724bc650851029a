/**
 * Button clicks, translated for the kit: answers to questions, a conversation card's buttons, and a
 * one-shot diagnosis card's (re-check, troubleshoot, watch). A one-shot card can be ephemeral (only the
 * clicker saw it): then its re-check answers through the click's response_url, and troubleshooting and
 * the watch's notices go to a direct message with the clicker, where "watches" and "unwatch" find it.
 */
import type { App, BlockAction, ButtonAction, RespondFn } from '@slack/bolt';
import type { Participant } from '../../../engine/replies';
import { NOTES, oneShotOf } from '../../kit/kit';
import { decodePayload, type CardPayload } from '../../kit/payload';
import { CARD_ACTION_PREFIX, CHOICE_ACTION_PREFIX, escapeMrkdwn } from '../blocks';
import { isDirectMessage, placeFromKey, type SlackPlace } from '../places';
import type { SlackKit } from './events';
import { respondWithFallback } from '../respond';

type ClickBody = BlockAction<ButtonAction>;

const OURS = new RegExp(`^(${CHOICE_ACTION_PREFIX}|${CARD_ACTION_PREFIX})`);

export function registerActions(app: App, kit: SlackKit): void {
  app.action<ClickBody>({ type: 'block_actions', action_id: OURS }, async ({ ack, action, body, respond }) => {
    await ack();
    const payload = decodePayload(action.value);
    if (!payload) return;
    const by: Participant = { id: body.user.id };
    const teamId = body.team?.id ?? body.user.team_id ?? '';
    if (payload.kind === 'choice') {
      const place = payload.key ? placeFromKey(payload.key) : undefined;
      if (place) await kit.onChoice(place, by, payload.question, payload.choice);
      return;
    }
    if (payload.key) {
      const place = placeFromKey(payload.key);
      if (place) await kit.onCardAction(place, by, payload.action);
      return;
    }
    await oneShotClick(kit, body, respond, by, teamId, payload);
  });
}

async function oneShotClick(kit: SlackKit, body: ClickBody, respond: RespondFn, by: Participant, teamId: string, payload: CardPayload): Promise<void> {
  const request = oneShotOf(payload);
  const here = placeOfCard(body, teamId);
  if (!request) return;
  switch (payload.action) {
    case 'recheck': {
      await respond({ replace_original: true, text: `:mag: ${kit.checkingNote(request)}` });
      try {
        const { replies, target } = await kit.diagnose(request);
        await respondWithFallback(kit, respond, replies, target, { replace_original: true });
      } catch (error) {
        // The "checking" note must not stay: it says the check failed instead.
        await respond({ replace_original: true, text: `:x: ${NOTES.checkFailed}` }).catch(() => undefined);
        throw error;
      }
      return;
    }
    case 'details': {
      // A name of a several-name card: its full cause card, under the card (ephemeral if the card was).
      if (here) return kit.inTurn(kit.adapter.keyOf(here), () => kit.diagnoseInPlace(here, request));
      const { replies, target } = await kit.diagnose(request);
      await respondWithFallback(kit, respond, replies, target, { response_type: 'ephemeral', replace_original: false });
      return;
    }
    case 'troubleshoot':
      return kit.troubleshoot(here, { teamId, channel: by.id }, by, request);
    case 'watch':
      if (here) return void (await kit.watchOneShot(here, by, payload));
      return watchFromEphemeralCard(kit, body, respond, by, teamId, payload);
    default:
      if (here) await kit.note(here, by, NOTES.notAvailable);
  }
}

/**
 * Where a click on a one-shot card continues: the card's thread when it is a real message in a channel, its
 * DM when it is in one; undefined for an ephemeral card.
 */
function placeOfCard(body: ClickBody, teamId: string): SlackPlace | undefined {
  const channel = body.channel?.id ?? body.container?.channel_id;
  const message = body.message;
  if (!channel || !message || body.container?.is_ephemeral) return undefined;
  if (isDirectMessage(channel)) return { teamId, channel };
  return { teamId, channel, threadTs: (message.thread_ts as string | undefined) ?? message.ts };
}

/** The card was ephemeral: the kit keys the watch to the clicker's DM; the click's answer says so. */
async function watchFromEphemeralCard(kit: SlackKit, body: ClickBody, respond: RespondFn, by: Participant, teamId: string, payload: CardPayload): Promise<void> {
  const from = body.channel?.id ?? body.container?.channel_id;
  const text = await kit.watchInDirectMessage({ teamId, channel: by.id }, by, payload, {
    greeting: `:eyes: You asked me to watch ${escapeMrkdwn(payload.domain ?? '')}${from ? ` from <#${from}>` : ''}.`,
    where: (dm) => `in our direct message (<#${dm.channel}>)`,
  });
  await respond({ response_type: 'ephemeral', replace_original: false, text });
}
