/** The daily digest composer (pure) and its "yesterday" snapshot in a real SQLite store, over a real sweep. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { composeDigest, howLong, WATCH_LABEL, type DigestSnapshot } from '../../src/certs/digest';
import { DigestSnapshotStore } from '../../src/certs/digest-store';
import { HuaweiScmSource } from '../../src/certs/huawei-scm';
import { sweepPending, type CertificateResult } from '../../src/certs/sweep';
import type { NameTarget } from '../../src/certs/targets';
import { CcmCredentials } from '../../src/config/ccm';
import { diagnose } from '../../src/dns/diagnose';
import type { Diagnosis } from '../../src/dns/types';
import { loadFlowsDir } from '../../src/flow/registry';
import { SqliteStore } from '../../src/store/sqlite';
import { PROVIDERS } from '../support/dns-world/standard';
import { startWorld, type RunningWorld } from '../support/dns-world/world';
import { CERTIFICATES, MULTI, certificateWorld } from '../support/fake-ccm/certificates';
import { startFakeCcm, type FakeCcm } from '../support/fake-ccm/server';

/** The shipped flow's cause table: which causes offer a watch. */
const CAUSES = loadFlowsDir().defaultFlow.causes;

const DAY = 24 * 3_600_000;
const T0 = new Date('2026-12-01T07:00:00Z');

function diagnosis(domain: string, causes: string[], message: string): Diagnosis {
  return {
    domain,
    verificationName: `_dnsauth.${domain}`,
    recordType: 'TXT',
    causes,
    findings: [{ id: causes[0] === 'ca-review-pending' ? 'dns-is-right' : causes[0], cause: causes[0], severity: causes[0] === 'ca-review-pending' ? 'info' : 'error', message, evidence: [] }],
    warnings: [],
    durationMs: 5,
  } as Diagnosis;
}

const target = (domain: string, expect = 'v'): NameTarget => ({ domain, expect, recordName: '_dnsauth.{domain}', recordType: 'TXT' });

function result(id: string, names: Array<[string, string[], string]>): CertificateResult {
  return {
    certificate: { id, name: `n-${id.slice(-2)}`, status: 'CHECKING', validationMethod: 'DNS', names: names.map((n) => n[0]), records: [] },
    notices: [],
    names: names.map(([domain, causes, message]) => ({ target: target(domain), diagnosis: diagnosis(domain, causes, message) })),
  };
}

describe('composeDigest', () => {
  const day1 = [result('scs1000000000001', [['a.test', ['record-missing'], 'No TXT record at _dnsauth.a.test.'], ['b.test', ['ca-review-pending'], 'DNS is right.']])];

  it('first digest: every waiting name is new, with why, for how long and a watch offer on stuck, watchable lines', () => {
    const { digest, snapshot } = composeDigest(day1, undefined, T0, CAUSES);
    expect(digest?.title).toBe('Certificates waiting on domain verification: 2 names on 1 certificate, 1 stuck in DNS; 2 changes since yesterday.');
    expect(digest?.lines.map((l) => l.text)).toEqual([
      `a.test (scs1000000000001 n-01): stuck: record-missing for less than an hour: No TXT record at _dnsauth.a.test. (new since yesterday) [${WATCH_LABEL}]`,
      'b.test (scs1000000000001 n-01): DNS is right, waiting on the CA for less than an hour: DNS is right. (new since yesterday)',
    ]);
    expect(digest?.lines[0].watch).toEqual({ label: WATCH_LABEL, domain: 'a.test', expect: 'v', recordName: '_dnsauth.{domain}', recordType: 'TXT' });
    expect(digest?.lines[1].watch).toBeUndefined();
    expect(snapshot.entries.map((e) => [e.domain, e.since])).toEqual([
      ['a.test', T0.toISOString()],
      ['b.test', T0.toISOString()],
    ]);
  });

  it('nothing changed since yesterday: no digest at all, and "since" carries over', () => {
    const { snapshot } = composeDigest(day1, undefined, T0, CAUSES);
    const next = composeDigest(day1, snapshot, new Date(T0.getTime() + DAY), CAUSES);
    expect(next.digest).toBeUndefined();
    expect(next.snapshot.entries[0].since).toBe(T0.toISOString());
  });

  it('a changed cause, a name resolved and a new certificate: each said, unchanged lines keep their age', () => {
    const { snapshot } = composeDigest(day1, undefined, T0, CAUSES);
    const day3 = [result('scs1000000000001', [['a.test', ['ttl-not-elapsed'], 'The old answer is cached for 2 more hours.']]), result('scs1000000000009', [['c.test', ['wrong-platform'], 'The record is on Beta.']])];
    const { digest } = composeDigest(day3, snapshot, new Date(T0.getTime() + 3 * DAY), CAUSES);
    expect(digest?.lines.map((l) => [l.domain, l.change])).toEqual([
      ['a.test', 'changed'],
      ['c.test', 'new'],
    ]);
    expect(digest?.lines[0].text).toBe(`a.test (scs1000000000001 n-01): stuck: ttl-not-elapsed for 3 days: The old answer is cached for 2 more hours. (was stuck: record-missing) [${WATCH_LABEL}]`);
    expect(digest?.resolved).toEqual([{ certificateId: 'scs1000000000001', domain: 'b.test', text: 'b.test (scs1000000000001): no longer waiting on verification (issued, cancelled or removed).' }]);
    expect(digest?.text.split('\n')).toHaveLength(4);
  });

  it('everything resolved: one last digest that says so, then silence', () => {
    const { snapshot } = composeDigest(day1, undefined, T0, CAUSES);
    const gone = composeDigest([], snapshot, new Date(T0.getTime() + DAY), CAUSES);
    expect(gone.digest?.resolved.map((r) => r.domain)).toEqual(['a.test', 'b.test']);
    expect(composeDigest([], gone.snapshot, new Date(T0.getTime() + 2 * DAY), CAUSES).digest).toBeUndefined();
  });

  it('a record without a value from the service is never "right": it could not be compared', () => {
    const r = result('scs1000000000001', [['a.test', ['ca-review-pending'], 'DNS is right.']]);
    r.names[0].target = { ...r.names[0].target, expect: undefined };
    expect(composeDigest([r], undefined, T0, CAUSES).digest?.lines[0]).toEqual(expect.objectContaining({ state: 'unchecked', reason: 'A record is there, but its value was not compared: the certificate service gave none.' }));
  });

  it('no watch offer for causes a watch cannot wait out, or names that could not be checked', () => {
    const r = result('scs1000000000001', [['typo.test', ['domain-not-found'], 'typo.test does not exist.']]);
    r.names.push({ target: target('x.test'), error: 'bad name' });
    const { digest } = composeDigest([r], undefined, T0, CAUSES);
    expect(digest?.lines.map((l) => [l.state, l.watch])).toEqual([
      ['stuck', undefined],
      ['unchecked', undefined],
    ]);
  });

  it('says how long in hours, then days', () => {
    expect(howLong('2026-12-01T00:00:00Z', new Date('2026-12-01T05:30:00Z'))).toBe('for 5 hours');
    expect(howLong('2026-12-01T00:00:00Z', new Date('2026-12-04T01:00:00Z'))).toBe('for 3 days');
  });
});

