/**
 * When a watch looks again: often at first (a TTL of 5 minutes is the common case), then less often.
 * After the list runs out the last interval repeats until the watch expires.
 */
const MINUTE = 60_000;

export const DEFAULT_INTERVALS_MS: readonly number[] = [1, 2, 5, 10, 15, 30].map((m) => m * MINUTE);

/** Delay before re-check number `attempt + 1` (attempt 0: the first re-check). */
export function delayFor(attempt: number, intervals: readonly number[] = DEFAULT_INTERVALS_MS): number {
  if (!intervals.length) throw new Error('a watch needs at least one interval');
  return intervals[Math.min(Math.max(0, attempt), intervals.length - 1)] as number;
}
