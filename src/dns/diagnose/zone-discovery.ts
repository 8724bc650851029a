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
  const askAll = (checkingDisabled: boolean) =>
    Promise.all(
      names.map(async (name) => ({
        name,
        asked: await Promise.all(resolvers.map(async (server) => ({ server, response: await budget.ask(server, { name, type: 'NS' }, true, checkingDisabled) }))),
      })),
    );
  let lookups = await askAll(false);
  const anyAnswer = lookups.some((l) => l.asked.some((a) => a.response.kind === 'ok' && a.response.rcode !== 2));
  const anyServfail = lookups.some((l) => l.asked.some((a) => a.response.kind === 'ok' && a.response.rcode === 2));
  // A validating resolver that SERVFAILs on a broken DNSSEC chain still answers with the CD bit; the
  // delegation is needed to prove that the authoritative servers are fine.
  if (!anyAnswer && anyServfail) lookups = await askAll(true);

  const withNs = lookups.map((l) => ({ name: l.name, ns: [...new Set(l.asked.flatMap((a) => nsTargets(a.response, l.name)))] })).filter((l) => l.ns.length > 0);
  const baseLookup = lookups[0];
  const baseNxdomain = baseLookup.asked.some((a) => a.response.kind === 'ok' && a.response.rcode === 3);
  const [zone, parent] = withNs;
  return {
    lookups,
    zone: zone?.name,
    zoneNs: zone?.ns.sort() ?? [],
    parentZone: parent?.name,
    parentNs: parent?.ns.sort() ?? [],
    baseNxdomain,
  };
}
