/**
 * What the dashboard shows, from the stats event log that `certstatus stats` reads: causes over time, the
 * share of checks per cause, median and p95 check time, watches (open, and how they ended), the busiest
 * domains, and per flow node how many conversations reached it and how many stopped there.
 */
import type { NodeCounts } from '../flow/graph';
import type { CountShare } from './stats';
import type { OpsEvent } from './events';

export interface DashboardOptions {
  since: number;
  until: number;
  /** Which flow's nodes to count (node events name their flow). */
  flowId: string;
  /** Watches running now (the scheduler's count), when known. */
  openWatches?: number;
  /** Width of a bucket of the causes-over-time chart (default: an hour up to two days, else a day). */
  bucketMs?: number;
  /** How many busiest domains to list (default 10). */
  topDomains?: number;
}

export interface Dashboard {
  since: number;
  until: number;
  checks: { total: number; failed: number; medianMs?: number; p95Ms?: number };
  /** Share of checks per outcome (a cause id, or `error` for a check that could not run). */
  causes: CountShare[];
  /** Checks per bucket and cause: `counts[i][j]` is cause `causes[i]` in bucket `times[j]` (bucket start, ms). */
  series: { bucketMs: number; times: number[]; causes: string[]; counts: number[][] };
  watches: { open?: number; started: number; ended: CountShare[] };
  domains: { name: string; count: number }[];
  flow: { id: string; conversations: number; nodes: Record<string, NodeCounts> };
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export function computeDashboard(events: readonly OpsEvent[], options: DashboardOptions): Dashboard {
  const { since, until } = options;
  const inRange = events.filter((event) => event.at >= since && event.at < until);
  const checks = inRange.filter((event) => event.kind === 'check' && event.outcome);
  const durations = checks.flatMap((event) => (event.durationMs === undefined ? [] : [event.durationMs])).sort((a, b) => a - b);
  const bucketMs = options.bucketMs ?? (until - since <= 2 * DAY ? HOUR : DAY);

  return {
    since,
    until,
    checks: {
      total: checks.length,
      failed: checks.filter((event) => event.outcome === 'error').length,
      ...(durations.length ? { medianMs: percentile(durations, 0.5), p95Ms: percentile(durations, 0.95) } : {}),
    },
    causes: tally(checks.map((event) => event.outcome!)),
    series: series(checks, since, until, bucketMs),
    watches: {
      ...(options.openWatches !== undefined ? { open: options.openWatches } : {}),
      started: inRange.filter((event) => event.kind === 'watch-started').length,
      ended: tally(inRange.filter((event) => event.kind === 'watch-ended').map((event) => event.outcome ?? 'unknown')),
    },
    domains: tally(checks.flatMap((event) => (event.domain ? [event.domain.toLowerCase()] : [])))
      .slice(0, options.topDomains ?? 10)
      .map(({ name, count }) => ({ name, count })),
    flow: flowCounts(inRange, options.flowId),
  };
}

/** Nearest rank: the smallest value with at least `q` of the values at or below it. */
export function percentile(sorted: readonly number[], q: number): number {
  const rank = Math.max(1, Math.ceil(q * sorted.length));
  return sorted[Math.min(sorted.length, rank) - 1]!;
}

function series(checks: readonly OpsEvent[], since: number, until: number, bucketMs: number): Dashboard['series'] {
  const start = Math.floor(since / bucketMs) * bucketMs;
  const times: number[] = [];
  for (let at = start; at < until; at += bucketMs) times.push(at);
  const causes = tally(checks.map((event) => event.outcome!)).map((entry) => entry.name);
  const counts = causes.map(() => times.map(() => 0));
  for (const event of checks) {
    const row = counts[causes.indexOf(event.outcome!)];
    const column = Math.floor((event.at - start) / bucketMs);
    if (row && column >= 0 && column < times.length) row[column]! += 1;
  }
  return { bucketMs, times, causes, counts };
}

/** Per node: conversations that reached it (once each, however often), and those whose last node it was. */
function flowCounts(events: readonly OpsEvent[], flowId: string): Dashboard['flow'] {
  const visits = new Map<string, { nodes: Set<string>; last: string }>();
  for (const event of events) {
    if (event.kind !== 'node' || event.flow !== flowId || !event.node || !event.conversationKey) continue;
    const instance = `${event.conversationKey}@${event.startedAt ?? ''}`;
    const seen = visits.get(instance) ?? { nodes: new Set<string>(), last: event.node };
    seen.nodes.add(event.node);
    seen.last = event.node; // events come oldest first
    visits.set(instance, seen);
  }
  const nodes: Record<string, NodeCounts> = {};
  for (const { nodes: reached, last } of visits.values()) {
    for (const node of reached) (nodes[node] ??= { reached: 0, stopped: 0 }).reached += 1;
    nodes[last]!.stopped += 1;
  }
  return { id: flowId, conversations: visits.size, nodes };
}

function tally(names: readonly string[]): CountShare[] {
  const counts = new Map<string, number>();
  for (const name of names) counts.set(name, (counts.get(name) ?? 0) + 1);
  return [...counts.entries()]
    .map(([name, n]) => ({ name, count: n, share: n / names.length }))
    .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
}
