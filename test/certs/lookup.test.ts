/** Look-ups on someone's behalf: policy, the real client against the fake service, and the event log. */
import { ErrorCode } from '../../src/core/errors';
import { HuaweiScmSource } from '../../src/certs/huawei-scm';
import { lookUpCertificate, lookUpDomain, type LookupDeps } from '../../src/certs/lookup';
import { CcmCredentials, type CcmAllowlist } from '../../src/config/ccm';
import { MemoryEventLog } from '../../src/ops/events';
import { CERTIFICATES, MULTI, WWW_VALUE } from '../support/fake-ccm/certificates';
import { startFakeCcm, type FakeCcm } from '../support/fake-ccm/server';

const allow: CcmAllowlist = { slackWorkspaces: ['T0SUPPORT'], slackChannels: [], teamsTenants: ['tenant-a'], teamsTeams: [] };
const staff = { channel: 'slack', workspace: 'T0SUPPORT', channelId: 'C1', user: 'U1' } as const;
const stranger = { channel: 'teams', tenant: 'tenant-z', user: 'u9' } as const;

describe('certificate look-ups on behalf of a caller', () => {
  let fake: FakeCcm;
  let events: MemoryEventLog;
  let deps: LookupDeps;
  beforeEach(async () => {
    fake = await startFakeCcm({ certificates: CERTIFICATES });
    events = new MemoryEventLog();
    const source = new HuaweiScmSource({ endpoint: fake.url, credentials: new CcmCredentials(fake.ak, fake.sk), timeoutMs: 1000, maxRetryWaitMs: 0, concurrency: 2 });
    deps = { source, allow, events, now: () => 42_000 };
  });
  afterEach(() => fake.stop());

  it('an allowed caller gets every name with its record; the look-up is logged with who, which and when', async () => {
    const result = await lookUpCertificate(deps, staff, MULTI.id);
    expect(result.kind).toBe('found');
    if (result.kind === 'found') expect(result.plan.targets.map((t) => [t.domain, t.expect !== undefined])).toEqual([['shop.test', true], ['www.shop.test', true], ['api.shop.test', true]]);
    expect(await events.query({ since: 0, until: 100_000 })).toEqual([
      { at: 42_000, kind: 'certificate-lookup', channel: 'slack', who: 'slack:T0SUPPORT/C1/U1', certificate: MULTI.id, outcome: 'found' },
    ]);
  });

  it('a refused caller gets the sentence, the service is never asked, and the refusal is logged', async () => {
    const result = await lookUpCertificate(deps, stranger, MULTI.id);
    expect(result).toEqual({ kind: 'refused', reason: expect.stringMatching(/^This Teams tenant is not on the list.*so I checked DNS only and read nothing from the certificate account\.$/) });
    expect(fake.requests).toHaveLength(0);
    expect((await events.query({ since: 0, until: 100_000 }))[0]).toEqual(expect.objectContaining({ who: 'teams:tenant-z/-/u9', outcome: 'refused', certificate: MULTI.id }));
  });

  it('a failing service is a value with its coded line, logged with the code', async () => {
    const unknown = await lookUpCertificate(deps, staff, 'scs0000000000000');
    expect(unknown).toEqual({ kind: 'failed', error: expect.objectContaining({ code: ErrorCode.CcmUnknownCertificate }) });
    fake.script({ status: 0, hang: true });
    const slow = await lookUpCertificate(deps, staff, MULTI.id);
    expect(slow).toEqual({ kind: 'failed', error: expect.objectContaining({ code: ErrorCode.CcmTimeout }) });
    expect((await events.query({ since: 0, until: 100_000 })).map((e) => e.outcome)).toEqual([ErrorCode.CcmUnknownCertificate, ErrorCode.CcmTimeout]);
  });

  it('without credentials nobody can look up', async () => {
    const result = await lookUpCertificate({ ...deps, source: undefined }, staff, MULTI.id);
    expect(result).toEqual({ kind: 'refused', reason: expect.stringContaining('no access key') });
  });

  it('a domain typed without a value: the pending certificate covering it gives the value', async () => {
    const result = await lookUpDomain(deps, staff, 'WWW.shop.test');
    expect(result).toEqual({ kind: 'found', certificate: expect.objectContaining({ id: MULTI.id }), target: expect.objectContaining({ domain: 'www.shop.test', expect: WWW_VALUE }) });
    expect(await lookUpDomain(deps, staff, 'nowhere.test')).toEqual({ kind: 'none' });
    // old.test is pending by email: no value to give.
    expect(await lookUpDomain(deps, staff, 'old.test')).toEqual({ kind: 'none' });
    expect((await lookUpDomain(deps, stranger, 'www.shop.test')).kind).toBe('refused');
  });
});
