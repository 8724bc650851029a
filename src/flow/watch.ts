/**
 * Which causes watches offer and wait for: data in the flow's cause table (`watch: offer | goal`), read
 * here by the engine (the button on a card), the one-shot path, the watch scheduler and the digest.
 */
import type { Cause, CauseWatch } from './types';

type CauseTable = Readonly<Record<string, Pick<Cause, 'watch'>>> | undefined;

/** The cause's watch setting (own properties only: "constructor" is not a cause). */
export function causeWatch(causes: CauseTable, cause: string | undefined): CauseWatch | undefined {
  if (!causes || cause === undefined || !Object.prototype.hasOwnProperty.call(causes, cause)) return undefined;
  return causes[cause]?.watch;
}

/** A diagnosis worth watching: it changes on its own once the fix propagates. */
export function isWatchable(causes: CauseTable, cause: string | undefined): boolean {
  return causeWatch(causes, cause) === 'offer';
}

/** The diagnosis a watch waits for: when a re-check finds it, the change took effect. */
export function isWatchGoal(causes: CauseTable, cause: string | undefined): boolean {
  return causeWatch(causes, cause) === 'goal';
}
