/**
 * Certificate look-ups in chat, for every channel: `cert:ID` (every name of the certificate against the
 * record the service holds, on one card) and a domain typed without a value (the pending certificate that
 * covers it gives the value). The allowlist decides first (src/certs/access.ts): a place that may not look
 * certificates up gets the DNS check only, and a sentence why, never a value from the account. Every look-up
 * goes to the stats event log (src/certs/lookup.ts). Failures of the service are one line each, and the DNS
 * check still runs where a name is known.
 */
import type { Caller } from '../../certs/access';
import { lookUpCertificate, lookUpDomains, type DomainLookupResult, type LookupDeps } from '../../certs/lookup';
import { ErrorCode } from '../../core/errors';
import type { DiagnoseRequest, NamesRequest } from '../../conversation/types';
import { parseDomain } from '../../core/domain';
import type { TextReply } from '../../engine/replies';

export type CertificateLookups = LookupDeps;

/** The one-shot request as the kit passes it on, with where the card's value came from. */
export interface ResolvedRequest extends DiagnoseRequest {
  /** Lines to show above the card: where the value came from, or why there is none. */
  notes: TextReply[];
}

const note = (text: string, tone?: TextReply['tone']): TextReply => ({ type: 'text', text, ...(tone ? { tone } : {}) });

function ascii(domain: string): string | undefined {
  try {
    return parseDomain(domain).ascii;
  } catch {
    return undefined;
  }
}

function fromLookup(request: DiagnoseRequest, found: DomainLookupResult | undefined): ResolvedRequest {
  switch (found?.kind) {
    case 'found': {
      const { certificate, target } = found;
      return {
        ...request,
        ...(target.expect ? { expect: target.expect } : {}),
        recordName: target.recordName,
        recordType: target.recordType,
        notes: [note(`The record value of ${request.domain} comes from certificate ${certificate.id}${certificate.name ? ` (${certificate.name})` : ''} in the certificate service.`)],
      };
    }
    case 'none':
      return { ...request, notes: [note(`No certificate waiting on domain verification covers ${request.domain}, so its record value was not compared.`)] };
    case 'refused':
      return { ...request, notes: [note(found.reason)] };
    case 'failed':
      return { ...request, notes: [note(`${found.error.message} The DNS check ran without the record value.`, 'warning')] };
    default:
      return { ...request, notes: [] };
  }
}

/**
 * Names typed without a value: looked up in one listing of the pending certificates. Nothing is asked (and
 * nothing said) when look-ups are not set up, the caller is unknown, or a value was typed.
 */
export async function withServiceValues(deps: CertificateLookups | undefined, caller: Caller | undefined, requests: DiagnoseRequest[]): Promise<ResolvedRequest[]> {
  const open = requests.map((r, index) => ({ r, index, domain: ascii(r.domain) })).filter((x) => !x.r.expect && x.domain);
  if (!deps?.source || !caller || open.length === 0) return requests.map((r) => ({ ...r, notes: [] }));
  const found = await lookUpDomains(deps, caller, open.map((x) => x.domain ?? ''));
  const byIndex = new Map(open.map((x, i) => [x.index, found[i]]));
  const resolved = requests.map((r, index) => (byIndex.has(index) ? fromLookup(r, byIndex.get(index)) : { ...r, notes: [] }));
  // Refused or failed for every name: one sentence, not one per name.
  const shared = resolved.filter((r) => r.notes.length).map((r) => r.notes[0]?.text);
  const kinds = found.map((f) => f.kind);
  if (resolved.length > 1 && kinds.every((k) => k === 'refused' || k === 'failed') && new Set(shared).size === 1) {
    return resolved.map((r, index) => ({ ...r, notes: index === 0 ? r.notes : [] }));
  }
  return resolved;
}

export type CertificateAnswer = { kind: 'names'; request: NamesRequest } | { kind: 'text'; replies: TextReply[] };

/** `cert:ID`: the names card's request, or the one line saying why not. */
export async function certificateRequest(deps: CertificateLookups | undefined, caller: Caller, id: string): Promise<CertificateAnswer> {
  const result = await lookUpCertificate(deps ?? { allow: { slackWorkspaces: [], slackChannels: [], teamsTenants: [], teamsTeams: [] } }, caller, id.trim());
  if (result.kind === 'refused') return { kind: 'text', replies: [note(`${result.reason} Give me a domain name to check its DNS: check example.com.`)] };
  if (result.kind === 'failed') {
    const tone = result.error.code === ErrorCode.CcmUnknownCertificate || result.error.code === ErrorCode.Usage ? 'error' : 'warning';
    return { kind: 'text', replies: [note(`${result.error.message} Give me a domain name to check its DNS without the service: check example.com.`, tone)] };
  }
  const { certificate, targets, notices } = result.plan;
  const notDns = notices.some((n) => n.code === ErrorCode.CcmNotDns);
  const lines = [...notices.map((n) => n.message), ...(notDns ? [] : targets.flatMap((t) => (t.note ? [t.note] : [])))];
  const count = certificate.names.length;
  return {
    kind: 'names',
    request: {
      title: `Certificate ${certificate.id}${certificate.name ? ` (${certificate.name})` : ''}, ${certificate.status}: ${count} name${count === 1 ? '' : 's'}`,
      notices: [...lines, 'Each name is checked against the record the certificate service holds for it.'],
      names: targets.map((t) => ({ domain: t.domain, ...(t.expect ? { expect: t.expect } : {}), recordName: t.recordName, recordType: t.recordType })),
    },
  };
}
