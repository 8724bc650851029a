/**
 * Watch sentences whose wording depends on a value (which message to use) or needs a computed piece
 * (a duration or UTC time in words): the choice and the formatting stay in code, the prose in the catalogue.
 */
import type { Flow } from '../flow/types';
import { isWatchGoal } from '../flow/watch';
import { clip, say, type MessageSource } from './messages';
import { inWords, utcMinute } from './when';

/** `where`: where the notices go, when the confirmation is shown somewhere else ("in our direct message"). */
export function watchStartedText(flow: MessageSource, domain: string, firstCheckInMs: number, until: number, where?: string): string {
  const params = { domain, firstCheck: inWords(firstCheckInMs), until: utcMinute(until) };
  return where ? say(flow, 'watchStartedElsewhere', { ...params, where }) : say(flow, 'watchStarted', params);
}

export function watchAlreadyText(flow: MessageSource, domain: string, nextRunAt: number, until: number): string {
  return say(flow, 'watchAlready', { domain, next: utcMinute(nextRunAt), until: utcMinute(until) });
}

/** Why `cause` is not watched; for the cause a watch waits for, that the DNS part is done already. */
export function notWatchableText(flow: (MessageSource & Partial<Pick<Flow, 'causes'>>) | undefined, cause: string): string {
  return isWatchGoal(flow?.causes, cause) ? say(flow, 'notWatchableCaReview') : say(flow, 'notWatchable', { cause });
}

export function watchStartFailedText(flow: MessageSource, why: string): string {
  return say(flow, 'watchStartFailed', { why: clip(why) });
}

export function watchLineText(flow: MessageSource, domain: string, cause: string, nextRunAt: number, expiresAt: number): string {
  return say(flow, 'watchLine', { domain, cause, next: utcMinute(nextRunAt), until: utcMinute(expiresAt) });
}

export function watchesCancelledText(flow: MessageSource, count: number): string {
  if (count === 0) return say(flow, 'watchesNoneCancelled');
  return count === 1 ? say(flow, 'watchCancelled') : say(flow, 'watchesCancelled', { count });
}

export function watchEndedText(flow: MessageSource, domain: string, maxAgeMs: number, title: string): string {
  return say(flow, 'watchEnded', { domain, after: inWords(maxAgeMs), title });
}
