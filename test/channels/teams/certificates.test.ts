/**
 * Certificate look-ups in Teams, end to end: the real CloudAdapter behind its route, the fake Bot Connector,
 * the real SCM client against the fake CCM, live DNS from the test world and the stats event log in SQLite.
 * The team 19:team@thread.tacv2 may look certificates up; personal chats in the tenant may not.
 */
import { HuaweiScmSource } from '../../../src/certs/huawei-scm';
import { createDnsCheckRunner } from '../../../src/checks/dns-runner';
import { CcmCredentials } from '../../../src/config/ccm';
import { SqliteEventLog } from '../../../src/ops/event-log-sqlite';
import { EXPECTED, NOW, PROVIDERS } from '../../support/dns-world/standard';
import { startWorld, type RunningWorld } from '../../support/dns-world/world';
import { API_VALUE, CERTIFICATES, WWW_VALUE, certificateWorld } from '../../support/fake-ccm/certificates';
import { startFakeCcm, type FakeCcm } from '../../support/fake-ccm/server';
import { cardActions, cardText } from '../../support/fake-connector/connector';
import { GRACE, channelThread, mention, message, personalChat, submit } from '../../support/fake-connector/teams-activities';
import { startTeamsHarness, type TeamsHarness } from './harness';

const TEAM = '19:team@thread.tacv2';

