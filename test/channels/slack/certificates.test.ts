/**
 * Certificate look-ups in Slack, end to end: the real Bolt app and its HTTP receiver against the fake Slack
 * Web API, the real SCM client against the fake CCM (signatures checked), live DNS from the test world, and
 * the stats event log in a real SQLite database. Channel C1 may look certificates up; C2 may not.
 */
import { HuaweiScmSource } from '../../../src/certs/huawei-scm';
import type { CertificateLookups } from '../../../src/channels/kit/certificates';
import { decodePayload } from '../../../src/channels/kit/payload';
import { createDnsCheckRunner } from '../../../src/checks/dns-runner';
import { CcmCredentials } from '../../../src/config/ccm';
import { SqliteEventLog } from '../../../src/ops/event-log-sqlite';
import { EXPECTED, NOW, PROVIDERS } from '../../support/dns-world/standard';
import { startWorld, type RunningWorld } from '../../support/dns-world/world';
import { API_VALUE, CERTIFICATES, WWW_VALUE, certificateWorld } from '../../support/fake-ccm/certificates';
import { startFakeCcm, type FakeCcm } from '../../support/fake-ccm/server';
import { blockText, buttonsOf } from '../../support/fake-slack/blocks';
import { TEAM } from '../../support/fake-slack/payloads';
import { SlackTestbed } from '../../support/fake-slack/testbed';

const REFUSED = 'This Slack channel is not on the list allowed to look certificates up';

