/** Small statistics and formatting helpers shared by the benchmarks (tables printed with console.table). */

export function quantile(values: number[], q: number): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  // Linear interpolation between closest ranks, so p95 of 30 samples is not just the maximum.
  const pos = (sorted.length - 1) * q;
  const lower = Math.floor(pos);
  const upper = Math.ceil(pos);
  return sorted[lower] + (sorted[upper] - sorted[lower]) * (pos - lower);
}

export const median = (values: number[]): number => quantile(values, 0.5);

/** Rounds to `digits` decimals for display. */
export const round = (value: number, digits = 0): number => {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
};

/** Milliseconds since `started` (from process.hrtime.bigint()). */
export const elapsedMs = (started: bigint): number => Number(process.hrtime.bigint() - started) / 1e6;

export interface RateSummary {
  runs: number;
  /** Turns per second: median and spread over the runs. */
  medianPerSec: number;
  minPerSec: number;
  maxPerSec: number;
  /** Median microseconds per turn. */
  medianUsPerTurn: number;
}

/**
 * Runs `once` (which performs `turnsPerRun` turns) `warmups` times unmeasured (JIT, caches), then `runs`
 * times measured, and summarises turns per second over the measured runs.
 */
export async function measureRate(once: () => Promise<void> | void, turnsPerRun: number, runs: number, warmups = 2): Promise<RateSummary> {
  for (let i = 0; i < warmups; i++) await once();
  const rates: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = process.hrtime.bigint();
    await once();
    rates.push(turnsPerRun / (elapsedMs(started) / 1000));
  }
  const med = median(rates);
  return {
    runs,
    medianPerSec: round(med),
    minPerSec: round(Math.min(...rates)),
    maxPerSec: round(Math.max(...rates)),
    medianUsPerTurn: round(1e6 / med, 1),
  };
}

/** Forces a full garbage collection: global.gc when node runs with --expose-gc, else V8's flag set at run time. */
export function forceGc(): void {
  let gc = (globalThis as { gc?: () => void }).gc;
  if (typeof gc !== 'function') {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require('node:v8').setFlagsFromString('--expose-gc');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    gc = require('node:vm').runInNewContext('gc') as () => void;
    (globalThis as { gc?: () => void }).gc = gc;
  }
  // Twice: the first pass may only schedule finalisers that free more on the second.
  gc();
  gc();
}
