/**
 * The edge-side runner for the flow's `dns` check: runs the live diagnosis and turns it into the
 * CheckOutcome the engine understands (outcome = the most important cause).
 */
import { asCodedError } from '../core/errors';
import { diagnose } from '../dns/diagnose';
import { pastedValue } from '../core/pasted';
import { findProvider, loadProviders } from '../dns/analysis/providers';
import type { Evidence } from '../core/checks';
import type { DiagnoseOptions, Diagnosis } from '../dns/types';
import { COULD_NOT_CHECK, type CheckOutcome, type CheckRunner } from '../core/checks';

/**
 * True when the check could not be completed (our resolver failed, time ran out, evidence missing):
 * nothing wrong with the domain is known, so this is not a cause to show the user (the domain's
 * nameservers may be fine) but a check that could not run.
 */
export function couldNotCheck(d: Diagnosis): boolean {
  return d.causes[0] === COULD_NOT_CHECK;
}

export function diagnosisToOutcome(d: Diagnosis, extraWarnings: string[] = []): CheckOutcome {
  if (couldNotCheck(d)) {
    const finding = d.findings.find((f) => f.cause === COULD_NOT_CHECK && f.severity === 'error');
    return { outcome: 'error', summary: finding?.message, evidence: finding?.evidence ?? [], warnings: [...extraWarnings, ...d.warnings] };
  }
  const main = d.findings.find((f) => f.cause === d.causes[0]);
  const evidence: Evidence[] = d.findings
    .filter((f) => f.severity !== 'warning')
    .flatMap((f) => [{ text: f.message }, ...f.evidence]);
  const vars: Record<string, string> = { domain: d.domain };
  if (d.provider) vars.provider = d.provider.name;
  if (d.recordPlatform) vars.recordPlatform = d.recordPlatform.name;
  return {
    outcome: d.causes[0],
    causes: d.causes,
    summary: main?.message,
    evidence,
    warnings: [...extraWarnings, ...d.warnings],
    vars,
  };
}

/** The record name template and type the certificate service gave, when given (else the diagnosis's defaults). */
function recordOf(params: Record<string, string>): { recordName?: string; recordType?: 'TXT' | 'CNAME' } {
  const name = params.recordName?.trim();
  const type = params.recordType?.trim().toUpperCase();
  return {
    ...(name && name.includes('{domain}') ? { recordName: name } : {}),
    ...(type === 'TXT' || type === 'CNAME' ? { recordType: type } : {}),
  };
}

export function createDnsCheckRunner(options: Partial<DiagnoseOptions> = {}): CheckRunner {
  return async (check, params) => {
    if (check !== 'dns') return { outcome: 'error', summary: `This runner only runs the "dns" check, not "${check}".` };
    try {
      const warnings: string[] = [];
      let platform = params.platform?.trim() || options.platform;
      const providers = options.providers ?? loadProviders();
      // In a conversation the platform is typed by the user: an unknown one must not stop the check.
      if (platform && !findProvider(platform, providers)) {
        warnings.push(`"${platform}" is not a DNS platform this check knows, so it was not asked directly.`);
        platform = undefined;
      }
      const record = recordOf(params);
      const diagnosis = await diagnose(params.domain ?? '', { ...options, providers, expect: pastedValue(params.expect) ?? options.expect, platform, ...record });
      return diagnosisToOutcome(diagnosis, warnings);
    } catch (error) {
      return { outcome: 'error', summary: asCodedError(error).message };
    }
  };
}
