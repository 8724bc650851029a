/**
 * The service's side of the engine's watch effects: start a watch, list or cancel this conversation's
 * watches, through the channel's WatchKeeper (the watch scheduler). A store failure becomes a reply,
 * never a rejection, like everything else in a conversation.
 */
import { asCodedError } from '../core/errors';
import type { Effect } from '../engine/effects';
import { MESSAGES } from '../engine/messages';
import type { Reply } from '../engine/replies';
import type { WatchKeeper } from '../watch/types';

type WatchEffect = Extract<Effect, { type: 'start-watch' | 'list-watches' | 'cancel-watches' }>;

export function isWatchEffect(effect: Effect): effect is WatchEffect {
  return effect.type === 'start-watch' || effect.type === 'list-watches' || effect.type === 'cancel-watches';
}

/** How a cause reads in a list of watches (the flow's title, else the id). */
export type CauseTitle = (cause: string, vars: Record<string, string>) => string;

const text = (line: string, tone?: 'error'): Reply => ({ type: 'text', text: line, ...(tone ? { tone } : {}) });

/** Replies to deliver for a watch effect (none after a started watch: the engine already confirmed it). */
export async function answerWatchEffect(watches: WatchKeeper, key: string, effect: WatchEffect, title: CauseTitle): Promise<Reply[]> {
  try {
    switch (effect.type) {
      case 'start-watch':
        await watches.add({ conversationKey: key, domain: effect.domain, check: effect.check, params: effect.params, cause: effect.cause });
        return [];
      case 'list-watches': {
        const list = await watches.list(key);
        if (!list.length) return [text(MESSAGES.noWatches)];
        const lines = list.map((w) => MESSAGES.watchLine(w.domain, title(w.lastCause, { ...w.params, domain: w.domain }), w.nextRunAt, w.expiresAt));
        return [text(MESSAGES.watchList(lines))];
      }
      case 'cancel-watches':
        return [text(MESSAGES.watchesCancelled(await watches.cancel(key)))];
    }
  } catch (error) {
    const why = asCodedError(error).message;
    return [text(effect.type === 'start-watch' ? MESSAGES.watchStartFailed(why) : MESSAGES.somethingWentWrong(why), 'error')];
  }
}
