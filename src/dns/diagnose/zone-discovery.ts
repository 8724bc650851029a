/**
 * Finds the zone that holds the domain and its parent zone in one round trip: ask the resolvers for the
 * NS records of the base name and of every ancestor at once; the longest name with an NS set is the
 * zone, the next one up is its parent.
 */
import type { DnsResponse } from '../types';
import type { Budget } from './budget';
import type { Asked, NamedServer } from './observations';

export interface ZoneDiscovery {
  lookups: { name: string; asked: Asked[] }[];
  zone?: string;
  zoneNs: string[];
  parentZone?: string;
  parentNs: string[];
  baseNxdomain: boolean;
}

function ancestors(base: string): string[] {
  const labels = base.split('.');
  return labels.map((_, i) => labels.slice(i).join('.'));
}

function nsTargets(response: DnsResponse, name: string): string[] {
  if (response.kind !== 'ok' || response.rcode !== 0) return [];
  return response.answers.filter((r) => r.type === 'NS' && r.name === name).map((r) => r.target ?? r.value);
}

export async function discoverZone(base: string, resolvers: NamedServer[], budget: Budget): Promise<ZoneDiscovery> {
  const names = ancestors(base);
  const askName = async (name: string, checkingDisabled: boolean) => ({
    name,
    asked: await Promise.all(resolvers.map(async (server) => ({ server, response: await budget.ask(server, { name, type: 'NS' }, true, checkingDisabled) }))),
  });
  const lookups = await Promise.all(names.map((name) => askName(name, false)));
  // A validating resolver that SERVFAILs on a broken DNSSEC chain still answers with the CD bit; the
  // delegation is needed to prove that the authoritative servers are fine. Only names that failed
  // everywhere are asked again.
  const servfail = (r: DnsResponse) => r.kind === 'ok' && r.rcode === 2;
  const failedNames = lookups.filter((l) => l.asked.some((a) => servfail(a.response)) && !l.asked.some((a) => a.response.kind === 'ok' && !servfail(a.response)));
  const retried = await Promise.all(failedNames.map((l) => askName(l.name, true)));
  for (const retry of retried) lookups[lookups.findIndex((l) => l.name === retry.name)] = retry;

  const withNs = lookups.map((l) => ({ name: l.name, ns: [...new Set(l.asked.flatMap((a) => nsTargets(a.response, l.name)))] })).filter((l) => l.ns.length > 0);
  const baseLookup = lookups[0];
  const baseNxdomain = baseLookup.asked.some((a) => a.response.kind === 'ok' && a.response.rcode === 3);
  // For a name that does not exist, the closest zone found is the parent that says so.
  const [zone, parent] = baseNxdomain ? [undefined, withNs[0]] : withNs;
  return {
    lookups,
    zone: zone?.name,
    zoneNs: zone?.ns.sort() ?? [],
    parentZone: parent?.name,
    parentNs: parent?.ns.sort() ?? [],
    baseNxdomain,
  };
}
