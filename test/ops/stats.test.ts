/** Stats from the event log: conversations by ending, checks, causes; the period arguments. */
import { MemoryEventLog, type OpsEvent } from '../../src/ops/events';
import { parsePeriod, parseTimeArgument } from '../../src/ops/period';
import { computeStats, type StoredConversation } from '../../src/ops/stats';
import { formatStats } from '../../src/ops/stats-format';

const HOUR = 3_600_000;
const NOW = Date.parse('2026-11-27T12:00:00Z');
const start = (key: string, at: number, channel = 'slack'): OpsEvent => ({ at, kind: 'conversation-started', channel, conversationKey: key, startedAt: at });
const end = (key: string, startedAt: number, at: number, outcome: string, cause?: string): OpsEvent => ({
  at, kind: 'conversation-ended', channel: 'slack', conversationKey: key, startedAt, outcome, ...(cause ? { cause } : {}),
});
const check = (at: number, outcome: string): OpsEvent => ({ at, kind: 'check', channel: 'slack', outcome, durationMs: 900 });

async function logOf(events: OpsEvent[]) {
  const log = new MemoryEventLog();
  for (const event of events) await log.append(event);
  return log;
}

describe('computeStats', () => {
  const t0 = NOW - 48 * HOUR;
  const events = [
    start('a', t0), check(t0 + 1, 'ttl-not-elapsed'), end('a', t0, t0 + 2, 'cause', 'ttl-not-elapsed'),
    start('b', t0 + 10), end('b', t0 + 10, t0 + 11, 'handoff'),
    start('c', t0 + 20, 'teams'), end('c', t0 + 20, t0 + 21, 'cancelled'),
    start('d', t0 + 30), end('d', t0 + 30, t0 + 40 * HOUR, 'expired'),
    start('e', t0 + 40), // no end; stored state still open but idle for two days
    start('f', NOW - HOUR), // no end; open and recent
    start('a', t0 + 50), check(t0 + 51, 'record-missing'), check(t0 + 52, 'error'), check(t0 + 53, 'ttl-not-elapsed'),
    end('a', t0 + 50, t0 + 54, 'cause', 'record-missing'),
  ];
  const stored: Record<string, StoredConversation> = {
    e: { startedAt: t0 + 40, updatedAt: t0 + 40, status: 'active' },
    f: { startedAt: NOW - HOUR, updatedAt: NOW - HOUR, status: 'active' },
  };

  it('classifies every conversation started in the period by how it ended', async () => {
    const stats = await computeStats(await logOf(events), {
      since: t0, until: NOW, now: NOW, idleExpiryMs: 24 * HOUR, lookup: async (key) => stored[key],
    });
    expect(stats.conversations).toMatchObject({ started: 7, endedWithCause: 2, handedOff: 1, cancelled: 1, abandoned: 2, open: 1 });
    expect(stats.conversations.byChannel).toEqual([{ name: 'slack', count: 6, share: 6 / 7 }, { name: 'teams', count: 1, share: 1 / 7 }]);
    expect(stats.conversations.causes).toEqual([{ name: 'record-missing', count: 1, share: 0.5 }, { name: 'ttl-not-elapsed', count: 1, share: 0.5 }]);
    expect(stats.checks).toEqual({
      total: 4,
      failed: 1,
      causes: [{ name: 'ttl-not-elapsed', count: 2, share: 2 / 3 }, { name: 'record-missing', count: 1, share: 1 / 3 }],
    });
  });

  it('counts only what started in the period, but sees ends after it', async () => {
    const stats = await computeStats(await logOf(events), { since: t0 + 5, until: t0 + 35, now: NOW, idleExpiryMs: 24 * HOUR });
    // b, c, d started inside; d ended (expired) long after the period's end.
    expect(stats.conversations).toMatchObject({ started: 3, handedOff: 1, cancelled: 1, abandoned: 1, open: 0 });
    expect(stats.checks.total).toBe(0);
  });

  it('treats a conversation replaced without ending, or gone from the store, as abandoned', async () => {
    const log = await logOf([start('x', NOW - 2 * HOUR), start('y', NOW - 2 * HOUR)]);
    const stats = await computeStats(log, {
      since: NOW - 3 * HOUR, until: NOW, now: NOW, idleExpiryMs: 24 * HOUR,
      lookup: async (key) => (key === 'x' ? { startedAt: NOW - HOUR, updatedAt: NOW - HOUR, status: 'active' } : undefined),
    });
    expect(stats.conversations).toMatchObject({ started: 2, abandoned: 2, open: 0 });
  });

  it('prints counts with percentages', async () => {
    const stats = await computeStats(await logOf(events), { since: t0, until: NOW, now: NOW, idleExpiryMs: 24 * HOUR, lookup: async (key) => stored[key] });
    const text = formatStats(stats, 'SQLite file /tmp/x.db');
    expect(text).toContain('certstatus stats from 2026-11-25 12:00 UTC to 2026-11-27 12:00 UTC (SQLite file /tmp/x.db)');
    expect(text).toMatch(/Conversations: 7\n/);
    expect(text).toMatch(/ended with a cause\s+2\s+29%/);
    expect(text).toMatch(/abandoned \(idle past expiry\)\s+2\s+29%/);
    expect(text).toContain('by channel: slack 6, teams 1');
    expect(text).toContain('Checks: 4 (1 could not run)');
    expect(text).toMatch(/ttl-not-elapsed\s+2\s+67%/);
  });
});

describe('period arguments', () => {
  it.each([
    ['7d', NOW - 7 * 24 * HOUR],
    ['24h', NOW - 24 * HOUR],
    ['30m', NOW - 30 * 60_000],
    ['2w', NOW - 14 * 24 * HOUR],
    ['2026-11-01', Date.parse('2026-11-01T00:00:00Z')],
    ['2026-11-01T09:30', Date.parse('2026-11-01T09:30:00Z')],
    ['2026-11-01T09:30:00+02:00', Date.parse('2026-11-01T07:30:00Z')],
  ])('reads %s', (text, expected) => {
    expect(parseTimeArgument('--since', text, NOW)).toBe(expected);
  });

  it.each(['yesterday', '7', '2026-13-45', '-3d'])('refuses %s with what to type instead', (text) => {
    expect(() => parseTimeArgument('--since', text, NOW)).toThrow(`--since must be a duration back from now (30m, 24h, 7d, 2w) or a date (2026-11-01, 2026-11-01T09:00), got "${text}".`);
  });

  it('defaults to the last 7 days and refuses an empty period', () => {
    expect(parsePeriod({}, NOW)).toEqual({ since: NOW - 7 * 24 * HOUR, until: NOW });
    expect(() => parsePeriod({ since: '1d', until: '2d' }, NOW)).toThrow('--since must be before --until.');
  });
});
