/**
 * Slack ack time while DNS is slow: the real Bolt app behind our HTTP server (built as the Slack tests
 * build it), the fake Slack API, and the real DNS check against the loopback DNS world where every server
 * takes LATENCY_MS per answer. Signed `/certstatus example.test` requests; we time the HTTP 200 ack (Slack
 * gives up after 3 s) and the diagnosis arriving at the response_url. Loopback only.
 */
import { createDnsCheckRunner } from '../src/checks/dns-runner';
import { EXPECTED, NOW, PROVIDERS, standardWorld, txt, zone } from '../test/support/dns-world/standard';
import { startWorld } from '../test/support/dns-world/world';
import { SlackTestbed } from '../test/support/fake-slack/testbed';
import { elapsedMs, median, quantile, round } from './support/stats';

const LATENCY_MS = 2000;
const REQUESTS = 30;
const SLACK_ACK_LIMIT_MS = 3000;
const DOMAIN = 'example.test';

interface Sent {
  id: string;
  sentAt: number;
  ackMs: number;
}

interface Row {
  phase: string;
  requests: number;
  'ack median ms': number;
  'ack p95 ms': number;
  'ack max ms': number;
  'acks over 3 s': number;
  'diagnosis median ms': number;
  'diagnosis p95 ms': number;
  'diagnosis max ms': number;
}

/** Sends `count` commands, `gapMs` apart (0: all at once), then waits for every diagnosis. */
async function phase(bed: SlackTestbed, name: string, gapMs: number, count = REQUESTS): Promise<Row> {
  bed.fake.responses.length = 0;
  const sends: Promise<Sent>[] = [];
  for (let i = 0; i < count; i++) {
    const sentAt = Date.now();
    const started = process.hrtime.bigint();
    const { id, result } = bed.command(DOMAIN, { user: `UBENCH${i}` });
    sends.push(result.then((ack) => {
      if (ack.status !== 200 || !ack.text.includes('Checking DNS')) throw new Error(`unexpected ack ${ack.status}: ${ack.text}`);
      return { id, sentAt, ackMs: elapsedMs(started) };
    }));
    if (gapMs) await new Promise((resolve) => setTimeout(resolve, gapMs));
  }
  const sent = await Promise.all(sends);
  const ids = new Set(sent.map((s) => s.id));
  await bed.fake.waitFor(() => bed.fake.responses.filter((r) => ids.has(r.id)).length >= count, 'every diagnosis', 60_000);
  const diagnosisMs = sent.map((s) => bed.fake.responses.find((r) => r.id === s.id)!.at - s.sentAt);
  const acks = sent.map((s) => s.ackMs);
  const card = JSON.stringify(bed.fake.responses[0].body);
  if (!card.includes('CA is still reviewing')) throw new Error(`the diagnosis is not the expected one: ${card.slice(0, 300)}`);
  return {
    phase: name,
    requests: count,
    'ack median ms': round(median(acks), 1),
    'ack p95 ms': round(quantile(acks, 0.95), 1),
    'ack max ms': round(Math.max(...acks), 1),
    'acks over 3 s': acks.filter((ms) => ms > SLACK_ACK_LIMIT_MS).length,
    'diagnosis median ms': round(median(diagnosisMs)),
    'diagnosis p95 ms': round(quantile(diagnosisMs, 0.95)),
    'diagnosis max ms': round(Math.max(...diagnosisMs)),
  };
}

export async function run(): Promise<void> {
  // A healthy domain: the record is on both of its nameservers, so the check ends in "the CA is reviewing".
  const world = await startWorld(standardWorld({ zones: [zone(DOMAIN, [txt(`_dnsauth.${DOMAIN}`, EXPECTED)])], latencyMs: LATENCY_MS }));
  const runCheck = createDnsCheckRunner({
    resolvers: world.resolvers, authPort: world.authPort, providers: PROVIDERS, now: NOW, queryTimeoutMs: 3 * LATENCY_MS, timeoutMs: 30_000,
  });
  const bed = await new SlackTestbed({ runCheck }).start();
  try {
    // One unmeasured request first: Bolt, the flow and the DNS code load lazily on first use.
    await phase(bed, 'warm-up', 0, 1);
    world.log.length = 0;
    const rows = [await phase(bed, 'one request every 100 ms', 100), await phase(bed, `${REQUESTS} requests at once`, 0)];
    console.log(`every DNS server answers after ${LATENCY_MS} ms; ${world.log.length / (2 * REQUESTS)} DNS queries per check; times from sending the signed request`);
    console.table(rows);
  } finally {
    await bed.stop();
    await world.stop();
  }
}
