/**
 * Findings about the servers rather than the record: the domain does not exist, nameservers or
 * resolvers that cannot be used (DNSSEC failures are in findings-dnssec.ts).
 */
import type { Evidence } from '../../core/checks';
import type { DnsResponse, Finding } from '../types';
import { failureText, list } from './describe';
import type { AuthServerResult, Observations, ResolverResult } from './observations';

/** Why an authoritative server's replies cannot be used, or undefined when they can. */
export function authProblem(result: AuthServerResult): string | undefined {
  for (const response of [result.soa, result.record]) {
    if (response.kind !== 'ok') return failureText(response);
    if (response.truncatedOnly) return 'truncated its reply over UDP (TC bit) and the full reply over TCP failed';
    if (response.rcode === 5) return 'refused to answer for the zone (REFUSED): it is not serving it (lame delegation)';
    if (response.rcode === 2) return 'answered SERVFAIL: it cannot load the zone';
    if (!response.flags.aa) return 'answered without authority (AA bit not set): it is not serving the zone (lame delegation)';
  }
  return undefined;
}

export function usableAuth(observations: Observations): AuthServerResult[] {
  return observations.authoritative.filter((a) => authProblem(a) === undefined);
}

/** A reply that can be read as an answer: NOERROR or NXDOMAIN, complete. SERVFAIL and REFUSED say nothing about the name. */
export function readable(response: DnsResponse | undefined): boolean {
  return response?.kind === 'ok' && (response.rcode === 0 || response.rcode === 3) && !response.truncatedOnly;
}

/** Every reply one resolver gave during the check. */
function repliesOf(o: Observations, r: ResolverResult): DnsResponse[] {
  const lookups = o.nsLookups.flatMap((l) => l.asked.filter((a) => a.server === r.server).map((a) => a.response));
  return [r.record, ...(r.recordCd ? [r.recordCd] : []), ...r.misplaced, ...lookups];
}

/** A resolver that never gave a readable answer (silent, REFUSED or SERVFAIL to everything) is of no use. */
export function resolverWorks(o: Observations, r: ResolverResult): boolean {
  return repliesOf(o, r).some(readable);
}