describe('certificate look-ups in Slack', () => {
  let world: RunningWorld;
  let fake: FakeCcm;
  let bed: SlackTestbed;
  let events: SqliteEventLog;

  beforeAll(async () => {
    world = await startWorld(certificateWorld());
    fake = await startFakeCcm({ certificates: CERTIFICATES });
    events = new SqliteEventLog({ path: ':memory:' });
    const source = new HuaweiScmSource({ endpoint: fake.url, credentials: new CcmCredentials(fake.ak, fake.sk), timeoutMs: 1000, maxRetryWaitMs: 500, concurrency: 2 });
    const certificates: CertificateLookups = { source, allow: { slackWorkspaces: [], slackChannels: ['C1'], teamsTenants: [], teamsTeams: [] }, events };
    const runCheck = createDnsCheckRunner({ resolvers: world.resolvers, authPort: world.authPort, providers: PROVIDERS, now: NOW, queryTimeoutMs: 1000, timeoutMs: 5000 });
    bed = await new SlackTestbed({ runCheck, certificates }).start();
  });
  afterAll(async () => {
    await bed.stop();
    await fake.stop();
    await events.close();
    await world.stop();
  });
  beforeEach(() => {
    fake.requests.length = 0;
  });

  async function command(text: string, channel = 'C1') {
    const { id, result } = bed.command(text, { channel });
    expect((await result).status).toBe(200);
    await bed.fake.waitFor(() => bed.fake.responses.some((r) => r.id === id), `the answer to ${text}`);
    return bed.fake.responses.find((r) => r.id === id)!.body as { text: string; blocks: unknown[]; response_type?: string };
  }

  const lookups = async () => (await events.query({ since: 0, until: Date.now() + 1000 })).filter((e) => e.kind === 'certificate-lookup');

  it('cert:ID in an allowed channel: one card, a section per name against its own record, a Details button each', async () => {
    const card = await command('cert:scs1000000000001');
    const text = blockText(card);
    expect(text).toContain('Certificate scs1000000000001 (shop-multi), CHECKING: 3 names');
    expect(text).toMatch(/:white_check_mark: \*shop\.test\*/);
    expect(text).toMatch(/:white_check_mark: \*www\.shop\.test\*/);
    expect(text).toMatch(/:x: \*api\.shop\.test\*: /);
    expect(text).toContain('2 of 3 names are right; 1 needs a fix.');
    const details = buttonsOf(card).map((b) => decodePayload(b.value));
    expect(details).toEqual([
      { kind: 'card', action: 'details', domain: 'shop.test', expect: EXPECTED },
      { kind: 'card', action: 'details', domain: 'www.shop.test', expect: WWW_VALUE },
      { kind: 'card', action: 'details', domain: 'api.shop.test', expect: API_VALUE },
    ]);
    expect(fake.requests.length).toBeGreaterThan(0);
    expect(fake.requests.every((r) => r.signatureValid)).toBe(true);
    expect((await lookups()).at(-1)).toMatchObject({ channel: 'slack', who: `slack:${TEAM}/C1/UALICE`, certificate: 'scs1000000000001', outcome: 'found' });
  });

  it('the id alone works too, and Details opens that name\'s full cause card (ephemeral, as the card was)', async () => {
    const card = await command('scs1000000000001');
    const api = buttonsOf(card).find((b) => b.text === 'Details: api.shop.test')!;
    const click = bed.click({ channel: 'C1', ts: '1.1', ephemeral: true, blocks: card.blocks }, api, 'UALICE');
    await click.result;
    await bed.fake.waitFor(() => bed.fake.responses.some((r) => r.id === click.id), 'the details');
    const details = bed.fake.responses.find((r) => r.id === click.id)!.body as { blocks: unknown[]; replace_original: boolean; response_type: string };
    expect(details).toMatchObject({ replace_original: false, response_type: 'ephemeral' });
    expect(blockText(details)).toMatch(/What to do/);
    expect(blockText(details)).toContain('_dnsauth.api.shop.test');
  });

  it('in a channel not on the list: a sentence why, never a value from the account, and the refusal is logged', async () => {
    const answer = await command('cert:scs1000000000001', 'C2');
    expect(answer.text).toContain(REFUSED);
    expect(answer.text).toContain('check example.com');
    expect(JSON.stringify(answer)).not.toContain(WWW_VALUE);
    expect(JSON.stringify(answer)).not.toContain('www.shop.test');
    expect(fake.requests).toHaveLength(0);
    expect((await lookups()).at(-1)).toMatchObject({ who: `slack:${TEAM}/C2/UALICE`, certificate: 'scs1000000000001', outcome: 'refused' });
  });

  it('a domain typed without a value: allowed, the service gives it (said above the card); refused, the DNS check only, with why', async () => {
    const allowed = await command('www.shop.test');
    expect(allowed.text).toContain('The record value of www.shop.test comes from certificate scs1000000000001 (shop-multi) in the certificate service.');
    const recheck = buttonsOf(allowed).map((b) => decodePayload(b.value)).find((p) => p?.kind === 'card' && p.action === 'recheck');
    expect(recheck).toMatchObject({ domain: 'www.shop.test', expect: WWW_VALUE });

    fake.requests.length = 0;
    const refused = await command('www.shop.test', 'C2');
    expect(refused.text).toContain(REFUSED);
    expect(blockText(refused)).toMatch(/Evidence/);
    // DNS serves the value to anyone; what must not show is the account's: no line about it, no value on the buttons.
    expect(refused.text).not.toContain('comes from certificate');
    expect(buttonsOf(refused).map((b) => decodePayload(b.value)).every((p) => p?.kind === 'card' && p.expect === undefined)).toBe(true);
    expect(fake.requests).toHaveLength(0);
  });

  it('several names typed at once share the card, each with the value the service holds for it', async () => {
    const card = await command('shop.test api.shop.test');
    expect(blockText(card)).toContain('2 names checked');
    expect(blockText(card)).toContain('1 of 2 names is right; 1 needs a fix.');
    expect(buttonsOf(card).map((b) => decodePayload(b.value))).toEqual([
      { kind: 'card', action: 'details', domain: 'shop.test', expect: EXPECTED },
      { kind: 'card', action: 'details', domain: 'api.shop.test', expect: API_VALUE },
    ]);
  });

  it('a mention in a thread answers there, replacing its "checking" note with the card', async () => {
    await bed.event({ type: 'app_mention', user: 'UALICE', text: '<@UBOT> cert:scs1000000000001', ts: '1700000000.000100', channel: 'C1' });
    await bed.fake.waitFor(() => bed.fake.callsOf('chat.update').some((c) => JSON.stringify(c.args).includes('CHECKING: 3 names')), 'the card in the thread');
    const posted = bed.fake.posts().find((p) => p.text.includes('Checking DNS for scs1000000000001'));
    expect(posted?.thread_ts).toBe('1700000000.000100');
  });

  it.each([
    ['an unknown id', () => undefined, 'cert:scs9999999999999', /knows no certificate scs9999999999999 in this account \(HTTP 400 SCM\.0020\)/],
    ['refused credentials', () => fake.script({ status: 401, body: { error_code: 'APIGW.0301' } }), 'cert:scs1000000000001', /refused the credentials \(HTTP 401 APIGW\.0301\)/],
    ['throttling past the bound', () => fake.script({ status: 429, headers: { 'retry-after': '30' }, body: { error_code: 'APIG.0308' } }), 'cert:scs1000000000001', /throttling this account \(HTTP 429 APIG\.0308\)/],
    ['a 5xx twice', () => fake.script({ status: 502 }, 2), 'cert:scs1000000000001', /failed \(HTTP 502/],
    ['a hanging service', () => fake.script({ status: 0, hang: true }), 'cert:scs1000000000001', /did not answer within 1 s/],
    ['a malformed id', () => undefined, 'cert:shop', /is not a certificate id/],
  ])('%s is one line in chat', async (_what, setup, text, message) => {
    setup();
    const answer = await command(text);
    expect(answer.text).toMatch(message);
    expect(answer.text.split('\n')).toHaveLength(1);
    expect(answer.text).not.toContain(fake.sk);
  });

  it('the service failing while a domain is checked: one line, and the DNS check still runs', async () => {
    fake.script({ status: 503 }, 2);
    const answer = await command('www.shop.test');
    expect(answer.text).toMatch(/The certificate service failed \(HTTP 503.*The DNS check ran without the record value\./);
    expect(blockText(answer)).toMatch(/Evidence/);
  });

  it('an email-validated or issued certificate: a notice on the card, DNS still checked', async () => {
    const email = await command('cert:scs1000000000002');
    expect(blockText(email)).toContain('proves ownership by an email the CA sends');
    expect(blockText(email)).toMatch(/:grey_question: \*old\.test\*: A record is there; its value was not compared/);
    const issued = await command('cert:scs1000000000003');
    expect(blockText(issued)).toContain('is issued already');
  });
});
