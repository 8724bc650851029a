/**
 * Commands typed in a Slack thread or DM ("recheck", "restart", "watch", "watches", ...). After a
 * conversation ended (its cause card is the last thing in the thread) Slack's handlers would take other
 * words as people talking, or as the start of a new conversation; commands must reach the ended
 * conversation instead, which knows the domain to re-check or watch.
 */
import { matchCommand } from '../../engine/match';
import { stripMentions } from './intent';

export function isCommand(text: string): boolean {
  return matchCommand(stripMentions(text)) !== undefined;
}

/** "watches" or "unwatch": these also reach a thread whose only link to the bot is a watch (a one-shot card's). */
export function isWatchListOrCancel(text: string): boolean {
  const command = matchCommand(stripMentions(text));
  return command === 'watches' || command === 'unwatch';
}
