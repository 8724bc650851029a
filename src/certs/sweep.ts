/**
 * Every name of a certificate checked against its own record, and the sweep over all certificates
 * waiting on domain verification. The DNS check is passed in (`checkName`), so this file knows the
 * certificate service and the diagnosis shape but runs no DNS itself.
 */
import { COULD_NOT_CHECK } from '../core/checks';
import { asCodedError } from '../core/errors';
import type { Diagnosis } from '../dns/types';
import { mapLimit } from '../core/map-limit';
import { planCertificate, type NameTarget } from './targets';
import type { Certificate, CertificateSource } from './types';

export type CheckName = (target: NameTarget) => Promise<Diagnosis>;

export interface NameResult {
  target: NameTarget;
  diagnosis?: Diagnosis;
  /** The check could not run for this name (bad name from the service, ...): one line why. */
  error?: string;
}

export interface CertificateResult {
  certificate: Certificate;
  /** One-line coded notices (issued already, email/file validation), as `code: message` pairs. */
  notices: Array<{ code: string; message: string }>;
  names: NameResult[];
}

/** What one name's diagnosis comes to, in one line. */
export interface NameVerdict {
  state: 'right' | 'stuck' | 'unchecked';
  /** Cause ids, most important first (empty unless stuck). */
  causes: string[];
  /** Why, in one line: the main finding's message. */
  reason: string;
}

export async function checkCertificateNames(certificate: Certificate, checkName: CheckName, concurrency: number): Promise<CertificateResult> {
  const plan = planCertificate(certificate);
  const names = await mapLimit(plan.targets, concurrency, async (target): Promise<NameResult> => {
    try {
      return { target, diagnosis: await checkName(target) };
    } catch (error) {
      return { target, error: asCodedError(error).message };
    }
  });
  return { certificate, notices: plan.notices.map((n) => ({ code: n.code, message: n.message })), names };
}

export async function sweepPending(source: CertificateSource, checkName: CheckName, concurrency: number): Promise<CertificateResult[]> {
  const pending = await source.pending();
  // Certificates one after another, names in parallel: DNS load stays at `concurrency` checks at once.
  const results: CertificateResult[] = [];
  for (const certificate of pending) results.push(await checkCertificateNames(certificate, checkName, concurrency));
  return results;
}

export function verdict(result: NameResult): NameVerdict {
  const d = result.diagnosis;
  if (!d) return { state: 'unchecked', causes: [], reason: result.error ?? 'The DNS check did not run.' };
  // could-not-check is never "right": the evidence for it is missing (resolver failure, time out, ...).
  if (d.causes[0] === COULD_NOT_CHECK) {
    const why = d.findings.find((f) => f.cause === COULD_NOT_CHECK && f.severity === 'error');
    return { state: 'unchecked', causes: [], reason: why?.message ?? 'The DNS check could not be completed.' };
  }
  if (d.causes.length === 1 && d.causes[0] === 'ca-review-pending') {
    const right = d.findings.find((f) => f.cause === 'ca-review-pending');
    // Without the value from the service, "right" only means a record is there: not evidence enough.
    if (!result.target.expect) return { state: 'unchecked', causes: [], reason: result.target.note ?? 'A record is there, but its value was not compared: the certificate service gave none.' };
    return { state: 'right', causes: [], reason: right?.message ?? 'DNS is right; the CA has not checked again yet.' };
  }
  const main = d.findings.find((f) => f.cause === d.causes[0] && f.severity === 'error') ?? d.findings.find((f) => f.cause === d.causes[0]);
  return { state: 'stuck', causes: d.causes, reason: main?.message ?? d.causes[0] };
}
