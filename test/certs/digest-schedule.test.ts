/** When the digest is posted: the local time of day in its time zone, one replica per day, nothing when nothing changed. */
import { DigestSchedule, localClock } from '../../src/certs/digest-schedule';
import { DigestSnapshotStore } from '../../src/certs/digest-store';
import type { CertificateResult } from '../../src/certs/sweep';
import { silentLogger } from '../../src/core/logger';
import { loadFlowsDir } from '../../src/flow/registry';
import type { Diagnosis } from '../../src/dns/types';
import { MemoryStore } from '../../src/store/memory';

const CAUSES = loadFlowsDir().defaultFlow.causes;
const causes = () => CAUSES;

const stuck: Diagnosis = {
  domain: 'api.shop.test',
  verificationName: '_dnsauth.api.shop.test',
  recordType: 'TXT',
  causes: ['record-missing'],
  findings: [{ id: 'record-missing', cause: 'record-missing', severity: 'error', message: 'There is no TXT record at _dnsauth.api.shop.test.', evidence: [] }],
  warnings: [],
  durationMs: 1,
};

function results(diagnosis: Diagnosis): CertificateResult[] {
  return [{
    certificate: { id: 'scs1000000000001', status: 'CHECKING', names: ['api.shop.test'], records: [], updatedAt: '2026-11-25T09:00:00Z' },
    notices: [],
    names: [{ target: { domain: 'api.shop.test', expect: '20261125093000api', recordName: '_dnsauth.{domain}', recordType: 'TXT' }, diagnosis }],
  }];
}

describe('DigestSchedule', () => {
  it('reads the local day and time of day in the time zone', () => {
    // 23:30 UTC on the 27th is already the 28th in Shanghai (UTC+8), still the 27th in New York.
    const at = Date.UTC(2026, 10, 27, 23, 30);
    expect(localClock(at, 'Asia/Shanghai')).toEqual({ day: '2026-11-28', minutes: 7 * 60 + 30 });
    expect(localClock(at, 'America/New_York')).toEqual({ day: '2026-11-27', minutes: 18 * 60 + 30 });
  });

  it('two replicas on one store: one posts; the next day nothing changed posts nothing; a change posts again', async () => {
    let time = Date.UTC(2026, 10, 27, 0, 30); // 08:30 in Shanghai
    const store = new MemoryStore({ now: () => time });
    const posted: string[] = [];
    let sweep = results(stuck);
    const replica = () =>
      new DigestSchedule({ snapshots: new DigestSnapshotStore(store), causes, sweep: async () => sweep, post: async (d) => void posted.push(d.text), at: '08:00', timeZone: 'Asia/Shanghai', logger: silentLogger, now: () => time });
    const [a, b] = [replica(), replica()];
    const [first, second] = await Promise.all([a.tick(), b.tick()]);
    expect([first.kind, second.kind].sort()).toEqual(['elsewhere', 'posted']);
    expect(await a.tick()).toEqual({ kind: 'done-today' });
    expect(posted).toHaveLength(1);
    expect(posted[0]).toContain('api.shop.test (scs1000000000001): stuck: record-missing');

    time += 24 * 3_600_000;
    expect(await b.tick()).toEqual({ kind: 'nothing-changed', day: '2026-11-28' });
    expect(posted).toHaveLength(1);

    time += 24 * 3_600_000;
    sweep = [];
    expect(await a.tick()).toEqual({ kind: 'posted', day: '2026-11-29', lines: 0 });
    expect(posted[1]).toContain('api.shop.test (scs1000000000001): no longer waiting on verification');
  });

  it('a failed post keeps the snapshot as it was and is tried again after the retry window, by any replica', async () => {
    let time = Date.UTC(2026, 10, 27, 10, 0);
    const store = new MemoryStore({ now: () => time });
    const snapshots = new DigestSnapshotStore(store);
    let failing = true;
    const posted: string[] = [];
    const post = async (d: { text: string }) => {
      if (failing) throw new Error('channel_not_found');
      posted.push(d.text);
    };
    const replica = () => new DigestSchedule({ snapshots, causes, sweep: async () => results(stuck), post, at: '09:00', logger: silentLogger, now: () => time, retryMs: 15 * 60_000 });
    const [a, b] = [replica(), replica()];
    expect(await a.tick()).toEqual({ kind: 'failed', day: '2026-11-27', message: 'channel_not_found' });
    expect(await snapshots.load()).toBeUndefined();
    expect(await b.tick()).toEqual({ kind: 'elsewhere' });
    time += 16 * 60_000;
    failing = false;
    expect(await b.tick()).toEqual({ kind: 'posted', day: '2026-11-27', lines: 1 });
    expect(posted).toHaveLength(1);
    time += 16 * 60_000;
    expect(await a.tick()).toEqual({ kind: 'done-today' });
  });
});
