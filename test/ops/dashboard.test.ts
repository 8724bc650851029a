/** The dashboard's figures from a hand-written event log. */
import { computeDashboard, percentile } from '../../src/ops/dashboard';
import type { OpsEvent } from '../../src/ops/events';

const HOUR = 3_600_000;
const FLOW = 'pending-domain-verification';
const node = (at: number, key: string, name: string): OpsEvent => ({ at, kind: 'node', channel: 'web', conversationKey: key, startedAt: 0, flow: FLOW, node: name });
const check = (at: number, outcome: string, durationMs: number, domain?: string): OpsEvent => ({ at, kind: 'check', channel: 'web', outcome, durationMs, ...(domain ? { domain } : {}) });

describe('computeDashboard', () => {
  const events: OpsEvent[] = [
    node(1, 'web:chat:a', 'step1'),
    node(2, 'web:chat:b', 'step1'),
    check(3, 'wrong-platform', 100, 'Shop.test'),
    check(HOUR + 1, 'wrong-platform', 300, 'shop.test'),
    check(HOUR + 2, 'ttl-not-elapsed', 200, 'other.test'),
    check(2 * HOUR + 1, 'error', 5000),
    node(10, 'web:chat:b', 'dns-check'),
    node(11, 'web:chat:b', 'answer-wrong-platform'),
    node(12, 'web:chat:b', 'step1'), // "back": reached again, counted once; it stopped there last
    { at: 20, kind: 'watch-started', channel: 'web', domain: 'shop.test' },
    { at: 30, kind: 'watch-ended', channel: 'web', outcome: 'took-effect' },
    { at: 40, kind: 'watch-ended', channel: 'web', outcome: 'expired' },
    { at: 50, kind: 'watch-ended', channel: 'web', outcome: 'took-effect' },
    check(5 * HOUR, 'wrong-platform', 1, 'late.test'), // after the period
  ];
  const data = computeDashboard(events, { since: 0, until: 3 * HOUR, flowId: FLOW, openWatches: 2 });

  it('counts checks, their causes and times, and buckets them by hour', () => {
    expect(data.checks).toEqual({ total: 4, failed: 1, medianMs: 200, p95Ms: 5000 });
    expect(data.causes.map((c) => [c.name, c.count, c.share])).toEqual([['wrong-platform', 2, 0.5], ['error', 1, 0.25], ['ttl-not-elapsed', 1, 0.25]]);
    expect(data.series.times).toEqual([0, HOUR, 2 * HOUR]);
    expect(data.series.causes).toEqual(['wrong-platform', 'error', 'ttl-not-elapsed']);
    expect(data.series.counts).toEqual([[1, 1, 0], [0, 0, 1], [0, 1, 0]]);
  });

  it('lists the busiest domains case-insensitively, and the watches by how they ended', () => {
    expect(data.domains).toEqual([{ name: 'shop.test', count: 2 }, { name: 'other.test', count: 1 }]);
    expect(data.watches).toEqual({ open: 2, started: 1, ended: [{ name: 'took-effect', count: 2, share: 2 / 3 }, { name: 'expired', count: 1, share: 1 / 3 }] });
  });

  it('counts each conversation once per node it reached, and where it stopped last', () => {
    expect(data.flow).toEqual({
      id: FLOW,
      conversations: 2,
      nodes: { step1: { reached: 2, stopped: 2 }, 'dns-check': { reached: 1, stopped: 0 }, 'answer-wrong-platform': { reached: 1, stopped: 0 } },
    });
  });

  it('takes percentiles by nearest rank', () => {
    expect(percentile([1], 0.95)).toBe(1);
    expect(percentile([1, 2, 3, 4], 0.5)).toBe(2);
    expect(percentile(Array.from({ length: 100 }, (_, i) => i + 1), 0.95)).toBe(95);
  });
});
