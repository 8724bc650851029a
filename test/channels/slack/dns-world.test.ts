/**
 * `/certstatus` against live DNS: the real check runner querying dns2 servers on 127.0.0.x whose every
 * answer is slow. Slack's 3-second limit applies to the ack, which must not wait for DNS.
 */
import { createDnsCheckRunner } from '../../../src/checks/dns-runner';
import { blockText } from '../../support/fake-slack/blocks';
import { SlackTestbed } from '../../support/fake-slack/testbed';
import { EXPECTED, NOW, PROVIDERS, standardWorld, txt, zone } from '../../support/dns-world/standard';
import { startWorld, type RunningWorld } from '../../support/dns-world/world';

// Three rounds of queries at this latency take longer than Slack's 3 seconds.
const LATENCY_MS = 1200;

describe('/certstatus with a slow DNS world', () => {
  let world: RunningWorld;
  let bed: SlackTestbed;
  beforeAll(async () => {
    world = await startWorld(standardWorld({
      zones: [zone('shop.test')],
      betaZones: [zone('shop.test', [txt('_dnsauth.shop.test', EXPECTED)])],
      latencyMs: LATENCY_MS,
    }));
    const runCheck = createDnsCheckRunner({
      resolvers: world.resolvers, authPort: world.authPort, providers: PROVIDERS, now: NOW, queryTimeoutMs: 3 * LATENCY_MS, timeoutMs: 15_000,
    });
    bed = await new SlackTestbed({ runCheck }).start();
  });
  afterAll(async () => {
    await bed.stop();
    await world.stop();
  });

  it('acknowledges before the slow DNS answers, then posts the diagnosis found in DNS', async () => {
    const started = Date.now();
    const { id, result } = bed.command('shop.test');
    const ack = await result;
    const ackMs = Date.now() - started;
    expect(ack.json()).toMatchObject({ response_type: 'ephemeral', text: expect.stringContaining('Checking DNS for shop.test') });
    // Every DNS server takes LATENCY_MS per answer and a diagnosis needs several rounds: nothing is posted yet.
    expect(bed.fake.responses).toHaveLength(0);

    await bed.fake.waitFor(() => bed.fake.responses.some((r) => r.id === id), 'the diagnosis', 18_000);
    const diagnosisMs = Date.now() - started;
    console.info(`slow DNS world (${LATENCY_MS} ms per answer): ack after ${ackMs} ms, diagnosis after ${diagnosisMs} ms; ${world.log.length} DNS queries`);
    const card = bed.fake.responses.find((r) => r.id === id)!.body;
    expect(blockText(card)).toContain('A wrong domain name management platform was selected');
    expect(blockText(card)).toContain('Beta Cloud DNS');
  }, 20_000);
});
