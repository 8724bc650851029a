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

export type Effect = RunCheckEffect | EndedEffect;