describe('DigestSnapshotStore over a real sweep', () => {
  let world: RunningWorld;
  let fake: FakeCcm;
  beforeAll(async () => {
    world = await startWorld(certificateWorld());
    fake = await startFakeCcm({ certificates: CERTIFICATES });
  });
  afterAll(async () => {
    await fake.stop();
    await world.stop();
  });

  const sweep = () => {
    const source = new HuaweiScmSource({ endpoint: fake.url, credentials: new CcmCredentials(fake.ak, fake.sk), timeoutMs: 2000, maxRetryWaitMs: 0, concurrency: 2 });
    const check = (t: NameTarget) =>
      diagnose(t.domain, { expect: t.expect, recordName: t.recordName, recordType: t.recordType, resolvers: [{ address: '127.0.0.53', port: world.resolverPort }], authPort: world.authPort, providers: PROVIDERS, timeoutMs: 3000, queryTimeoutMs: 1000 });
    return sweepPending(source, check, 2);
  };

  it('posts once, not again when nothing changed (also after a restart), and again when a certificate leaves', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'certstatus-digest-')), 'state.db');
    let store = new SqliteStore({ path: file });
    let snapshots = new DigestSnapshotStore(store);
    const first = await snapshots.prepare(await sweep(), T0, CAUSES);
    expect(first.digest?.lines.map((l) => [l.domain, l.state, l.causes])).toEqual([
      ['shop.test', 'right', []],
      ['www.shop.test', 'right', []],
      ['api.shop.test', 'stuck', ['record-missing']],
      ['old.test', 'unchecked', []],
    ]);
    expect(first.digest?.lines[3].reason).toMatch(/^Ownership of old\.test is proved by an email/);
    expect(first.digest?.lines[2].watch?.expect).toBe(MULTI.authentification?.[2].record_value);
    await first.commit();
    await store.close?.();

    // A restart: a new store on the same file still knows yesterday.
    store = new SqliteStore({ path: file });
    snapshots = new DigestSnapshotStore(store);
    const second = await snapshots.prepare(await sweep(), new Date(T0.getTime() + DAY), CAUSES);
    expect(second.digest).toBeUndefined();
    await second.commit();
    expect((await snapshots.load() as DigestSnapshot).entries[2].since).toBe(T0.toISOString());

    fake.certificates.set(MULTI.id, { ...MULTI, status: 'ISSUED' });
    const third = await snapshots.prepare(await sweep(), new Date(T0.getTime() + 2 * DAY), CAUSES);
    expect(third.digest?.resolved.map((r) => r.domain)).toEqual(['shop.test', 'www.shop.test', 'api.shop.test']);
    expect(third.digest?.lines.map((l) => l.change)).toEqual(['unchanged']);
    await store.close?.();
  });

  it('one replica per day composes the digest', async () => {
    const store = new SqliteStore({ path: ':memory:' });
    const a = new DigestSnapshotStore(store);
    const b = new DigestSnapshotStore(store);
    expect(await a.claimDay(T0)).toBe(true);
    expect(await b.claimDay(new Date(T0.getTime() + 3_600_000))).toBe(false);
    expect(await b.claimDay(new Date(T0.getTime() + DAY))).toBe(true);
    await store.close?.();
  });
});
