/**
 * The service's side of the engine's watch effects: start a watch (answered back to the engine as a
 * `watch-result` input), list or cancel this conversation's watches, through the channel's WatchKeeper
 * (the watch scheduler). A store failure becomes a reply, never a rejection, like everything else.
 */
import { asCodedError } from '../core/errors';
import type { Effect, StartWatchEffect } from '../engine/effects';
import type { Input, WatchResultInput } from '../engine/inputs';
import { matchCommand } from '../engine/match';
import { clip, say, type MessageSource } from '../engine/messages';
import type { Participant, Reply } from '../engine/replies';
import { watchesCancelledText, watchLineText } from '../engine/watch-messages';
import type { WatchKeeper } from '../watch/types';

type ListOrCancel = Extract<Effect, { type: 'list-watches' | 'cancel-watches' }>;

export function isListOrCancel(effect: Effect): effect is ListOrCancel {
  return effect.type === 'list-watches' || effect.type === 'cancel-watches';
}

/** The list or cancel effect a "watches" / "unwatch" input asks for (typed or as a command), if it is one. */
export function standaloneWatchEffect(input: Input): ListOrCancel | undefined {
  const command = input.type === 'command' ? input.command : input.type === 'text' ? matchCommand(input.text) : undefined;
  if (command === 'watches') return { type: 'list-watches' };
  if (command === 'unwatch') return { type: 'cancel-watches' };
  return undefined;
}

/** How a cause reads in a list of watches (the flow's title, else the id). */
export type CauseTitle = (cause: string, vars: Record<string, string>) => string;

const text = (line: string, tone?: 'error'): Reply => ({ type: 'text', text: line, ...(tone ? { tone } : {}) });

/**
 * Starts the watch a `start-watch` effect asks for and returns the store's answer as the `watch-result`
 * input the engine confirms from (with the times the store gave the watch), or says why there is none.
 */
export async function startWatch(watches: WatchKeeper, key: string, effect: StartWatchEffect, by?: Participant): Promise<WatchResultInput> {
  const base = { type: 'watch-result' as const, domain: effect.domain, ...(by ? { by } : {}) };
  try {
    const watch = await watches.add({ conversationKey: key, domain: effect.domain, check: effect.check, params: effect.params, cause: effect.cause });
    return { ...base, result: { ok: true, firstCheckInMs: Math.max(0, watch.nextRunAt - watch.createdAt), until: watch.expiresAt } };
  } catch (error) {
    return { ...base, result: { ok: false, why: asCodedError(error).message } };
  }
}

/** The answer to a list or cancel effect. `flow`: whose message overrides the replies use (undefined: the default texts). */
export async function answerWatchEffect(
  watches: WatchKeeper,
  key: string,
  effect: ListOrCancel,
  title: CauseTitle,
  flow?: MessageSource,
): Promise<Reply[]> {
  try {
    if (effect.type === 'cancel-watches') return [text(watchesCancelledText(flow, await watches.cancel(key)))];
    const list = await watches.list(key);
    if (!list.length) return [text(say(flow, 'noWatches'))];
    const lines = list.map((w) => watchLineText(flow, w.domain, title(w.lastCause, { ...w.params, domain: w.domain }), w.nextRunAt, w.expiresAt));
    return [text(say(flow, 'watchList', { lines: lines.join('\n') }))];
  } catch (error) {
    return [text(say(flow, 'somethingWentWrong', { why: clip(asCodedError(error).message) }), 'error')];
  }
}
