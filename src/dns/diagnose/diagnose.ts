/**
 * `diagnose()`: live DNS diagnosis of why a certificate is stuck in "Pending domain name verification".
 * Gathers answers from the resolvers and every authoritative server in a few parallel round trips,
 * then turns them into findings, each tied to one of the flow's cause ids.
 */
import { getServers } from 'node:dns';
import { isIP } from 'node:net';
import { DNS_CAUSE_IDS } from '../../core/checks';
import { caaNamesToQuery } from '../analysis/caa';
import { caIdentifiersFor } from '../analysis/cas';
import { findProvider, identifyProvider, loadProviders, type DnsProvider } from '../analysis/providers';
import { registrableDomain } from '../analysis/registrable';
import { parseDomain } from '../../core/domain';
import { pastedValue } from '../../core/pasted';
import { DEFAULT_DIAGNOSE_OPTIONS, type DiagnoseOptions, type Diagnosis, type DnsServer, type Finding } from '../types';
import { Budget } from './budget';
import { recordValues, resolverServer, valueOf } from './describe';
import { compareValue } from '../analysis/record-value';
import type { MisplacedName } from './observations';
import { caaFindings } from './findings-caa';
import { mixedProviders, wrongPlatform } from './findings-platform';
import { longTtl, propagation } from './findings-propagation';
import { inconsistent, misplaced, missing, values, wrongType } from './findings-record';
import { dnssec } from './findings-dnssec';
import { authProblem, domainNotFound, unreachable, usableAuth } from './findings-servers';
import { gather } from './gather';
import { ipv6Findings, splitIpv6 } from './ipv6';
import { serverValues, type RecordContext, type ServerValues } from './record-context';
import { confirmAllClear } from './findings-confirm';
import { CertstatusError, ErrorCode } from '../../core/errors';

/** The system's resolvers, as `dns.getServers()` lists them ("1.2.3.4", "[::1]:5353"). */
export function systemResolvers(): DnsServer[] {
  return getServers().map((entry) => {
    const bracketed = /^\[(.+)\](?::(\d+))?$/.exec(entry);
    if (bracketed) return { address: bracketed[1], port: Number(bracketed[2] ?? 53) };
    if (isIP(entry)) return { address: entry, port: 53 };
    const [address, port] = entry.split(':');
    return { address, port: Number(port ?? 53) };
  });
}

function orderCauses(findings: Finding[]): string[] {
  const found = new Set(findings.filter((f) => f.severity === 'error').map((f) => f.cause));
  const ordered = DNS_CAUSE_IDS.filter((id) => found.has(id));
  return ordered.length > 0 ? ordered : ['ca-review-pending'];
}

