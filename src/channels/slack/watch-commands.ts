/**
 * "watch", "watches", "unwatch" typed in Slack. After a conversation ended (its cause card is the last
 * thing in the thread) Slack's handlers would take other words as the start of a new conversation; these
 * must reach the ended conversation instead, which knows what to watch.
 */
import { matchCommand, WATCH_COMMAND_NAMES } from '../../engine/match';
import { stripMentions } from './intent';

export function isWatchCommand(text: string): boolean {
  const command = matchCommand(stripMentions(text));
  return command !== undefined && WATCH_COMMAND_NAMES.includes(command);
}

/** "watches" or "unwatch": these also reach a thread whose only link to the bot is a watch (a one-shot card's). */
export function isWatchListOrCancel(text: string): boolean {
  const command = matchCommand(stripMentions(text));
  return command === 'watches' || command === 'unwatch';
}
