/**
 * Wall time of a whole `diagnose()` on loopback against the test DNS world: plain, with latency injected
 * into every server (time / latency = sequential round trips), and with every server silent.
 */
import { diagnoseMany } from '../src/checks/check-many';
import { diagnose } from '../src/dns/diagnose';
import type { DiagnoseOptions } from '../src/dns/types';
import { EXPECTED, NOW, PROVIDERS, standardWorld, txt, zone, type WorldOptions } from '../test/support/dns-world/standard';
import { dsRecordFor, signZone } from '../test/support/dns-world/signing';
import { startWorld } from '../test/support/dns-world/world';

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

interface Row {
  scenario: string;
  runs: number;
  medianMs: number;
  minMs: number;
  maxMs: number;
  queries: number;
  roundTrips: string;
  causes: string;
}

async function measure(scenario: string, world: WorldOptions, runs: number, options: Partial<DiagnoseOptions> = {}, latencyMs?: number): Promise<Row> {
  const running = await startWorld(standardWorld(world));
  try {
    const times: number[] = [];
    let causes = '';
    let queries = 0;
    for (let i = 0; i < runs; i++) {
      running.log.length = 0;
      const started = process.hrtime.bigint();
      const d = await diagnose('shop.test', {
        expect: EXPECTED,
        resolvers: running.resolvers,
        authPort: running.authPort,
        providers: PROVIDERS,
        now: NOW,
        ...options,
      });
      times.push(Number(process.hrtime.bigint() - started) / 1e6);
      causes = d.causes.join(',');
      queries = running.log.length;
    }
    const med = median(times);
    return {
      scenario,
      runs,
      medianMs: Math.round(med * 10) / 10,
      minMs: Math.round(Math.min(...times) * 10) / 10,
      maxMs: Math.round(Math.max(...times) * 10) / 10,
      queries,
      roundTrips: latencyMs ? (med / latencyMs).toFixed(1) : '-',
      causes,
    };
  } finally {
    await running.stop();
  }
}

/**
 * A certificate's names checked together (diagnoseMany, bounded concurrency) against one name alone,
 * with latency on every server so the figure is about waiting on the network, as in real life.
 */
async function measureMany(count: number, latencyMs: number, runs: number): Promise<{ one: number; many: number; queriesOne: number; queriesMany: number }> {
  const names = ['shop.test', 'www.shop.test', 'api.shop.test', 'cdn.shop.test', 'mail.shop.test', 'pay.shop.test', 'blog.shop.test'].slice(0, count);
  const running = await startWorld(standardWorld({ latencyMs, zones: [zone('shop.test', names.map((n) => txt(`_dnsauth.${n}`, EXPECTED)))] }));
  const options: Partial<DiagnoseOptions> = { expect: EXPECTED, resolvers: running.resolvers, authPort: running.authPort, providers: PROVIDERS, now: NOW };
  const time = async (fn: () => Promise<unknown>): Promise<number> => {
    const started = process.hrtime.bigint();
    await fn();
    return Number(process.hrtime.bigint() - started) / 1e6;
  };
  try {
    const one: number[] = [];
    const many: number[] = [];
    let queriesOne = 0;
    let queriesMany = 0;
    for (let i = 0; i < runs; i++) {
      running.log.length = 0;
      one.push(await time(() => diagnoseMany([names[0]], options)));
      queriesOne = running.log.length;
      running.log.length = 0;
      many.push(await time(() => diagnoseMany(names, options)));
      queriesMany = running.log.length;
    }
    return { one: median(one), many: median(many), queriesOne, queriesMany };
  } finally {
    await running.stop();
  }
}

export async function run(): Promise<void> {
  const latency = 100;
  const rows: Row[] = [];
  rows.push(await measure('healthy domain, loopback', {}, 41));
  rows.push(await measure('record on another provider, loopback', { zones: [zone('shop.test')], betaZones: [zone('shop.test', [txt('_dnsauth.shop.test', EXPECTED)])] }, 21));
  // Signed zone with a DS: the record's RRSIGs, the DNSKEY set and the DS link verified here (ECDSA P-256, RSA-2048).
  for (const algorithm of [13, 8] as const) {
    const signed = signZone(zone('shop.test', [txt('_dnsauth.shop.test', EXPECTED)]), { now: NOW, algorithm });
    rows.push(await measure(`healthy signed domain (algorithm ${algorithm}), loopback`, { zones: [signed.zone], rootRecords: [dsRecordFor(signed)] }, 41));
  }
  rows.push(await measure(`healthy domain, ${latency} ms added to every server`, { latencyMs: latency }, 9, {}, latency));
  // Every server silent: default budget (10 s whole check, 2 s per query).
  rows.push(await measure('every server silent (default budget 10 s)', { behaviours: { root: 'silent', ns1: 'silent', ns2: 'silent', beta: 'silent' }, resolvers: [{ behaviour: 'silent' }] }, 3));
  rows.push(await measure('authoritative servers silent, resolver fine', { behaviours: { ns1: 'silent', ns2: 'silent' } }, 3));
  // Silent resolver and a provider whose nameserver needs an address from it (a second wave through the
  // resolver): a silent server is not asked again, so this costs one query timeout (2 s), not two.
  const gamma = { id: 'gamma', name: 'Gamma DNS', nsPatterns: ['*.gamma-dns.test'], nameservers: [{ name: 'ns1.gamma-dns.test' }] };
  const silentResolver = await measure('resolver silent, 2 waves through it (x 2 s query timeout)', { resolvers: [{ behaviour: 'silent' }] }, 3, { providers: [...PROVIDERS, gamma] });
  rows.push({ ...silentResolver, roundTrips: `${(silentResolver.medianMs / 2000).toFixed(2)} x timeout` });
  console.table(rows);
  // Issue 11.5: 5 names take at most 1.5x the time of one.
  const m = await measureMany(5, 50, 7);
  console.table([
    {
      scenario: 'several names (diagnoseMany), 50 ms added to every server',
      oneNameMs: Math.round(m.one),
      fiveNamesMs: Math.round(m.many),
      ratio: (m.many / m.one).toFixed(2),
      target: '<= 1.50',
      queriesOne: m.queriesOne,
      queriesFive: m.queriesMany,
    },
  ]);
}
