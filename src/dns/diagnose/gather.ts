/**
 * The network phase of a diagnosis, in as few round trips as the answers allow:
 *  1. resolvers: NS of the domain and its ancestors, the verification record, misplaced names, CAA;
 *     provider nameservers with a known address: the verification record.
 *  2. resolvers: addresses (A and AAAA) of the zone's and the parent's nameservers (and of providers'
 *     without one).
 *  3. every authoritative server (RD=0): the record (with the DO bit, so its RRSIGs or NSEC/NSEC3
 *     denial come along), SOA, misplaced names, the zone's DNSKEYs (DO); the parent's servers: the
 *     delegation and the DS (DO); resolvers that SERVFAILed: the record again with the CD bit.
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
  const [discovery, recordAnswers, misplacedAnswers, caaAnswers, earlyProviderChecks] = await Promise.all([
    discoverZone(input.base, resolvers, budget),
    askResolvers(vname, recordType),
    Promise.all(input.misplacedNames.map((m) => askResolvers(m.name, 'TXT'))),
    Promise.all(input.caaNames.map((name) => askResolvers(name, 'CAA'))),
    Promise.all(providerServers(true).map(({ provider, ns }) => probeProvider(provider, nameserver(ns.name, { address: ns.address as string, port: input.authPort }, input.authPort)))),
  ]);

  // Round trip 2: nameserver addresses.
  const lateProviders = providerServers(false);
  // A few parent servers are enough to read the delegation (a TLD has a dozen); every server of the
  // zone itself is asked, since the CA may ask any of them.
  const parentNs = discovery.parentNs.slice(0, MAX_PARENT_SERVERS);
  const hosts = [...new Set([...discovery.zoneNs, ...parentNs, ...lateProviders.map((p) => p.ns.name)])];
  const addresses = await resolveHosts(hosts, resolvers, budget);
  // The zone's own servers are asked at every address, as the CA's resolvers may use any of them.
  const serversOf = (names: string[], bothFamilies = false): NamedServer[] =>
    names.flatMap((name) => pick(addresses.get(name), bothFamilies).map((address) => nameserver(name, { address, port: input.authPort }, input.authPort)));
  const zoneServers = serversOf(discovery.zoneNs, input.ipv6 !== 'off');
  const parentServers = serversOf(parentNs);

  // Round trip 3: the authoritative servers, the parent, late providers, CD-bit retries.
  const zone = discovery.zone;
  const askAuth = async (server: NamedServer): Promise<AuthServerResult> => {
    const [record, soa, misplaced] = await Promise.all([
      budget.ask(server, { name: vname, type: recordType }, false, false, true),
      zone ? budget.ask(server, { name: zone, type: 'SOA' }, false) : Promise.resolve<DnsResponse>({ kind: 'timeout', detail: 'no zone', transport: 'udp' }),
      Promise.all(input.misplacedNames.map((m) => budget.ask(server, { name: m.name, type: 'TXT' }, false))),
    ]);
    return { server, record, soa, misplaced };
  };
  // The DS and DNSKEYs (in the same round trip) so the signatures can be checked here, not only inferred from a SERVFAIL.
  const askKeys = !discovery.baseNxdomain && zone !== undefined;
  const askAll = (servers: NamedServer[], type: 'DS' | 'DNSKEY') =>
    Promise.all(servers.map(async (server) => ({ server, response: await budget.ask(server, { name: zone as string, type }, false, false, true) })));
  const [authoritative, delegation, lateProviderChecks, cdRetries, ds, dnskey] = await Promise.all([
    discovery.baseNxdomain ? Promise.resolve([]) : Promise.all(zoneServers.map(askAuth)),
    Promise.all(
      parentServers.map(async (server) => ({ server, response: await budget.ask(server, { name: discovery.baseNxdomain ? input.base : (zone ?? input.base), type: 'NS' }, false) })),
    ),
    Promise.all(lateProviders.flatMap(({ provider, ns }) => serversOf([ns.name]).map((server) => probeProvider(provider, server)))),
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
    providerChecks: [...earlyProviderChecks, ...lateProviderChecks],
    caa: input.caaNames.map((name, i) => ({ name, response: caaAnswers[i].find((r) => r.kind === 'ok' && r.rcode !== 2) ?? caaAnswers[i][0] })),
    baseNxdomain: discovery.baseNxdomain,
    dnssecKeys: askKeys ? { ds, dnskey } : undefined,
    budgetExhausted: budget.exhausted,
  };
}
