/**
 * Where a click on a one-shot diagnosis card continues (troubleshooting, a watch's notices): the card's
 * thread when it is a real message in a channel, the card's DM when it is in one; undefined for an
 * ephemeral card, which only the clicker saw (then the bot turns to them in a direct message).
 */
import type { BlockAction, ButtonAction } from '@slack/bolt';
import { isDirectMessage, type SlackPlace } from '../places';

export type ClickBody = BlockAction<ButtonAction>;

export function placeOfCard(body: ClickBody, teamId: string): SlackPlace | undefined {
  const channel = body.channel?.id ?? body.container?.channel_id;
  const message = body.message;
  if (!channel || !message || body.container?.is_ephemeral) return undefined;
  if (isDirectMessage(channel)) return { teamId, channel };
  return { teamId, channel, threadTs: (message.thread_ts as string | undefined) ?? message.ts };
}
