/** Effects: work the engine asks the channel to do, since the engine itself does no I/O. */

/** Run a check and feed the result back as a `check-result` input with the same `requestId`. */
export interface RunCheckEffect {
  type: 'run-check';
  requestId: string;
  check: string;
  params: Record<string, string>;
}

/** The conversation ended (for metrics and cleanup). */
export interface EndedEffect {
  type: 'ended';
  outcome: 'cause' | 'handoff' | 'cancelled';
  cause?: string;
}

/**
 * The user asked to be told when a diagnosis changes: the channel's watch scheduler re-runs `check` with
 * `params` on a schedule and posts into this conversation when the outcome is no longer `cause`. The
 * channel feeds the store's answer back as a `watch-result` input, which the engine then confirms.
 */
export interface StartWatchEffect {
  type: 'start-watch';
  domain: string;
  check: string;
  params: Record<string, string>;
  cause: string;
}

/** List this conversation's watches (the channel answers from its watch store). */
export interface ListWatchesEffect {
  type: 'list-watches';
}

/** Cancel every watch of this conversation (the channel answers how many it cancelled). */
export interface CancelWatchesEffect {
  type: 'cancel-watches';
}

export type Effect = RunCheckEffect | EndedEffect | StartWatchEffect | ListWatchesEffect | CancelWatchesEffect;
