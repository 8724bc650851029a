/**
 * The network phase of a diagnosis, in as few round trips as the answers allow:
 *  1. resolvers: NS of the domain and its ancestors, the verification record, CAA.
 *  2. resolvers: addresses (A and AAAA) of the zone's and the parent's nameservers.
 *  3. every authoritative server (RD=0): the record (with the DO bit, so its RRSIGs or NSEC/NSEC3
 *     denial come along), SOA, the zone's DNSKEYs (DO); the parent's servers: the delegation and the
 *     DS (DO); resolvers that SERVFAILed: the record again with the CD bit.
 *  4. only when the zone's servers lack the expected record: the near-miss names at those servers and
 *     the resolvers, providers' nameservers with a known address, addresses of the other providers'.
 *  5. only when none of those has it: the other providers' nameservers.
 */
import type { DnsProvider } from '../analysis/providers';
import type { DnsResponse } from '../types';
import type { Budget } from './budget';
import { nameserver } from './describe';
import type { AuthServerResult, NamedServer, Observations, ProviderCheck, ResolverResult } from './observations';
import { discoverZone } from './zone-discovery';

export interface GatherInput {
  base: string;
  wildcard: boolean;
  verificationName: string;
  recordType: 'TXT' | 'CNAME';
  misplacedNames: { name: string; why: string }[];
  caaNames: string[];
  resolvers: NamedServer[];
  /** Providers whose nameservers are asked for the record. */
  providersToProbe: DnsProvider[];
  authPort: number;
  /** 'off': a nameserver's IPv6 addresses only when it has no IPv4 one; otherwise both families. */
  ipv6: 'auto' | 'on' | 'off';
  budget: Budget;
  /** True when the zone's own servers already serve the expected record: no search elsewhere then. */
  recordIsRight: (authoritative: AuthServerResult[]) => boolean;
}

const MAX_PARENT_SERVERS = 3;
const isServfail = (r: DnsResponse): boolean => r.kind === 'ok' && r.rcode === 2;

interface HostAddresses {
  v4: string[];
  v6: string[];
}

/** Every IPv4 and IPv6 address the resolvers give for a hostname. */
async function addressesOf(host: string, resolvers: NamedServer[], budget: Budget): Promise<HostAddresses> {
  const ask = (type: 'A' | 'AAAA') =>
    Promise.all(resolvers.map((r) => budget.ask(r, { name: host, type }, true))).then((responses) => [
      ...new Set(responses.flatMap((res) => (res.kind === 'ok' ? res.answers.filter((a) => a.type === type && a.name === host).map((a) => a.address as string) : []))),
    ]);
  const [v4, v6] = await Promise.all([ask('A'), ask('AAAA')]);
  return { v4, v6 };
}

/** Both families, or IPv6 only for a host without IPv4 (one working address is enough to read it). */
const pick = (a: HostAddresses | undefined, bothFamilies: boolean): string[] => (!a ? [] : bothFamilies ? [...a.v4, ...a.v6] : a.v4.length > 0 ? a.v4 : a.v6);

async function resolveHosts(hosts: string[], resolvers: NamedServer[], budget: Budget): Promise<Map<string, HostAddresses>> {
  const entries = await Promise.all(hosts.map(async (h) => [h, await addressesOf(h, resolvers, budget)] as const));
  return new Map(entries);
}

