/**
 * Slack acks under load (issue 16, goal 3): the real Bolt app behind our HTTP server (built as the Slack
 * tests build it), the fake Slack API, and the real DNS check against the loopback DNS world, through the
 * server's check pool (CERTSTATUS_CHECK_CONCURRENCY, default 8). Signed `/certstatus dN.test` commands, 1,
 * 10 and 50 at once, each for its own domain, with DNS answering and with the nameservers silent; we time
 * the HTTP 200 ack (target: p99 <= 100 ms at 50 with DNS answering; Slack gives up after 3 s) and the
 * diagnosis arriving at the response_url, and count diagnoses that never came. For comparison, 50 at once
 * without the pool (every check at once, as before), and 500 commands for one domain (merged into one
 * check). Loopback only.
 */
import { spawn } from 'node:child_process';
import { createDnsCheckRunner } from '../src/checks/dns-runner';
import { DEFAULT_CHECK_CONCURRENCY } from '../src/checks/pool';
import { EXPECTED, NOW, PROVIDERS, standardWorld, txt, zone } from '../test/support/dns-world/standard';
import { startWorld, type RunningWorld } from '../test/support/dns-world/world';
import { commandBody } from '../test/support/fake-slack/payloads';
import { signedHeaders } from '../test/support/fake-slack/sign';
import { SIGNING_SECRET, SlackTestbed } from '../test/support/fake-slack/testbed';
import { median, quantile, round } from './support/stats';

const DOMAINS = 50;
const QUERY_TIMEOUT_MS = 1000;
const domainOf = (i: number) => `d${i % DOMAINS}.test`;

interface Sent {
  id: string;
  sentAt: number;
  ackMs: number;
}

/**
 * The Slack side sending the commands runs in its own process, so its HTTP client's work is not counted
 * against our server's acks (they share nothing but loopback). It sends every request at once and reports
 * each one's ack time, status and body.
 */
const CLIENT = `
let input = '';
process.stdin.on('data', (chunk) => (input += chunk));
process.stdin.on('end', async () => {
  const requests = JSON.parse(input);
  // Unmeasured: the first fetches of a process load the HTTP client and open connections (a wrong
  // signature, so the server refuses them at once and does nothing else).
  for (let round = 0; round < 3; round++) {
    await Promise.all(requests.slice(0, 8).map((r) => fetch(r.url, { method: 'POST', headers: { ...r.headers, 'X-Slack-Signature': 'v0=0' }, body: r.body }).then((res) => res.text())));
  }
  const results = await Promise.all(requests.map(async (r) => {
    const started = process.hrtime.bigint();
    const response = await fetch(r.url, { method: 'POST', headers: r.headers, body: r.body });
    const text = await response.text();
    return { ackMs: Number(process.hrtime.bigint() - started) / 1e6, status: response.status, text, sentAt: Date.now() - Number(process.hrtime.bigint() - started) / 1e6 };
  }));
  process.stdout.write(JSON.stringify(results));
});`;

function sendFromAnotherProcess(requests: { url: string; headers: Record<string, string>; body: string }[]): Promise<{ ackMs: number; status: number; text: string; sentAt: number }[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', CLIENT], { stdio: ['pipe', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk) => (out += String(chunk)));
    child.on('error', reject);
    child.on('close', () => {
      try {
        resolve(JSON.parse(out));
      } catch {
        reject(new Error(`the sending process printed no results: ${out.slice(0, 200)}`));
      }
    });
    child.stdin.end(JSON.stringify(requests));
  });
}

type Row = Record<string, string | number>;

