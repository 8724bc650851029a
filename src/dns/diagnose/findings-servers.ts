/**
 * Findings about the servers rather than the record: the domain does not exist, nameservers or
 * resolvers that cannot be used (DNSSEC failures are in findings-dnssec.ts).
 */
import type { Evidence } from '../../engine/replies';
import type { DnsResponse, Finding } from '../types';
import { failureText, list } from './describe';
import type { AuthServerResult, Observations, ResolverResult } from './observations';

/** Why an authoritative server's replies cannot be used, or undefined when they can. */
export function authProblem(result: AuthServerResult): string | undefined {
  for (const response of [result.soa, result.record]) {
    if (response.kind !== 'ok') return failureText(response);
    if (response.rcode === 5) return 'refused to answer for the zone (REFUSED): it is not serving it (lame delegation)';
    if (response.rcode === 2) return 'answered SERVFAIL: it cannot load the zone';
    if (!response.flags.aa) return 'answered without authority (AA bit not set): it is not serving the zone (lame delegation)';
  }
  return undefined;
}

export function usableAuth(observations: Observations): AuthServerResult[] {
  return observations.authoritative.filter((a) => authProblem(a) === undefined);
}

const resolverFailed = (r: DnsResponse): boolean => r.kind !== 'ok';

export function domainNotFound(o: Observations): Finding[] {
  if (!o.baseNxdomain) return [];
  const evidence: Evidence[] = o.nsLookups[0].asked
    .filter((a) => a.response.kind === 'ok' && a.response.rcode === 3)
    .map((a) => ({ text: `${a.server.label} answered NXDOMAIN (no such name) for ${o.base}`, source: a.server.label }));
  for (const d of o.delegation) {
    const said = d.response.kind === 'ok' ? (d.response.rcode === 3 ? `NXDOMAIN: ${o.base} is not registered in ${o.parentZone ?? 'its parent zone'}` : `${d.response.rcodeName}`) : failureText(d.response);
    evidence.push({ text: `${d.server.label}, a server of the parent zone, answered ${said}`, source: d.server.label });
  }
  return [
    {
      id: 'domain-does-not-exist',
      cause: 'domain-not-found',
      severity: 'error',
      message: `${o.base} does not exist in DNS${o.parentZone ? ` (the zone ${o.parentZone} has no such name)` : ''}: check the spelling, and that the domain is registered and not expired.`,
      evidence,
    },
  ];
}

export function unreachable(o: Observations): Finding[] {
  const findings: Finding[] = [];
  const dead = (r: ResolverResult): boolean =>
    resolverFailed(r.record) && o.nsLookups.every((l) => l.asked.filter((a) => a.server === r.server).every((a) => resolverFailed(a.response)));
  if (o.resolvers.length > 0 && o.resolvers.every(dead)) {
    findings.push({
      id: 'resolvers-unreachable',
      cause: 'dns-unreachable',
      severity: 'error',
      message: `No DNS resolver answered, so nothing could be checked: ${list(o.resolvers.map((r) => r.server.label))}.`,
      evidence: o.resolvers.map((r) => ({ text: `${r.server.label} ${failureText(r.record)}`, source: r.server.label })),
    });
    return findings;
  }
  const deadOnes = o.resolvers.filter(dead);
  if (deadOnes.length > 0) {
    findings.push({
      id: 'resolver-unreachable',
      cause: 'dns-unreachable',
      severity: 'warning',
      message: `Some resolvers did not answer (${list(deadOnes.map((r) => r.server.label))}); the check used the others.`,
      evidence: deadOnes.map((r) => ({ text: `${r.server.label} ${failureText(r.record)}`, source: r.server.label })),
    });
  }
  if (o.baseNxdomain) return findings;
  const parentOnly = o.delegationNs.filter((n) => !o.zoneNs.includes(n));
  const zoneOnly = o.zoneNs.filter((n) => o.delegationNs.length > 0 && !o.delegationNs.includes(n));
  if (parentOnly.length > 0 || zoneOnly.length > 0) {
    findings.push({
      id: 'delegation-differs',
      cause: 'nameservers-inconsistent',
      severity: 'warning',
      message: `The parent zone ${o.parentZone ?? ''} delegates ${o.zone} to ${list(o.delegationNs)}, but the zone itself lists ${list(o.zoneNs)}: update the nameservers at the registrar so both agree.`,
      evidence: [
        ...o.delegation.map((d) => ({ text: `${d.server.label} (parent zone) delegates to ${list(o.delegationNs)}`, source: d.server.label })),
        { text: `the resolvers return the NS records ${list(o.zoneNs)} for ${o.zone}` },
      ],
    });
  }
  const bad = o.authoritative.map((a) => ({ a, problem: authProblem(a) })).filter((x) => x.problem !== undefined);
  const evidence: Evidence[] = [
    ...bad.map(({ a, problem }) => ({ text: `${a.server.label} ${problem}`, source: a.server.label })),
    ...o.unresolvedNs.map((name) => ({ text: `${name} has no address: the resolvers return no A or AAAA record for it`, source: name })),
  ];
  if (evidence.length > 0) {
    const all = bad.length === o.authoritative.length;
    const which = [...new Set([...bad.map((b) => b.a.server.name), ...o.unresolvedNs])];
    findings.push({
      id: all ? 'nameservers-unreachable' : 'nameserver-unreachable',
      cause: 'dns-unreachable',
      severity: 'error',
      message: all
        ? `None of the domain's nameservers answers properly (${list(which)}): the CA cannot read the record.`
        : `Some of the domain's nameservers do not answer properly (${list(which)}); the CA may ask one of them and fail.`,
      evidence,
    });
  } else if (o.zone && o.zoneNs.length > 0 && o.authoritative.length === 0 && !o.budgetExhausted && !o.ipv6?.unroutable.length) {
    findings.push({ id: 'nameservers-unknown', cause: 'dns-unreachable', severity: 'error', message: `The nameservers of ${o.zone} could not be found.`, evidence: [] });
  }
  return findings;
}