describe('certificate look-ups in Teams', () => {
  let world: RunningWorld;
  let fake: FakeCcm;
  let harness: TeamsHarness;
  let events: SqliteEventLog;

  beforeAll(async () => {
    world = await startWorld(certificateWorld());
    fake = await startFakeCcm({ certificates: CERTIFICATES });
    events = new SqliteEventLog({ path: ':memory:' });
    const source = new HuaweiScmSource({ endpoint: fake.url, credentials: new CcmCredentials(fake.ak, fake.sk), timeoutMs: 1000, maxRetryWaitMs: 500, concurrency: 2 });
    const runCheck = createDnsCheckRunner({ resolvers: world.resolvers, authPort: world.authPort, providers: PROVIDERS, now: NOW, queryTimeoutMs: 1000, timeoutMs: 5000 });
    harness = await startTeamsHarness({
      runCheck,
      patienceMs: 10_000,
      certificates: { source, allow: { slackWorkspaces: [], slackChannels: [], teamsTenants: [], teamsTeams: [TEAM] }, events },
    });
  });
  afterAll(async () => {
    await harness.close();
    await fake.stop();
    await events.close();
    await world.stop();
  });
  beforeEach(() => {
    fake.requests.length = 0;
  });

  const callsSince = (mark: number) => harness.connector.calls.slice(mark);
  const textOf = (body: Record<string, unknown>) => String(body.text ?? '') + cardText(body);
  const lookups = async () => (await events.query({ since: 0, until: Date.now() + 1000 })).filter((e) => e.kind === 'certificate-lookup');

  it('cert:ID in an allowed team: one card with a section per name; Details posts that name\'s cause card in the chain', async () => {
    const thread = channelThread(harness.connector.url, '1700000005000');
    const mark = harness.connector.calls.length;
    await harness.send(mention(thread, 'cert:scs1000000000001'));
    const card = callsSince(mark).find((call) => cardText(call.body).includes('CHECKING: 3 names'));
    expect(card).toBeDefined();
    const text = cardText(card!.body);
    expect(text).toContain('✅ **shop.test**');
    expect(text).toContain('✅ **www.shop.test**');
    expect(text).toContain('❌ **api.shop.test**');
    expect(text).toContain('2 of 3 names are right; 1 needs a fix.');
    const buttons = cardActions(card!.body);
    expect(buttons.map((b) => b.payload)).toEqual([
      { kind: 'card', action: 'details', domain: 'shop.test', expect: EXPECTED, public: true },
      { kind: 'card', action: 'details', domain: 'www.shop.test', expect: WWW_VALUE, public: true },
      { kind: 'card', action: 'details', domain: 'api.shop.test', expect: API_VALUE, public: true },
    ]);
    expect(fake.requests.every((r) => r.signatureValid)).toBe(true);
    expect((await lookups()).at(-1)).toMatchObject({ channel: 'teams', who: `teams:tenant-1/${TEAM}/aad-ada`, certificate: 'scs1000000000001', outcome: 'found' });

    const before = harness.connector.calls.length;
    await harness.send(submit(thread, buttons[2]!.data));
    const details = callsSince(before).find((call) => cardText(call.body).includes('What to do'));
    expect(details?.conversationId).toBe(`19:support@thread.tacv2;messageid=1700000005000`);
    expect(cardText(details!.body)).toContain('_dnsauth.api.shop.test');
  });

  it('a personal chat, not on the list: a sentence why, nothing read from the account, the refusal logged', async () => {
    const chat = personalChat(harness.connector.url);
    const mark = harness.connector.calls.length;
    await harness.send(message(chat, 'scs1000000000001'));
    const said = callsSince(mark).map((call) => textOf(call.body)).join('\n');
    expect(said).toContain('This Teams tenant is not on the list allowed to look certificates up');
    expect(said).not.toContain('www.shop.test');
    expect(fake.requests).toHaveLength(0);
    expect((await lookups()).at(-1)).toMatchObject({ who: 'teams:tenant-1/-/aad-ada', certificate: 'scs1000000000001', outcome: 'refused' });
  });

  it('a domain without a value where refused: the DNS check only, with the sentence why', async () => {
    const chat = personalChat(harness.connector.url);
    const mark = harness.connector.calls.length;
    await harness.send(message(chat, 'check www.shop.test'));
    const calls = callsSince(mark);
    expect(calls.map((call) => textOf(call.body)).join('\n')).toContain('so I checked DNS only and read nothing from the certificate account');
    const card = calls.find((call) => cardText(call.body).includes('What to do'));
    expect(cardActions(card!.body).every((b) => b.payload?.kind === 'card' && b.payload.expect === undefined)).toBe(true);
    expect(fake.requests).toHaveLength(0);
  });

  it('the service failing is one line in the chain, and a certificate id gets no names then', async () => {
    fake.script({ status: 401, body: { error_code: 'APIGW.0301' } });
    const thread = channelThread(harness.connector.url, '1700000006000');
    const mark = harness.connector.calls.length;
    await harness.send(mention(thread, 'cert:scs1000000000001'));
    const said = callsSince(mark).map((call) => textOf(call.body));
    expect(said.some((t) => /refused the credentials \(HTTP 401 APIGW\.0301\)/.test(t) && !t.includes('\n'))).toBe(true);
    expect(said.join('\n')).not.toContain(fake.sk);
  });

  it('the guided flow does not ask for the value the service knows', async () => {
    const thread = channelThread(harness.connector.url, '1700000007000');
    await harness.send(mention(thread, 'troubleshoot www.shop.test'));
    const mark = harness.connector.calls.length;
    await harness.send(mention(thread, 'yes'));
    const said = callsSince(mark).map((call) => textOf(call.body)).join('\n');
    expect(said).not.toContain('paste the record value');
    expect(said).toContain('The CA is still reviewing');
    const state = await harness.conversations.peek(`teams:19:support@thread.tacv2;messageid=1700000007000`);
    expect(state?.vars.expect).toBe(WWW_VALUE);
  });

  it('the guided flow, told the domain as an answer, does not ask for the value the service knows either', async () => {
    const thread = channelThread(harness.connector.url, '1700000009000');
    await harness.send(mention(thread, ''));
    await harness.send(mention(thread, 'www.shop.test'));
    const key = 'teams:19:support@thread.tacv2;messageid=1700000009000';
    expect((await harness.conversations.peek(key))?.vars).toMatchObject({ domain: 'www.shop.test', expect: WWW_VALUE });
    const mark = harness.connector.calls.length;
    await harness.send(mention(thread, 'yes'));
    const said = callsSince(mark).map((call) => textOf(call.body)).join('\n');
    expect(said).not.toContain('paste the record value');
    expect(said).toContain('The CA is still reviewing');
  });

  it('where refused, the domain typed as an answer reads nothing from the account and the question is asked', async () => {
    const chat = personalChat(harness.connector.url, GRACE);
    await harness.send(message(chat, 'troubleshoot', GRACE));
    fake.requests.length = 0;
    await harness.send(message(chat, 'www.shop.test', GRACE));
    const mark = harness.connector.calls.length;
    await harness.send(message(chat, 'yes', GRACE));
    expect(callsSince(mark).map((call) => textOf(call.body)).join('\n')).toContain('paste the record value');
    expect((await harness.conversations.peek(`teams:${chat.conversation.id}`))?.vars.expect).toBeUndefined();
    expect(fake.requests).toHaveLength(0);
  });

  it('a team channel the bot was mentioned in can take a new post (the digest), with a watch button per stuck line', async () => {
    await harness.send(mention(channelThread(harness.connector.url, '1700000008000'), 'help'));
    const mark = harness.connector.calls.length;
    await harness.bot.watchNotifier.notify('teams:19:support@thread.tacv2', [
      {
        type: 'names',
        title: 'Certificates waiting on domain verification: 1 name on 1 certificate',
        notices: [],
        sections: [{ domain: 'api.shop.test', causeId: 'record-missing', state: 'stuck', title: 'scs1000000000001: Stuck (record-missing)', line: 'There is no TXT record.', expect: API_VALUE, watch: true }],
        summary: '1 stuck.',
      },
    ]);
    const post = callsSince(mark).find((call) => cardText(call.body).includes('1 name on 1 certificate'));
    expect(post?.conversationId).toBe('19:support@thread.tacv2');
    expect(cardActions(post!.body).map((b) => b.payload)).toEqual([
      { kind: 'card', action: 'details', domain: 'api.shop.test', expect: API_VALUE },
      { kind: 'card', action: 'watch', domain: 'api.shop.test', expect: API_VALUE, cause: 'record-missing' },
    ]);
  });
});