/** Sends `count` commands at once (domain `pick(i)`), then waits for every diagnosis (or `waitMs`). */
async function phase(bed: SlackTestbed, name: string, count: number, pick: (i: number) => string, waitMs: number): Promise<Row & { p99: number }> {
  bed.fake.responses.length = 0;
  const requests = Array.from({ length: count }, (_, i) => {
    const responseUrl = bed.fake.responseUrl();
    const body = commandBody(pick(i), { user: `UBENCH${i}`, responseUrl });
    return { id: responseUrl.split('/').pop()!, url: bed.url, body, headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...signedHeaders(SIGNING_SECRET, body) } };
  });
  const acks0 = await sendFromAnotherProcess(requests.map(({ url, body, headers }) => ({ url, body, headers })));
  const sent: Sent[] = acks0.map((ack, i) => {
    if (ack.status !== 200 || !ack.text.includes('Checking DNS')) throw new Error(`unexpected ack ${ack.status}: ${ack.text}`);
    return { id: requests[i].id, sentAt: ack.sentAt, ackMs: ack.ackMs };
  });
  const ids = new Set(sent.map((s) => s.id));
  const answered = () => bed.fake.responses.filter((r) => ids.has(r.id)).length;
  await bed.fake.waitFor(() => answered() >= count, 'every diagnosis', waitMs).catch(() => undefined);
  const diagnosisMs = sent.flatMap((s) => {
    const response = bed.fake.responses.find((r) => r.id === s.id);
    return response ? [response.at - s.sentAt] : [];
  });
  const acks = sent.map((s) => s.ackMs);
  const p99 = quantile(acks, 0.99);
  return {
    phase: name,
    'ack median ms': round(median(acks), 1),
    'ack p99 ms': round(p99, 1),
    'ack max ms': round(Math.max(...acks), 1),
    'diagnosis median ms': round(median(diagnosisMs)),
    'diagnosis max ms': round(Math.max(...diagnosisMs)),
    'no answer': count - diagnosisMs.length,
    p99,
  };
}

async function bedFor(world: RunningWorld, concurrency: number | undefined): Promise<SlackTestbed> {
  const runCheck = createDnsCheckRunner({
    resolvers: world.resolvers, authPort: world.authPort, providers: PROVIDERS, now: NOW, queryTimeoutMs: QUERY_TIMEOUT_MS, timeoutMs: 20_000,
  });
  return new SlackTestbed({ runCheck, ...(concurrency ? { checkConcurrency: concurrency } : {}) }).start();
}

export async function run(): Promise<void> {
  const zones = Array.from({ length: DOMAINS }, (_, i) => zone(domainOf(i), [txt(`_dnsauth.${domainOf(i)}`, EXPECTED)]));
  const rows: Row[] = [];
  const p99s = { pool: [] as number[], none: [] as number[] };
  const waitMs = 120_000;
  for (const mode of ['answering', 'silent'] as const) {
    const behaviours = mode === 'silent' ? { ns1: 'silent' as const, ns2: 'silent' as const } : {};
    const world = await startWorld(standardWorld({ zones, behaviours }));
    const bed = await bedFor(world, DEFAULT_CHECK_CONCURRENCY);
    const unbounded = mode === 'answering' ? await bedFor(world, undefined) : undefined;
    try {
      // One unmeasured request first: Bolt, the flow and the DNS code load lazily on first use.
      await phase(bed, 'warm-up', 1, domainOf, waitMs);
      if (unbounded) await phase(unbounded, 'warm-up', 1, domainOf, waitMs);
      for (const count of [1, 10, 50]) {
        world.log.length = 0;
        const { p99, ...row } = await phase(bed, `${mode}: ${count} at once, pool of ${DEFAULT_CHECK_CONCURRENCY}`, count, (i) => domainOf(i + 1), waitMs);
        rows.push({ ...row, 'queries per check': round(world.log.length / count) });
        if (mode === 'answering' && count === 50) p99s.pool.push(p99);
      }
      if (unbounded) {
        // The comparison, interleaved with more pooled rounds so both see the same machine load.
        for (let round = 0; round < 3; round++) {
          const { p99, ...row } = await phase(unbounded, 'answering: 50 at once, no pool (before)', 50, (i) => domainOf(i + 1), waitMs);
          if (round === 0) rows.push(row);
          p99s.none.push(p99);
          if (round < 2) p99s.pool.push((await phase(bed, 'again', 50, (i) => domainOf(i + 1), waitMs)).p99);
        }
        const merged = bed.pool!.merged;
        const { p99: _p99, ...row } = await phase(bed, 'answering: 500 at once, one domain, pool', 500, () => 'd7.test', waitMs);
        rows.push({ ...row, 'merged checks': bed.pool!.merged - merged });
      }
    } finally {
      await bed.stop();
      await unbounded?.stop();
      await world.stop();
    }
  }
  console.log(`distinct domains per phase (except the 500); nameservers silent: each query waits ${QUERY_TIMEOUT_MS} ms; times from sending the signed request (sent by another process)`);
  console.table(rows);
  const [pooled, none] = [median(p99s.pool), median(p99s.none)];
  console.log(`ack p99 at 50 at once with DNS answering, median of 3 interleaved rounds: ${round(pooled, 1)} ms with the pool (target <= 100 ms), ${round(none, 1)} ms without: ${round(pooled / none, 2)}x`);
}
