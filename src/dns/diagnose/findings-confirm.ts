/**
 * The all-clear rule. "DNS is right" (`ca-review-pending`) is the one answer that sends a customer away to
 * wait, so it needs evidence: the verification record seen with the right value at every authoritative
 * server that answered and at a resolver. When no cause was found but that evidence is missing (the zone
 * was not found, no nameserver could be asked, the resolvers failed or refused), the result is
 * `could-not-check` with what was asked and what came back, never an all-clear.
 */
import type { Evidence } from '../../core/checks';
import type { DnsRecord, DnsResponse, Finding } from '../types';
import { failureText, list, recordText, recordValues, valueOf } from './describe';
import { authProblem } from './findings-servers';
import type { RecordContext, ServerValues } from './record-context';

/** "answered NOERROR with TXT "…" (TTL 300 s)", "answered NXDOMAIN", "did not answer (…)". */
export function replyText(response: DnsResponse | undefined, name: string, type: string): string {
  if (!response) return 'was not asked';
  if (response.kind !== 'ok') return failureText(response);
  if (response.truncatedOnly) return 'truncated its reply over UDP and the full reply over TCP failed';
  const records = response.answers.filter((r) => r.name === name && r.type === type);
  if (response.rcode !== 0) return `answered ${response.rcodeName}`;
  return records.length > 0 ? `answered ${records.map(recordText).join(', ')}` : `answered NOERROR with no ${type} record`;
}

/** What each server was asked and answered, for a could-not-check finding. */
function whatWasAsked(ctx: RecordContext): Evidence[] {
  const { o, recordType } = ctx;
  const evidence: Evidence[] = [];
  for (const lookup of o.nsLookups) {
    for (const a of lookup.asked) evidence.push({ text: `asked ${a.server.label} for NS ${lookup.name}: it ${replyText(a.response, lookup.name, 'NS')}`, source: a.server.label });
  }
  for (const a of o.authoritative) {
    const problem = authProblem(a);
    evidence.push({ text: `asked ${a.server.label} for ${recordType} ${o.verificationName}: it ${problem ?? replyText(a.record, o.verificationName, recordType)}`, source: a.server.label });
  }
  for (const r of o.resolvers) {
    evidence.push({ text: `asked ${r.server.label} for ${recordType} ${o.verificationName}: it ${replyText(r.record, o.verificationName, recordType)}`, source: r.server.label });
  }
  return evidence;
}

const hasRight = (records: DnsRecord[], right: string[]): boolean => records.some((r) => right.includes(valueOf(r)));

/** The `dns-is-right` info finding when the evidence holds, else the `could-not-check` error saying what is missing. */
export function confirmAllClear(ctx: RecordContext, servers: ServerValues[], right: string[]): Finding {
  const { o, recordType } = ctx;
  const name = o.verificationName;
  const gaps: string[] = [];
  if (!o.zone) gaps.push(`the zone that holds ${o.base} was not found: no resolver returned NS records for it or any parent`);
  else if (servers.length === 0) gaps.push(`none of the nameservers of ${o.zone} (${list(o.zoneNs)}) could be asked`);
  else if (!servers.every((s) => hasRight(s.records, right))) gaps.push(`not every nameserver of ${o.zone} serves the record`);
  const resolversRight = o.resolvers.filter((r) => hasRight(recordValues(r.record, name, recordType), right));
  if (resolversRight.length === 0) gaps.push(`no resolver returned the record (${list(o.resolvers.map((r) => `${r.server.label} ${replyText(r.record, name, recordType)}`))})`);
  if (gaps.length === 0) {
    return {
      id: 'dns-is-right',
      cause: 'ca-review-pending',
      severity: 'info',
      message: `DNS is right: ${name} is served by every nameserver and resolver that was asked. The CA needs 2 to 3 working days to review and issue the certificate.`,
      evidence: rightRecordEvidence(ctx, servers),
    };
  }
  return {
    id: 'not-confirmed',
    cause: 'could-not-check',
    severity: 'error',
    message: `Could not confirm that ${name} is right: ${gaps.join('; ')}. No fault of the domain was found either, so this is not an all-clear: check again later or with another resolver.`,
    evidence: whatWasAsked(ctx),
  };
}

/** What every server answered when DNS is right: each nameserver's and resolver's record with its TTL. */
function rightRecordEvidence(ctx: RecordContext, servers: ServerValues[]): Evidence[] {
  const { o, recordType } = ctx;
  const answered = (label: string, records: DnsRecord[]): Evidence => ({ text: `${label} answered ${records.map(recordText).join(', ')}`, source: label, ttl: records[0]?.ttl });
  const auth = servers.map((s) => answered(s.auth.server.label, s.records));
  const resolvers = o.resolvers
    .map((r) => ({ label: r.server.label, records: recordValues(r.record, o.verificationName, recordType) }))
    .filter((r) => r.records.length > 0)
    .map((r) => answered(r.label, r.records));
  return [...auth, ...resolvers];
}
