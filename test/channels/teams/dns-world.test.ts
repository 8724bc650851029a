/**
 * The Teams bot against live DNS: the real check runner querying dns2 servers on 127.0.0.x whose every answer
 * is slow, so the diagnosis outlasts the request's patience and must be posted proactively.
 */
import { createDnsCheckRunner } from '../../../src/checks/dns-runner';
import { EXPECTED, NOW, PROVIDERS, standardWorld, txt, zone } from '../../support/dns-world/standard';
import { startWorld, type RunningWorld } from '../../support/dns-world/world';
import { cardText } from '../../support/fake-connector/connector';
import { channelThread, mention, message, personalChat } from '../../support/fake-connector/teams-activities';
import { startTeamsHarness, type TeamsHarness } from './harness';

const LATENCY_MS = 300;
const WRONG_PLATFORM = 'A wrong domain name management platform was selected';

describe('Teams with a slow DNS world', () => {
  let world: RunningWorld;
  let harness: TeamsHarness;
  beforeAll(async () => {
    // shop.test is hosted at Alpha DNS, but the record was added at Beta Cloud DNS.
    world = await startWorld(
      standardWorld({
        zones: [zone('shop.test')],
        betaZones: [zone('shop.test', [txt('_dnsauth.shop.test', EXPECTED)])],
        latencyMs: LATENCY_MS,
      }),
    );
    const runCheck = createDnsCheckRunner({
      resolvers: world.resolvers, authPort: world.authPort, providers: PROVIDERS, now: NOW, queryTimeoutMs: 3 * LATENCY_MS, timeoutMs: 15_000,
    });
    harness = await startTeamsHarness({ runCheck, patienceMs: 100 });
  });
  afterAll(async () => {
    await harness.close();
    await world.stop();
  });

  it('returns the request with "Checking", then posts the diagnosis found in DNS into the reply chain', async () => {
    const thread = channelThread(harness.connector.url, '1700000002000');
    const ask = mention(thread, 'certstatus shop.test');
    const started = Date.now();
    const response = await harness.send(ask);
    const responseMs = Date.now() - started;
    expect(response.status).toBe(200);
    // Every DNS server takes LATENCY_MS per answer and a diagnosis needs several rounds: only "Checking" so far.
    expect(harness.connector.calls.map((call) => call.body.text)).toEqual(['_Checking DNS for shop.test..._']);

    const calls = await harness.connector.waitFor((all) => all.some((call) => cardText(call.body).includes(WRONG_PLATFORM)), 15_000);
    const diagnosisMs = Date.now() - started;
    console.info(`Teams, slow DNS world (${LATENCY_MS} ms per answer): HTTP response after ${responseMs} ms, proactive diagnosis after ${diagnosisMs} ms`);
    const card = calls.find((call) => cardText(call.body).includes(WRONG_PLATFORM))!;
    expect(card.conversationId).toBe('19:support@thread.tacv2;messageid=1700000002000');
    expect(card.activityId).toBe(ask.id);
    expect(cardText(card.body)).toContain('Beta Cloud DNS');
  });

  it('finishes a guided conversation with the cause found in DNS, posted after the request returned', async () => {
    const chat = personalChat(harness.connector.url);
    await harness.send(message(chat, 'troubleshoot shop.test'));
    await harness.send(message(chat, 'yes'));
    const mark = harness.connector.calls.length;
    await harness.send(message(chat, EXPECTED));
    expect(harness.connector.calls.slice(mark).some((call) => cardText(call.body).includes(WRONG_PLATFORM))).toBe(false);

    await harness.connector.waitFor((all) => all.slice(mark).some((call) => cardText(call.body).includes(WRONG_PLATFORM)), 15_000);
    expect((await harness.conversations.peek(`teams:${chat.conversation.id}`))?.outcome).toEqual({ kind: 'cause', cause: 'wrong-platform' });
  });
});
