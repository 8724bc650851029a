/**
 * Which conversation an activity belongs to. Personal and group chats: the chat itself. Team channels:
 * the reply chain (Teams puts `;messageid=<root>` in the conversation id), so everyone replying in one
 * chain shares one conversation and the bot answers in that chain.
 */
import type { Activity } from 'botbuilder';

const THREAD_MARKER = ';messageid=';

/**
 * In a channel, makes sure the activity's conversation id names its reply chain. Teams normally does this
 * already; when it does not (a top-level post), the chain's root is the activity itself or what it replies
 * to. Mutating the incoming activity makes every reply of the turn, and the saved reference, use the chain.
 */
export function pinToReplyChain(activity: Partial<Activity>): void {
  const conversation = activity.conversation;
  if (!conversation || conversation.conversationType !== 'channel') return;
  if (conversation.id.includes(THREAD_MARKER)) return;
  const root = activity.replyToId ?? activity.id;
  if (root) conversation.id = `${conversation.id}${THREAD_MARKER}${root}`;
}

export function conversationKey(activity: Partial<Activity>): string {
  return `teams:${activity.conversation?.id ?? 'unknown'}`;
}
