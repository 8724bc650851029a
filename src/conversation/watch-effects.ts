/**
 * The service's side of the engine's watch effects: start a watch, list or cancel this conversation's
 * watches, through the channel's WatchKeeper (the watch scheduler). A store failure becomes a reply,
 * never a rejection, like everything else in a conversation.
 */
import { asCodedError } from '../core/errors';
import type { Effect } from '../engine/effects';
import type { Input } from '../engine/inputs';
import { matchCommand } from '../engine/match';
import { clip, say, type MessageSource } from '../engine/messages';
import type { Reply } from '../engine/replies';
import { watchesCancelledText, watchLineText, watchStartFailedText } from '../engine/watch-messages';
import type { WatchKeeper } from '../watch/types';

type WatchEffect = Extract<Effect, { type: 'start-watch' | 'list-watches' | 'cancel-watches' }>;

export function isWatchEffect(effect: Effect): effect is WatchEffect {
  return effect.type === 'start-watch' || effect.type === 'list-watches' || effect.type === 'cancel-watches';
}

/** The list or cancel effect a "watches" / "unwatch" input asks for (typed or as a command), if it is one. */
export function standaloneWatchEffect(input: Input): Extract<WatchEffect, { type: 'list-watches' | 'cancel-watches' }> | undefined {
  const command = input.type === 'command' ? input.command : input.type === 'text' ? matchCommand(input.text) : undefined;
  if (command === 'watches') return { type: 'list-watches' };
  if (command === 'unwatch') return { type: 'cancel-watches' };
  return undefined;
}

/** How a cause reads in a list of watches (the flow's title, else the id). */
export type CauseTitle = (cause: string, vars: Record<string, string>) => string;

export interface WatchEffectAnswer {
  replies: Reply[];
  /** Text of an engine reply to leave out: the confirmation of a watch that could not be started. */
  retract?: string;
}

const text = (line: string, tone?: 'error'): Reply => ({ type: 'text', text: line, ...(tone ? { tone } : {}) });

/** `flow`: whose message overrides the replies use (undefined: the default texts). */
export async function answerWatchEffect(
  watches: WatchKeeper,
  key: string,
  effect: WatchEffect,
  title: CauseTitle,
  flow?: MessageSource,
): Promise<WatchEffectAnswer> {
  try {
    return { replies: await answer(watches, key, effect, title, flow) };
  } catch (error) {
    const why = asCodedError(error).message;
    if (effect.type === 'start-watch') return { replies: [text(watchStartFailedText(flow, why), 'error')], retract: effect.confirmation };
    return { replies: [text(say(flow, 'somethingWentWrong', { why: clip(why) }), 'error')] };
  }
}

/** Replies for a watch effect; none after a started watch (the engine already confirmed it). */
async function answer(watches: WatchKeeper, key: string, effect: WatchEffect, title: CauseTitle, flow: MessageSource): Promise<Reply[]> {
  switch (effect.type) {
    case 'start-watch':
      await watches.add({ conversationKey: key, domain: effect.domain, check: effect.check, params: effect.params, cause: effect.cause });
      return [];
    case 'list-watches': {
      const list = await watches.list(key);
      if (!list.length) return [text(say(flow, 'noWatches'))];
      const lines = list.map((w) => watchLineText(flow, w.domain, title(w.lastCause, { ...w.params, domain: w.domain }), w.nextRunAt, w.expiresAt));
      return [text(say(flow, 'watchList', { lines: lines.join('\n') }))];
    }
    case 'cancel-watches':
      return [text(watchesCancelledText(flow, await watches.cancel(key)))];
  }
}
