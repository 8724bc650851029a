/**
 * A Teams message activity, translated for the kit: a card's Action.Submit (its `value` holds the kit's
 * payload) or text, once the bot's @mention and Teams markup are taken off. Who wrote it is their AAD id.
 */
import { TurnContext, type Activity } from 'botbuilder';
import type { Participant } from '../../engine/replies';
import { NOTES, oneShotOf, type ChannelKit } from '../kit/kit';
import { decodePayload } from '../kit/payload';
import type { TeamsPlace } from './platform';

export function participantOf(activity: Partial<Activity>): Participant {
  const from = activity.from;
  // The AAD object id is stable across chats; the channel account id differs per bot and tenant.
  return { id: from?.aadObjectId ?? from?.id ?? 'unknown', ...(from?.name ? { name: from.name } : {}) };
}

/** The message text without the bot's @mention and without Teams markup left around it. */
export function messageText(activity: Partial<Activity>): string {
  const text = activity.text ? TurnContext.removeRecipientMention(activity) ?? activity.text : '';
  return text
    .replace(/<at>[^<]*<\/at>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/gi, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Hands one message activity to the kit; a value that is not ours and no text is ignored. */
export async function dispatchMessage(kit: ChannelKit<TeamsPlace>, place: TeamsPlace, activity: Partial<Activity>): Promise<void> {
  const by = participantOf(activity);
  const payload = decodePayload(activity.value);
  if (payload?.kind === 'choice') return kit.onChoice(place, by, payload.question, payload.choice);
  if (payload?.kind === 'card') {
    const oneShot = oneShotOf(payload);
    if (!oneShot) return kit.onCardAction(place, by, payload.action);
    switch (payload.action) {
      case 'recheck':
      case 'details':
        // Details of a name on a several-name card: its full cause card, in the same reply chain.
        return kit.inTurn(place.key, () => kit.diagnoseInPlace(place, oneShot));
      case 'troubleshoot':
        return kit.troubleshoot(place, place, by, oneShot);
      case 'watch':
        return void (await kit.watchOneShot(place, by, payload));
      default:
        return kit.note(place, by, NOTES.notAvailable);
    }
  }
  // removeRecipientMention rewrites activity.text, so look at the raw text first.
  if (!activity.text?.trim()) return;
  // A bare @mention is a poke (start, or help with the current question): the kit reads the empty text so.
  await kit.onMessage(place, by, messageText(activity));
}
