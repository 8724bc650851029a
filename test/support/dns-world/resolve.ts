/**
 * The recursive stand-in's brain: iterative resolution from the roots through the world's servers,
 * following referrals and CNAMEs, overridden by a stale cache, a negative cache or DNSSEC failures.
 */
import type { RecordType } from '../../../src/dns/types';
import type { AuthServerSpec, ResolverSpec, WorldSpec, ZoneRecord } from './types';
import { findZone, lookup, soaRecord, type LookupResult } from './zone-lookup';

const under = (name: string, parent: string): boolean => name === parent || name.endsWith(`.${parent}`);
const usable = (s: AuthServerSpec): boolean => (s.behaviour ?? 'answer') === 'answer' || s.behaviour === 'truncate-udp';
const SERVFAIL: LookupResult = { rcode: 2, aa: false, answers: [], authority: [], additional: [] };

function iterate(world: WorldSpec, name: string, type: RecordType, depth: number): LookupResult {
  if (depth > 8) return SERVFAIL;
  let servers = world.roots;
  for (let hop = 0; hop < 10; hop++) {
    const server = world.servers.find((s) => servers.includes(s.address) && usable(s));
    if (!server) return SERVFAIL;
    const result = lookup(server.zones, name, type);
    if (result.rcode === 5) return SERVFAIL;
    const referral = !result.aa && result.authority.some((r) => r.type === 'NS');
    if (referral) {
      const targets = result.authority.map((r) => String(r.value));
      const isAddress = (r: ZoneRecord) => r.type === 'A' || r.type === 'AAAA';
      const glue = result.additional.filter(isAddress).map((r) => String(r.value));
      servers =
        glue.length > 0
          ? glue
          : targets.flatMap((t) => [...iterate(world, t, 'A', depth + 1).answers, ...iterate(world, t, 'AAAA', depth + 1).answers].filter(isAddress).map((r) => String(r.value)));
      continue;
    }
    const cname = result.answers.find((r) => r.type === 'CNAME');
    if (cname && type !== 'CNAME') {
      const chased = iterate(world, String(cname.value), type, depth + 1);
      return { ...chased, aa: false, answers: [...result.answers, ...chased.answers] };
    }
    return { ...result, aa: false };
  }
  return SERVFAIL;
}

/** The zone a name falls in, as the resolver would learn it (for the SOA of a cached negative answer). */
function zoneSoa(world: WorldSpec, name: string, ttl: number): ZoneRecord[] {
  const zones = world.servers.filter(usable).flatMap((s) => s.zones);
  const zone = findZone(zones, name);
  return zone ? [{ ...soaRecord(zone, true), ttl }] : [];
}

export function resolve(world: WorldSpec, resolver: ResolverSpec, rawName: string, type: RecordType, checkingDisabled: boolean): LookupResult {
  const name = rawName.toLowerCase().replace(/\.$/, '');
  const negative = resolver.negativeCache?.find((n) => n.name === name && n.type === type);
  if (negative) {
    return { rcode: negative.rcode === 'NOERROR' ? 0 : 3, aa: false, answers: [], authority: zoneSoa(world, name, negative.ttl), additional: [] };
  }
  const cached = resolver.cache?.find((c) => c.name === name && c.type === type);
  if (cached) {
    return { rcode: 0, aa: false, answers: cached.values.map((value) => ({ name, type, ttl: cached.ttl, value })), authority: [], additional: [] };
  }
  if (!checkingDisabled && resolver.dnssecBogus?.some((b) => under(name, b))) return SERVFAIL;
  const failing = resolver.failing?.find((f) => f.name === name && f.type === type);
  if (failing) return { ...SERVFAIL, rcode: failing.rcode ?? 2 };
  return iterate(world, name, type, 0);
}