export async function diagnose(domainInput: string, partial: Partial<DiagnoseOptions> = {}): Promise<Diagnosis> {
  const started = Date.now();
  const options: DiagnoseOptions = { ...DEFAULT_DIAGNOSE_OPTIONS, ...partial };
  const domain = parseDomain(domainInput);
  const now = options.now ?? new Date();
  const providers: DnsProvider[] = options.providers ?? loadProviders();
  const platform = options.platform ? findProvider(options.platform, providers) : undefined;
  if (options.platform && !platform) {
    throw new CertstatusError(ErrorCode.Usage, `Unknown DNS platform "${options.platform}"; known: ${providers.map((p) => p.id).join(', ')}.`);
  }
  const ca = caIdentifiersFor(options.caId);
  const resolvers = (options.resolvers && options.resolvers.length > 0 ? options.resolvers : systemResolvers()).map(resolverServer);
  const base = domain.base;
  const verificationName = options.recordName.replace('{domain}', base).toLowerCase();
  if (verificationName.length > 253) {
    throw new CertstatusError(ErrorCode.InvalidDomain, `"${domain.ascii}" is too long: the verification record name ${verificationName.slice(0, 40)}... would exceed 253 characters.`);
  }
  const prefix = verificationName.endsWith(`.${base}`) ? verificationName.slice(0, -base.length - 1) : undefined;
  const registrable = registrableDomain(base);
  const labels = base.split('.');
  // Where people put the record by mistake. `needsValue`: a name that may rightly hold another
  // certificate's record (the apex, www, the parent), so only the expected value proves the mistake.
  const misplacedNames: MisplacedName[] = [
    ...(prefix ? [{ name: `${verificationName}.${base}`, why: 'the domain name typed twice: the console already adds it' }] : []),
    ...(prefix && registrable !== base ? [{ name: `${verificationName}.${registrable}`, why: `the domain name typed in full: the console of the zone ${registrable} adds it again` }] : []),
    ...(prefix?.startsWith('_') ? [{ name: `${prefix.slice(1)}.${base}`, why: 'without the leading underscore' }] : []),
    { name: base, why: 'at the domain itself (an empty host record)' },
    ...(prefix && labels[0] === 'www' && labels.length > 2 ? [{ name: `${prefix}.${labels.slice(1).join('.')}`, why: `for ${labels.slice(1).join('.')} without www, but the certificate is for ${base}`, needsValue: true }] : []),
    ...(prefix && labels[0] !== 'www' ? [{ name: `${prefix}.www.${base}`, why: `for www.${base}, but the certificate is for ${base}`, needsValue: true }] : []),
    ...(prefix && labels[0] !== 'www' && labels.length > registrable.split('.').length ? [{ name: `${prefix}.${labels.slice(1).join('.')}`, why: `for the parent domain ${labels.slice(1).join('.')}, but the certificate is for ${base}`, needsValue: true }] : []),
    // For the CNAME method, a TXT record at the right name is the wrong type.
    ...(options.recordType === 'CNAME' ? [{ name: verificationName, why: 'a TXT record where the CA expects a CNAME' }] : []),
  ].filter((m, i, all) => m.name.length <= 253 && m.name.split('.').every((l) => l.length <= 63) && all.findIndex((x) => x.name === m.name) === i);
  const expected = pastedValue(options.expect);

  const budget = new Budget(options.timeoutMs, options.queryTimeoutMs, options.onQuery, options.onAsk);
  const gathered = await gather({
    base,
    wildcard: domain.wildcard,
    verificationName,
    recordType: options.recordType,
    misplacedNames,
    caaNames: caaNamesToQuery(base),
    resolvers,
    providersToProbe: platform ? [platform] : providers,
    authPort: options.authPort,
    ipv6: options.ipv6 ?? 'auto',
    budget,
    recordIsRight: (authoritative) =>
      authoritative.some((a) => authProblem(a) === undefined && recordValues(a.record, verificationName, options.recordType).some((r) => expected === undefined || compareValue(expected, valueOf(r)).kind === 'exact')),
  });
  const o = splitIpv6(gathered, options.ipv6 ?? 'auto');

  const nsNames = o.delegationNs.length > 0 ? o.delegationNs : o.zoneNs;
  const delegated = nsNames.length > 0 ? identifyProvider(nsNames, providers) : undefined;
  const ctx: RecordContext = { o, expect: expected, recordType: options.recordType, now, delegated, platform };
  const findings: Finding[] = [...domainNotFound(o), ...unreachable(o), ...ipv6Findings(o), ...(o.baseNxdomain ? [] : mixedProviders([...new Set([...o.delegationNs, ...o.zoneNs])], providers))];
  let recordPlatform: DnsProvider | undefined;
  let servers: ServerValues[] = [];
  let right: string[] = [];
  if (!o.baseNxdomain && usableAuth(o).length > 0) {
    // A delegated child zone has its own keys: its signatures are not checked against the parent zone's.
    if (!o.childZone) findings.push(...dnssec(o, { now, recordType: options.recordType }));
    servers = serverValues(ctx);
    const judged = values(ctx, servers);
    right = judged.right;
    const hasRecord = servers.some((s) => s.records.length > 0);
    const platformResult = wrongPlatform(ctx, judged.right.length > 0);
    recordPlatform = platformResult.recordPlatform;
    const wrongName = hasRecord ? [] : misplaced(ctx, servers);
    findings.push(...wrongType(ctx, servers), ...platformResult.findings, ...wrongName, ...judged.findings, ...inconsistent(ctx, servers));
    const cnameOnly = servers.some((s) => s.cname.length > 0);
    if (!hasRecord && !cnameOnly && wrongName.length === 0 && platformResult.findings.length === 0) findings.push(...missing(ctx, servers));
    findings.push(...propagation(ctx, judged.right), ...longTtl(ctx, servers, judged.right));
  }
  if (!o.baseNxdomain) findings.push(...caaFindings(o, ca));

  // No cause found: that is an all-clear only when the record was actually seen (findings-confirm.ts).
  if (orderCauses(findings)[0] === 'ca-review-pending') findings.push(confirmAllClear(ctx, servers, right));
  const causes = orderCauses(findings);
  const warnings = [...domain.warnings, ...findings.filter((f) => f.severity === 'warning').map((f) => f.message)];
  if (o.budgetExhausted) warnings.push(`The check ran out of its ${options.timeoutMs} ms budget; some servers were not asked.`);
  return {
    domain: domain.ascii,
    verificationName,
    recordType: options.recordType,
    causes,
    findings,
    provider: delegated ? { id: delegated.id, name: delegated.name, nameservers: nsNames } : undefined,
    recordPlatform: recordPlatform ? { id: recordPlatform.id, name: recordPlatform.name } : undefined,
    warnings,
    durationMs: Date.now() - started,
  };
}