const outOfTime = (a: AuthServerResult): boolean => [a.record, a.soa].some((r) => r.kind !== 'ok' && r.outOfTime === true);

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
  const resolverEvidence = (r: ResolverResult): Evidence => ({ text: `${r.server.label} ${failureText(r.record)} (asked for ${o.verificationName}, and for the NS records of ${o.base} and its parents)`, source: r.server.label });
  const dead = o.resolvers.filter((r) => !resolverWorks(o, r));
  if (o.resolvers.length > 0 && dead.length === o.resolvers.length) {
    // Our side failed: nothing is known about the domain, whose servers may be fine.
    findings.push({
      id: 'resolvers-unreachable',
      cause: 'could-not-check',
      severity: 'error',
      message: `No DNS resolver gave a usable answer (${list(o.resolvers.map((r) => r.server.label))}), so nothing about ${o.base} could be checked. This is a failure of the resolver the check uses, not of the domain's nameservers.`,
      evidence: o.resolvers.map(resolverEvidence),
    });
    return findings;
  }
  if (dead.length > 0) {
    findings.push({
      id: 'resolver-unreachable',
      cause: 'could-not-check',
      severity: 'warning',
      message: `Some resolvers did not answer (${list(dead.map((r) => r.server.label))}); the check used the others.`,
      evidence: dead.map(resolverEvidence),
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
  if (o.childZone) {
    const child = delegatedZone(o);
    findings.push(child.finding);
    if (!child.usable) return findings;
  }
  const bad = o.authoritative.map((a) => ({ a, problem: authProblem(a) })).filter((x): x is { a: AuthServerResult; problem: string } => x.problem !== undefined);
  // Servers the check had no time left to ask are the check's limit, not the domain's fault.
  const broken = bad.filter((b) => !outOfTime(b.a));
  const unasked = bad.filter((b) => outOfTime(b.a));
  const answering = usableAuth(o);
  const evidence: Evidence[] = [
    ...broken.map(({ a, problem }) => ({ text: `${a.server.label} ${problem}`, source: a.server.label })),
    ...o.unresolvedNs.map((name) => ({ text: `${name} has no address: the resolvers return no A or AAAA record for it`, source: name })),
  ];
  const which = [...new Set([...broken.map((b) => b.a.server.label), ...o.unresolvedNs])];
  if (answering.length > 0 && evidence.length > 0) {
    // A CA's resolver retries another nameserver, as resolvers do: the record is judged by the ones that answer.
    findings.push({
      id: 'nameserver-unreachable',
      cause: 'dns-unreachable',
      severity: 'warning',
      message: `Some of the domain's nameservers do not answer properly: ${list(which)}. The record was judged by the ones that answer (${list([...new Set(answering.map((a) => a.server.name))])}), as the CA's resolvers retry another server; ask the DNS provider to fix or remove the broken ones, since they slow every lookup.`,
      evidence,
    });
  } else if (answering.length === 0 && unasked.length > 0) {
    findings.push({
      id: 'check-timed-out',
      cause: 'could-not-check',
      severity: 'error',
      message: `The check ran out of time before the nameservers of ${o.zone ?? o.base} could be asked (${list(unasked.map((u) => u.a.server.label))}): nothing is known about them. Check again, with a longer time budget.`,
      evidence: [...evidence, ...unasked.map(({ a, problem }) => ({ text: `${a.server.label} ${problem}`, source: a.server.label }))],
    });
  } else if (answering.length === 0 && evidence.length > 0) {
    findings.push({
      id: 'nameservers-unreachable',
      cause: 'dns-unreachable',
      severity: 'error',
      message: `None of the domain's nameservers answers properly (${list(which)}): the CA cannot read the record.`,
      evidence,
    });
  } else if (o.zone && o.zoneNs.length > 0 && o.authoritative.length === 0 && !o.budgetExhausted && !o.ipv6?.unroutable.length) {
    findings.push({ id: 'nameservers-unknown', cause: 'dns-unreachable', severity: 'error', message: `The nameservers of ${o.zone} could not be found.`, evidence: [] });
  }
  return findings;
}

/** What the zone's servers said about the delegated child zone (the referral), as evidence lines. */
function referralEvidence(o: Observations): Evidence[] {
  const cz = o.childZone;
  if (!cz) return [];
  return cz.referredBy.map((a) => ({ text: `${a.server.label}, a server of ${o.zone}, answered with a referral: ${cz.name} is delegated to ${list(cz.ns)}`, source: a.server.label }));
}

/**
 * The verification name sits in a child zone the domain's zone delegates: an info finding when the
 * child's servers answer (the record was read there), an error naming them with their addresses when
 * none does. The domain's own nameservers are not blamed: they answered, with the referral.
 */
function delegatedZone(o: Observations): { finding: Finding; usable: boolean } {
  const cz = o.childZone as NonNullable<Observations['childZone']>;
  const usable = cz.servers.filter((a) => authProblem(a) === undefined);
  const referral = referralEvidence(o);
  if (usable.length > 0) {
    return {
      usable: true,
      finding: {
        id: 'record-in-delegated-zone',
        cause: 'record-misconfigured',
        severity: 'info',
        message: `${cz.name} is delegated to ${list(cz.ns)}; the record was read there (${list([...new Set(usable.map((a) => a.server.label))])}), where the CA's resolver finds it too.`,
        evidence: referral,
      },
    };
  }
  const evidence: Evidence[] = [
    ...referral,
    ...cz.servers.map((a) => ({ text: `${a.server.label} ${authProblem(a)} (asked for ${o.verificationName} and the SOA of ${cz.name})`, source: a.server.label })),
    ...cz.unresolvedNs.map((name) => ({ text: `${name} has no address: the resolvers return no A or AAAA record for it`, source: name })),
  ];
  if (cz.servers.length > 0 && cz.servers.every(outOfTime)) {
    return {
      usable: false,
      finding: {
        id: 'check-timed-out',
        cause: 'could-not-check',
        severity: 'error',
        message: `${o.zone} delegates ${cz.name} to ${list(cz.ns)}, but the check ran out of time before those servers could be asked: nothing is known about the record. Check again, with a longer time budget.`,
        evidence,
      },
    };
  }
  const which = [...new Set([...cz.servers.map((a) => a.server.label), ...cz.unresolvedNs])];
  return {
    usable: false,
    finding: {
      id: 'delegated-zone-unreachable',
      cause: 'dns-unreachable',
      severity: 'error',
      message: `${o.zone} delegates ${cz.name} to ${list(cz.ns)}, and none of those servers answers for it (${which.length > 0 ? list(which) : 'no address found'}): the CA cannot read the record. The nameservers of ${o.zone} are fine (they answered with the delegation); fix the servers of ${cz.name}, or delete the NS records for ${cz.name} in ${o.zone} and add the record in ${o.zone} itself.`,
      evidence,
    },
  };
}
