/**
 * What `certstatus check` prints: one section per name (the causes with their procedure from the shipped
 * flow, worded for the command line, then the evidence and warnings), the one-line summary for several
 * names, and the exit status of each.
 */
import { COULD_NOT_CHECK } from '../core/checks';
import { couldNotCheck } from '../checks/dns-runner';
import type { NameDiagnosis } from '../checks/check-many';
import type { Diagnosis } from '../dns/types';
import { fillPlaceholders } from '../flow/placeholders';
import { causeTexts } from './cause-texts';
import { groupEvidence } from '../core/evidence-groups';
import { EXIT } from './io';

export interface RenderVars {
  expect?: string;
  platform?: string;
}


/**
 * The flow's texts speak to a chat user ("type recheck", "ask for a human below"); on the command line
 * the same step means running the check again or contacting support.
 */
export function forCli(text: string, domain: string): string {
  const again = `run certstatus check ${domain} again`;
  return text
    .replace(/\s*\(or type recheck here\)/gi, ` (or ${again})`)
    .replace(/\b([Tt])ype recheck\b/g, (_m, t: string) => (t === 'T' ? again.charAt(0).toUpperCase() + again.slice(1) : again))
    .replace(/\bask for a human below\b/gi, 'contact your support team');
}

/** 0 DNS is right, 3 could not check, 1 a cause was found. */
export function exitOf(d: Diagnosis): number {
  if (d.causes[0] === 'ca-review-pending') return EXIT.ok;
  return couldNotCheck(d) ? EXIT.unchecked : EXIT.found;
}

/** Several names: the highest status wins (3 could not check > 1 a cause > 0 right). */
export function worstExit(results: NameDiagnosis[]): number {
  return Math.max(EXIT.ok, ...results.map((r) => (r.diagnosis ? exitOf(r.diagnosis) : EXIT.unchecked)));
}

export function renderHuman(d: Diagnosis, vars: RenderVars = {}): string {
  const lines: string[] = [];
  const causes = causeTexts();
  const fillVars = { domain: d.domain, expect: vars.expect, platform: vars.platform, provider: d.provider?.name };
  const fill = (text: string) => forCli(fillPlaceholders(text, fillVars), d.domain);
  if (couldNotCheck(d)) {
    const finding = d.findings.find((f) => f.cause === COULD_NOT_CHECK && f.severity === 'error');
    const evidence = (finding?.evidence ?? []).map((e) => `  - ${e.text}`);
    const advice = finding?.id === 'resolvers-unreachable' ? 'Give a resolver that answers with --resolver IP[:PORT].' : 'Run the check again (a longer --timeout, or another --resolver IP[:PORT]).';
    const warnings = d.warnings.map((w) => `  ! ${w}`);
    return [`${d.domain} (${d.verificationName}): could not be checked [could-not-check]`, `  ${finding?.message ?? ''}`, `  ${advice}`, ...evidence, ...warnings, ''].join('\n');
  }
  const header = d.causes[0] === 'ca-review-pending' ? 'DNS is right' : d.causes.length === 1 ? 'Cause found' : `${d.causes.length} causes found`;
  lines.push(`${d.domain} (${d.verificationName}): ${header}${d.provider ? `; hosted by ${d.provider.name}` : ''}`);
  for (const id of d.causes) {
    const cause = causes?.[id];
    lines.push('');
    if (!cause) {
      lines.push(`[${id}]`);
      for (const f of d.findings.filter((x) => x.cause === id && x.severity !== 'warning')) lines.push(`  ${f.message}`);
      continue;
    }
    lines.push(`[${id}] ${fill(cause.title)}`);
    if (cause.summary) lines.push(`  ${fill(cause.summary)}`);
    cause.procedure.forEach((step, i) => lines.push(`  ${i + 1}. ${fill(step)}`));
    if (cause.after) lines.push(`  ${fill(cause.after)}`);
  }
  lines.push('', 'Evidence:');
  for (const f of d.findings.filter((x) => x.severity !== 'warning')) {
    lines.push(`  - ${f.message}`);
    // Identical answers of several servers on one line, the differing one first (--json keeps them all).
    for (const e of groupEvidence(f.evidence)) lines.push(`      ${e.text}`);
  }
  if (d.warnings.length > 0) {
    lines.push('', 'Warnings:');
    for (const w of d.warnings) lines.push(`  ! ${w}`);
  }
  lines.push('', `Checked in ${d.durationMs} ms.`);
  return `${lines.join('\n')}\n`;
}

function verdictWord(r: NameDiagnosis): string {
  if (!r.diagnosis) return `could not be checked (${r.error?.message ?? 'no result'})`;
  const d = r.diagnosis;
  if (d.causes[0] === 'ca-review-pending') return 'DNS is right';
  if (couldNotCheck(d)) return 'could not be checked';
  return d.causes.join(', ');
}

/** "3 names: shop.test DNS is right; www.shop.test record-missing; x.test could not be checked. Exit 3." */
export function summaryLine(results: NameDiagnosis[]): string {
  const parts = results.map((r) => `${r.diagnosis?.domain ?? r.name} ${verdictWord(r)}`);
  return `${results.length} names: ${parts.join('; ')}. Exit ${worstExit(results)}.\n`;
}

/** A cause's procedure as `--json` carries it: the same texts as the printed card. */
export interface ProcedureJson {
  cause: string;
  title: string;
  summary?: string;
  steps: string[];
  after?: string;
}

const COULD_NOT_CHECK_PROCEDURE = {
  title: 'The check could not be completed',
  steps: ['Run the check again in a few minutes.', 'If it fails again, give another resolver with --resolver IP[:PORT], or a longer --timeout.'],
};

export function procedureOf(d: Diagnosis, vars: RenderVars = {}): ProcedureJson[] {
  const causes = causeTexts();
  const fillVars = { domain: d.domain, expect: vars.expect, platform: vars.platform, provider: d.provider?.name };
  const fill = (text: string) => forCli(fillPlaceholders(text, fillVars), d.domain);
  return d.causes.flatMap((id): ProcedureJson[] => {
    if (id === COULD_NOT_CHECK) return [{ cause: id, ...COULD_NOT_CHECK_PROCEDURE }];
    const cause = causes?.[id];
    if (!cause) return [];
    return [{ cause: id, title: fill(cause.title), ...(cause.summary ? { summary: fill(cause.summary) } : {}), steps: cause.procedure.map(fill), ...(cause.after ? { after: fill(cause.after) } : {}) }];
  });
}