export async function gather(input: GatherInput): Promise<Observations> {
  const { budget, resolvers, verificationName: vname, recordType } = input;
  const askResolvers = (name: string, type: 'TXT' | 'CNAME' | 'CAA') => Promise.all(resolvers.map((r) => budget.ask(r, { name, type }, true)));
  const providerServers = (withAddress: boolean) =>
    input.providersToProbe.flatMap((p) => p.nameservers.filter((ns) => (ns.address !== undefined) === withAddress).map((ns) => ({ provider: p, ns })));
  const probeProvider = async (provider: DnsProvider, server: NamedServer): Promise<ProviderCheck> => ({
    provider,
    server,
    response: await budget.ask(server, { name: vname, type: recordType }, false),
  });

  // Round trip 1.
  const [discovery, recordAnswers, caaAnswers] = await Promise.all([
    discoverZone(input.base, resolvers, budget),
    askResolvers(vname, recordType),
    Promise.all(input.caaNames.map((name) => askResolvers(name, 'CAA'))),
  ]);

  // Round trip 2: nameserver addresses.
  // A few parent servers are enough to read the delegation (a TLD has a dozen); every server of the
  // zone itself is asked, since the CA may ask any of them.
  const parentNs = discovery.parentNs.slice(0, MAX_PARENT_SERVERS);
  const hosts = [...new Set([...discovery.zoneNs, ...parentNs])];
  const addresses = await resolveHosts(hosts, resolvers, budget);
  // The zone's own servers are asked at every address, as the CA's resolvers may use any of them.
  const serversOf = (names: string[], bothFamilies = false): NamedServer[] =>
    names.flatMap((name) => pick(addresses.get(name), bothFamilies).map((address) => nameserver(name, { address, port: input.authPort }, input.authPort)));
  const zoneServers = serversOf(discovery.zoneNs, input.ipv6 !== 'off');
  const parentServers = serversOf(parentNs);

  // Round trip 3: the authoritative servers, the parent, late providers, CD-bit retries.
  const zone = discovery.zone;
  const askAuth = async (server: NamedServer): Promise<AuthServerResult> => {
    const [record, soa] = await Promise.all([
      budget.ask(server, { name: vname, type: recordType }, false, false, true),
      zone ? budget.ask(server, { name: zone, type: 'SOA' }, false) : Promise.resolve<DnsResponse>({ kind: 'timeout', detail: 'no zone', transport: 'udp' }),
    ]);
    return { server, record, soa, misplaced: [] };
  };
  // The DS and DNSKEYs (in the same round trip) so the signatures can be checked here, not only inferred from a SERVFAIL.
  const askKeys = !discovery.baseNxdomain && zone !== undefined;
  const askAll = (servers: NamedServer[], type: 'DS' | 'DNSKEY') =>
    Promise.all(servers.map(async (server) => ({ server, response: await budget.ask(server, { name: zone as string, type }, false, false, true) })));
  const [authoritative, delegation, cdRetries, ds, dnskey] = await Promise.all([
    discovery.baseNxdomain ? Promise.resolve([]) : Promise.all(zoneServers.map(askAuth)),
    Promise.all(
      parentServers.map(async (server) => ({ server, response: await budget.ask(server, { name: discovery.baseNxdomain ? input.base : (zone ?? input.base), type: 'NS' }, false) })),
    ),
    Promise.all(resolvers.map((r, i) => (isServfail(recordAnswers[i]) ? budget.ask(r, { name: vname, type: recordType }, true, true) : Promise.resolve(undefined)))),
    askKeys ? askAll(parentServers, 'DS') : Promise.resolve([]),
    askKeys ? askAll(zoneServers, 'DNSKEY') : Promise.resolve([]),
  ]);

  const delegationNs = [
    ...new Set(
      delegation.flatMap((d) => (d.response.kind === 'ok' ? [...d.response.authority, ...d.response.answers].filter((r) => r.type === 'NS' && r.name === zone).map((r) => r.target as string) : [])),
    ),
  ].sort();

  // The parent may delegate to servers the zone does not list (a half-done move between providers):
  // those are the ones the world actually asks, so they are asked too.
  const onlyInDelegation = delegationNs.filter((name) => !discovery.zoneNs.includes(name));
  if (onlyInDelegation.length > 0 && !discovery.baseNxdomain) {
    const more = await resolveHosts(onlyInDelegation, resolvers, budget);
    more.forEach((value, key) => addresses.set(key, value));
    authoritative.push(...(await Promise.all(serversOf(onlyInDelegation, input.ipv6 !== 'off').map(askAuth))));
  }

  // A referral for the verification name (NS in the authority section, no answer, no AA bit): the name
  // sits in a delegated child zone (`_dnsauth.example.com` delegated to another provider). That is not
  // a lame server: the delegation is followed, as the CA's resolver does, and the record is judged by
  // the child zone's servers; the parent's referrals are kept as evidence.
  // Only a cut strictly below the domain: a referral for the domain itself means its own zone was not
  // found (its servers did not answer the resolvers), which is judged as such, not followed here.
  const cut = zone && !discovery.baseNxdomain ? referralCut(authoritative, vname, zone, input.base) : undefined;
  let childZone: Observations['childZone'];
  if (cut && zone) {
    const referredBy = authoritative.filter((a) => referralCut([a], vname, zone, input.base)?.name === cut.name);
    const glue = new Map<string, HostAddresses>();
    for (const a of referredBy) {
      if (a.record.kind !== 'ok') continue;
      for (const r of a.record.additional) {
        if ((r.type !== 'A' && r.type !== 'AAAA') || !cut.ns.includes(r.name)) continue;
        const entry = glue.get(r.name) ?? { v4: [], v6: [] };
        const list = r.type === 'A' ? entry.v4 : entry.v6;
        if (!list.includes(r.address as string)) list.push(r.address as string);
        glue.set(r.name, entry);
      }
    }
    const needed = cut.ns.filter((h) => !glue.has(h));
    const resolved = await resolveHosts(needed, resolvers, budget);
    glue.forEach((value, key) => addresses.set(key, value));
    resolved.forEach((value, key) => addresses.set(key, value));
    const childServers = serversOf(cut.ns, input.ipv6 !== 'off');
    const askChild = async (server: NamedServer): Promise<AuthServerResult> => {
      const [record, soa] = await Promise.all([
        budget.ask(server, { name: vname, type: recordType }, false, false, true),
        budget.ask(server, { name: cut.name, type: 'SOA' }, false),
      ]);
      return { server, record, soa, misplaced: [] };
    };
    const servers = await Promise.all(childServers.map(askChild));
    childZone = { name: cut.name, ns: cut.ns, referredBy, servers, unresolvedNs: cut.ns.filter((h) => pick(addresses.get(h), true).length === 0) };
    // The record is judged where it lives; the parent's servers that only referred stay in referredBy.
    authoritative.splice(0, authoritative.length, ...authoritative.filter((a) => !referredBy.includes(a)), ...servers);
  }

  // Round trips 4 and 5, only when the zone's own servers do not serve the expected record: where people
  // put it by mistake (near misses at the zone's servers and the resolvers), then other providers'
  // nameservers, those with a known address first and the rest only if none of those has it. A healthy
  // domain costs none of these queries.
  let misplacedAnswers: DnsResponse[][] = input.misplacedNames.map(() => []);
  const providerChecks: ProviderCheck[] = [];
  if (!discovery.baseNxdomain && !input.recordIsRight(authoritative)) {
    const early = providerServers(true);
    const late = providerServers(false);
    const [atResolvers, atAuth, earlyChecks, lateAddresses] = await Promise.all([
      Promise.all(input.misplacedNames.map((m) => askResolvers(m.name, 'TXT'))),
      Promise.all(authoritative.map((a) => Promise.all(input.misplacedNames.map((m) => budget.ask(a.server, { name: m.name, type: 'TXT' }, false))))),
      Promise.all(early.map(({ provider, ns }) => probeProvider(provider, nameserver(ns.name, { address: ns.address as string, port: input.authPort }, input.authPort)))),
      resolveHosts([...new Set(late.map((p) => p.ns.name))], resolvers, budget),
    ]);
    misplacedAnswers = atResolvers;
    authoritative.forEach((a, i) => (a.misplaced = atAuth[i]));
    providerChecks.push(...earlyChecks);
    const hit = (c: ProviderCheck) => c.response.kind === 'ok' && c.response.answers.some((r) => r.name === vname && r.type === recordType);
    if (!earlyChecks.some(hit) && late.length > 0) {
      lateAddresses.forEach((value, key) => addresses.set(key, value));
      providerChecks.push(...(await Promise.all(late.flatMap(({ provider, ns }) => serversOf([ns.name]).map((server) => probeProvider(provider, server))))));
    }
  }

  // A provider that has the record: is it in a hosted zone of its own at (or just above) the record's
  // name, one the domain's zone does not delegate to? Its SOA for the name says which zone holds it.
  const hasRecord = (c: ProviderCheck) => c.response.kind === 'ok' && c.response.answers.some((r) => r.name === vname && r.type === recordType);
  await Promise.all(providerChecks.filter(hasRecord).map(async (c) => (c.zoneSoa = await budget.ask(c.server, { name: vname, type: 'SOA' }, false))));

  const resolverResults: ResolverResult[] = resolvers.map((server, i) => ({
    server,
    record: recordAnswers[i],
    recordCd: cdRetries[i],
    misplaced: misplacedAnswers.map((answers) => answers[i]),
  }));

  return {
    base: input.base,
    wildcard: input.wildcard,
    verificationName: vname,
    misplacedNames: input.misplacedNames,
    nsLookups: discovery.lookups,
    zone,
    zoneNs: discovery.zoneNs,
    parentZone: discovery.parentZone,
    parentNs: discovery.parentNs,
    unresolvedNs: [...new Set([...discovery.zoneNs, ...delegationNs])].filter((h) => pick(addresses.get(h), true).length === 0),
    delegation,
    delegationNs,
    authoritative,
    resolvers: resolverResults,
    providerChecks,
    caa: input.caaNames.map((name, i) => ({ name, response: caaAnswers[i].find((r) => r.kind === 'ok' && r.rcode !== 2) ?? caaAnswers[i][0] })),
    baseNxdomain: discovery.baseNxdomain,
    dnssecKeys: askKeys ? { ds, dnskey } : undefined,
    childZone,
    budgetExhausted: budget.exhausted,
  };
}

/** The child zone a referral for `vname` points to (strictly below `zone`), with its nameservers, when the servers refer. */
function referralCut(authoritative: AuthServerResult[], vname: string, zone: string, base: string): { name: string; ns: string[] } | undefined {
  for (const a of authoritative) {
    const r = a.record;
    if (r.kind !== 'ok' || r.rcode !== 0 || r.flags.aa || r.answers.length > 0) continue;
    const ns = r.authority.filter((x) => x.type === 'NS' && x.name.endsWith(`.${zone}`) && x.name.endsWith(`.${base}`) && (vname === x.name || vname.endsWith(`.${x.name}`)));
    if (ns.length === 0) continue;
    const name = ns[0].name;
    return { name, ns: [...new Set(ns.filter((x) => x.name === name).map((x) => (x.target ?? x.value) as string))].sort() };
  }
  return undefined;
}
