/**
 * The standard test world: a `test` top zone on 127.0.0.2 that delegates each domain to Alpha DNS
 * (ns1/ns2.alpha-dns.test on 127.0.0.3/.4); Beta Cloud DNS (ns1.beta-dns.test, 127.0.0.5) is the
 * "other platform" where users sometimes add the record; resolvers on 127.0.0.53 and up.
 */
import type { DnsProvider } from '../../../src/dns/analysis/providers';
import type { Behaviour, ResolverSpec, WorldSpec, Zone, ZoneRecord } from './types';

export const ROOT = '127.0.0.2';
export const ALPHA1 = '127.0.0.3';
export const ALPHA2 = '127.0.0.4';
export const BETA = '127.0.0.5';
export const RESOLVER = '127.0.0.53';

/** Time the scenarios run at; EXPECTED was issued two days before, OLD in March. */
export const NOW = new Date('2026-11-27T10:00:00Z');
export const EXPECTED = '20261125093000k7q2m9x4w8p3';
export const OLD = '20260301120000a1b2c3d4e5f6';

export const PROVIDERS: DnsProvider[] = [
  { id: 'alpha', name: 'Alpha DNS', nsPatterns: ['*.alpha-dns.test'], nameservers: [{ name: 'ns1.alpha-dns.test', address: ALPHA1 }] },
  { id: 'beta', name: 'Beta Cloud DNS', nsPatterns: ['*.beta-dns.test'], nameservers: [{ name: 'ns1.beta-dns.test', address: BETA }] },
];

export const txt = (name: string, value: string | string[], ttl = 300): ZoneRecord => ({ name, type: 'TXT', value, ttl });

/** A domain's zone as Alpha serves it, with `records` added. */
export function zone(origin: string, records: ZoneRecord[] = [], serial = 2026112701, minimum = 300): Zone {
  return {
    origin,
    serial,
    minimum,
    records: [
      { name: origin, type: 'NS', value: 'ns1.alpha-dns.test', ttl: 3600 },
      { name: origin, type: 'NS', value: 'ns2.alpha-dns.test', ttl: 3600 },
      { name: origin, type: 'A', value: '127.0.0.80', ttl: 300 },
      ...records,
    ],
  };
}

export interface WorldOptions {
  /** Zones on both Alpha servers (each is delegated from `test`). */
  zones?: Zone[];
  /** Replaces ns2's zones, to make the servers disagree. */
  ns2Zones?: Zone[];
  /** Zones Beta hosts (a record added on the wrong platform). */
  betaZones?: Zone[];
  behaviours?: { root?: Behaviour; ns1?: Behaviour; ns2?: Behaviour; beta?: Behaviour };
  /** Resolver stand-ins (without address); one plain resolver by default. */
  resolvers?: Omit<ResolverSpec, 'address'>[];
  latencyMs?: number;
  /** Extra records in the `test` zone. */
  rootRecords?: ZoneRecord[];
}

export function standardWorld(options: WorldOptions = {}): WorldSpec {
  const zones = options.zones ?? [zone('shop.test', [txt('_dnsauth.shop.test', EXPECTED)])];
  const delegations = zones.flatMap((z): ZoneRecord[] => [
    { name: z.origin, type: 'NS', value: 'ns1.alpha-dns.test', ttl: 3600 },
    { name: z.origin, type: 'NS', value: 'ns2.alpha-dns.test', ttl: 3600 },
  ]);
  const root: Zone = {
    origin: 'test',
    serial: 1,
    minimum: 900,
    records: [
      { name: 'test', type: 'NS', value: 'ns.nic.test' },
      { name: 'ns.nic.test', type: 'A', value: ROOT },
      { name: 'ns1.alpha-dns.test', type: 'A', value: ALPHA1 },
      { name: 'ns2.alpha-dns.test', type: 'A', value: ALPHA2 },
      { name: 'ns1.beta-dns.test', type: 'A', value: BETA },
      ...delegations,
      ...(options.rootRecords ?? []),
    ],
  };
  const b = options.behaviours ?? {};
  return {
    roots: [ROOT],
    latencyMs: options.latencyMs,
    servers: [
      { address: ROOT, zones: [root], behaviour: b.root },
      { address: ALPHA1, zones, behaviour: b.ns1 },
      { address: ALPHA2, zones: options.ns2Zones ?? zones, behaviour: b.ns2 },
      { address: BETA, zones: options.betaZones ?? [], behaviour: b.beta },
    ],
    resolvers: (options.resolvers ?? [{}]).map((r, i) => ({ ...r, address: `127.0.0.${53 + i}` })),
  };
}
