/**
 * A certificate look-up on behalf of someone: the access policy first, then the certificate service,
 * and one event in the stats log either way (who, which certificate, when, and how it went). The chat
 * channels call these; failures come back as values with their coded one-line message, never thrown,
 * so the DNS check can still run.
 */
import { CertstatusError, ErrorCode, asCodedError } from '../core/errors';
import type { CcmAllowlist } from '../config/ccm';
import type { EventLog } from '../ops/events';
import { decideAccess, lookupEvent, type Caller } from './access';
import { planCertificate, type CertificatePlan, type NameTarget } from './targets';
import type { Certificate, CertificateSource } from './types';

export interface LookupDeps {
  /** Undefined when no credentials are configured. */
  source?: CertificateSource;
  allow: CcmAllowlist;
  events?: EventLog;
  now?: () => number;
}

export type LookupResult =
  | { kind: 'found'; plan: CertificatePlan }
  | { kind: 'refused'; reason: string }
  | { kind: 'failed'; error: CertstatusError };

async function record(deps: LookupDeps, caller: Caller, certificate: string, outcome: string): Promise<void> {
  // The log is for statistics: a failing log must not fail the user's look-up.
  await deps.events?.append(lookupEvent(caller, certificate, outcome, (deps.now ?? Date.now)())).catch(() => undefined);
}

/** `cert:ID` or the id alone: every name of the certificate with its record, or why not. */
export async function lookUpCertificate(deps: LookupDeps, caller: Caller, id: string): Promise<LookupResult> {
  const decision = decideAccess(deps.allow, caller, deps.source !== undefined);
  if (!decision.allowed || !deps.source) {
    await record(deps, caller, id, 'refused');
    return { kind: 'refused', reason: decision.allowed ? '' : decision.reason };
  }
  try {
    const certificate = await deps.source.certificate(id);
    await record(deps, caller, certificate.id, 'found');
    return { kind: 'found', plan: planCertificate(certificate) };
  } catch (error) {
    const coded = asCodedError(error);
    await record(deps, caller, id, coded.code);
    return { kind: 'failed', error: coded };
  }
}

function covers(name: string, domain: string): boolean {
  const n = name.toLowerCase().replace(/\.$/, '');
  const d = domain.toLowerCase().replace(/\.$/, '');
  return n === d;
}

export type DomainLookupResult =
  | { kind: 'found'; certificate: Certificate; target: NameTarget }
  | { kind: 'none' }
  | { kind: 'refused'; reason: string }
  | { kind: 'failed'; error: CertstatusError };

/**
 * A domain typed without a value: the pending certificate that covers it gives the value, so the bot
 * does not have to ask "what value did the console show?". `none` when no pending certificate covers it;
 * a domain on two pending certificates takes the first one the service lists.
 */
export async function lookUpDomain(deps: LookupDeps, caller: Caller, domain: string): Promise<DomainLookupResult> {
  const [result] = await lookUpDomains(deps, caller, [domain]);
  return result ?? { kind: 'none' };
}

/** Several domains with one listing of the pending certificates; one result per domain, in their order. */
export async function lookUpDomains(deps: LookupDeps, caller: Caller, domains: string[]): Promise<DomainLookupResult[]> {
  const decision = decideAccess(deps.allow, caller, deps.source !== undefined);
  if (!decision.allowed || !deps.source) {
    for (const domain of domains) await record(deps, caller, `domain:${domain}`, 'refused');
    return domains.map(() => ({ kind: 'refused', reason: decision.allowed ? '' : decision.reason }));
  }
  let pending: Certificate[];
  try {
    pending = await deps.source.pending();
  } catch (error) {
    const coded = asCodedError(error);
    for (const domain of domains) await record(deps, caller, `domain:${domain}`, coded.code);
    const failure = coded.code === ErrorCode.Unknown ? new CertstatusError(ErrorCode.CcmUnavailable, coded.message) : coded;
    return domains.map(() => ({ kind: 'failed', error: failure }));
  }
  const plans = pending.map(planCertificate);
  const results: DomainLookupResult[] = [];
  for (const domain of domains) {
    const plan = plans.find((p) => p.targets.some((t) => covers(t.domain, domain) && t.expect !== undefined));
    const target = plan?.targets.find((t) => covers(t.domain, domain) && t.expect !== undefined);
    if (plan && target) {
      await record(deps, caller, plan.certificate.id, 'found');
      results.push({ kind: 'found', certificate: plan.certificate, target });
    } else {
      await record(deps, caller, `domain:${domain}`, 'none');
      results.push({ kind: 'none' });
    }
  }
  return results;
}
