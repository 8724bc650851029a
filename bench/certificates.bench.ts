/**
 * Certificate look-ups as chat answers them: `cert:ID` = the SCM client against the fake CCM on loopback
 * (signed requests), then every name's DNS check through the conversation service onto ONE card. A 3-name
 * certificate against a 1-name one shows what the bounded concurrency buys; with latency added to every DNS
 * server the difference is the sequential round trips saved. The digest sweep of every pending certificate
 * is the same path for all of them.
 */
import { HuaweiScmSource } from '../src/certs/huawei-scm';
import { lookUpCertificate } from '../src/certs/lookup';
import { sweepPending } from '../src/certs/sweep';
import { createDnsCheckRunner } from '../src/checks/dns-runner';
import { CcmCredentials } from '../src/config/ccm';
import { createConversationService } from '../src/conversation/service';
import { diagnose } from '../src/dns/diagnose';
import { loadFlowsDir } from '../src/flow/registry';
import { MemoryStore } from '../src/store/memory';
import { EXPECTED, NOW, PROVIDERS, standardWorld, txt, zone } from '../test/support/dns-world/standard';
import { startWorld } from '../test/support/dns-world/world';
import { CERTIFICATES, WWW_VALUE } from '../test/support/fake-ccm/certificates';
import { startFakeCcm } from '../test/support/fake-ccm/server';

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

const ALLOW = { slackWorkspaces: [], slackChannels: ['C1'], teamsTenants: [], teamsTeams: [] };

async function scenario(latencyMs: number, runs: number): Promise<Record<string, unknown>[]> {
  const world = await startWorld(
    standardWorld({
      zones: [
        zone('shop.test', [
          txt('_dnsauth.shop.test', EXPECTED),
          txt('_dnsauth.www.shop.test', WWW_VALUE),
          { name: 'www.shop.test', type: 'A', value: '127.0.0.80', ttl: 300 },
          { name: 'api.shop.test', type: 'A', value: '127.0.0.80', ttl: 300 },
        ]),
        zone('old.test', [txt('_dnsauth.old.test', 'whatever')]),
      ],
      ...(latencyMs ? { latencyMs } : {}),
    }),
  );
  const fake = await startFakeCcm({ certificates: CERTIFICATES });
  try {
    const source = new HuaweiScmSource({ endpoint: fake.url, credentials: new CcmCredentials(fake.ak, fake.sk), timeoutMs: 5000, maxRetryWaitMs: 0, concurrency: 4 });
    const dns = { resolvers: world.resolvers, authPort: world.authPort, providers: PROVIDERS, now: NOW, queryTimeoutMs: 2000 + 3 * latencyMs, timeoutMs: 20_000 };
    const conversations = createConversationService({ flows: loadFlowsDir(), store: new MemoryStore(), runCheck: createDnsCheckRunner(dns) });
    const card = async (id: string) => {
      const found = await lookUpCertificate({ source, allow: ALLOW }, { channel: 'slack', workspace: 'T1', channelId: 'C1' }, id);
      if (found.kind !== 'found') throw new Error(`look-up ${found.kind}`);
      const names = found.plan.targets.map((t) => ({ domain: t.domain, ...(t.expect ? { expect: t.expect } : {}), recordName: t.recordName, recordType: t.recordType }));
      return conversations.diagnoseNames({ names });
    };
    const rows: Record<string, unknown>[] = [];
    const time = async (label: string, work: () => Promise<unknown>) => {
      await work(); // warm-up: module loading, first sockets
      const times: number[] = [];
      for (let i = 0; i < runs; i++) {
        const started = process.hrtime.bigint();
        await work();
        times.push(Number(process.hrtime.bigint() - started) / 1e6);
      }
      rows.push({ scenario: `${label}${latencyMs ? `, ${latencyMs} ms per DNS answer` : ', loopback'}`, runs, medianMs: Math.round(median(times) * 10) / 10, minMs: Math.round(Math.min(...times) * 10) / 10 });
    };
    await time('cert:ID, 1 name (look-up + card)', () => card('scs1000000000003'));
    await time('cert:ID, 3 names (look-up + card)', () => card('scs1000000000001'));
    await time('digest sweep, 2 pending certificates / 4 names', () =>
      sweepPending(source, (t) => diagnose(t.domain, { ...dns, expect: t.expect, recordName: t.recordName, recordType: t.recordType }), 4),
    );
    return rows;
  } finally {
    await fake.stop();
    await world.stop();
  }
}

export async function run(): Promise<void> {
  const rows = [...(await scenario(0, 9)), ...(await scenario(50, 5))];
  console.table(rows);
}
