/**
 * Where a Slack conversation lives and its key in the store: one conversation per thread (shared by
 * everyone in it) and one per direct-message channel.
 */

export interface SlackPlace {
  teamId: string;
  channel: string;
  /** Root message ts of the thread; absent in a direct message, where the bot talks directly. */
  threadTs?: string;
}

export function conversationKey(place: SlackPlace): string {
  return place.threadTs
    ? `slack:${place.teamId}:${place.channel}:${place.threadTs}`
    : `slack:${place.teamId}:${place.channel}`;
}

/** DM channel ids start with D; app_mention and thread events never come from them. */
export function isDirectMessage(channel: string): boolean {
  return channel.startsWith('D');
}

/** The place a key names (buttons carry the key, so a click finds its conversation without server memory). */
export function placeFromKey(key: string): SlackPlace | undefined {
  const match = /^slack:([^:]+):([^:]+)(?::([^:]+))?$/.exec(key);
  if (!match) return undefined;
  const [, teamId = '', channel = '', threadTs] = match;
  return { teamId, channel, ...(threadTs ? { threadTs } : {}) };
}
