/**
 * `caa-blocks-ca`: CAA records (RFC 8659) that do not let the certificate's CA issue for the domain, and
 * CAA lookups that fail (CA/Browser Forum Baseline Requirements 3.2.2.8: a CA may take a failed lookup as
 * permission only after a retry and only when the zone is not DNSSEC-signed).
 */
import { evaluateCaa, type CaaRecord, type CaaRecordSet } from '../analysis/caa';
import type { CaEntry } from '../analysis/cas';
import { registrableDomain } from '../analysis/registrable';
import type { Evidence } from '../../core/checks';
import type { DnsRecord, DnsResponse, Finding } from '../types';
import { failureText } from './describe';
import type { Observations } from './observations';

/** Follows the CNAME chain from `name` inside one answer; the CAA records at its end (RFC 8659 s3). */
function caaAt(name: string, answers: DnsRecord[]): { records: DnsRecord[]; target?: string } {
  let current = name;
  const seen = new Set<string>([name]);
  for (;;) {
    const cname = answers.find((r) => r.type === 'CNAME' && r.name === current && r.target);
    if (!cname || seen.has(cname.target as string)) break;
    current = cname.target as string;
    seen.add(current);
  }
  return { records: answers.filter((r) => r.type === 'CAA' && r.name === current && r.caa), target: current === name ? undefined : current };
}

function setFor(name: string, response: DnsResponse | undefined): CaaRecordSet & { evidence: DnsRecord[] } {
  if (!response) return { name, records: [], failed: 'not asked', evidence: [] };
  if (response.kind !== 'ok') return { name, records: [], failed: failureText(response), evidence: [] };
  // NXDOMAIN is an empty set (the climb goes on); SERVFAIL, REFUSED and the rest leave it unknown.
  if (response.rcode === 3) return { name, records: [], evidence: [] };
  if (response.rcode !== 0) return { name, records: [], failed: `answered ${response.rcodeName}`, evidence: [] };
  const { records, target } = caaAt(name, response.answers);
  return { name, records: records.map((r) => r.caa as CaaRecord), target, evidence: records };
}

/** The parent publishes a DS for the zone: validators check it, and so may the CA. */
function signedZone(o: Observations): boolean {
  return (o.dnssecKeys?.ds ?? []).some((a) => a.response.kind === 'ok' && a.response.answers.some((r) => r.type === 'DS' && r.name === o.zone));
}

export function caaFindings(o: Observations, ca: CaEntry): Finding[] {
  const sets = o.caa.map(({ name, response }) => setFor(name, response));
  const verdict = evaluateCaa(sets, { wildcard: o.wildcard, caIdentifiers: ca.identifiers });
  const tag = o.wildcard ? 'issuewild' : 'issue';

  if (verdict.uncertain) {
    const { name, detail } = verdict.uncertain;
    const evidence: Evidence[] = [{ text: `CAA query for ${name}: ${detail}`, source: name }];
    // Only a failure of this one lookup: when the resolvers fail everything, the check itself could not be made.
    const resolverWorks = o.resolvers.some((r) => r.record.kind === 'ok' && (r.record.rcode === 0 || r.record.rcode === 3));
    if (signedZone(o) && resolverWorks) {
      return [
        {
          id: 'caa-lookup-failed',
          cause: 'caa-blocks-ca',
          severity: 'error',
          message: `${verdict.reason} The zone is DNSSEC-signed, so the CA must not issue until the CAA lookup works (CA/Browser Forum Baseline Requirements 3.2.2.8). Ask the DNS provider why ${name} fails for CAA queries.`,
          evidence,
        },
      ];
    }
    return [
      {
        id: 'caa-lookup-failed',
        cause: 'caa-blocks-ca',
        severity: 'warning',
        message: `${verdict.reason} A CA may retry and then issue, as the zone is not DNSSEC-signed; if the lookup keeps failing, ask the DNS provider why ${name} fails for CAA queries.`,
        evidence,
      },
    ];
  }
  if (verdict.allowed) return [];

  const decided = sets.find((s) => s.name === verdict.relevantName);
  const evidence: Evidence[] = (decided?.evidence ?? []).map((r) => ({
    text: `CAA at ${r.name}${decided?.target ? ` (the CNAME target of ${decided.name})` : ''}: ${r.value} (TTL ${r.ttl} s)`,
    source: r.name,
    ttl: r.ttl,
  }));
  // Which issuer domains count for the configured CA (data/cas.yaml), so the records can be compared by eye.
  evidence.push({ text: `${ca.name} is authorised by the CAA issuer domains ${ca.identifiers.join(', ')}` });
  // Where the fix goes. An alias's records belong to its target's operator, and no CAA record may sit
  // beside a CNAME; a set above the customer's own domain (a public suffix) is overridden by one at it.
  const own = registrableDomain(o.base);
  const add = `a CAA record "0 ${tag} \\"${ca.identifiers[0]}\\""`;
  let fix: string;
  if (decided?.target) {
    fix = `The CAA records come from ${decided.target}, the target of the CNAME at ${decided.name}: ask its operator to add ${add}, or point ${decided.name} elsewhere (a CAA record cannot sit beside a CNAME).`;
  } else {
    const at = verdict.relevantName ?? o.base;
    const ownsIt = at === own || at.endsWith(`.${own}`);
    fix = ownsIt
      ? `The certificate is issued by ${ca.name}: add ${add} at ${at}, or remove the records that block it.`
      : `The certificate is issued by ${ca.name}, and ${at} is above ${own}, outside the customer's zone: add ${add} at ${o.base}, which takes precedence over the records at ${at}.`;
  }
  return [
    {
      id: 'caa-forbids-ca',
      cause: 'caa-blocks-ca',
      severity: 'error',
      message: `${verdict.reason} ${fix}`,
      evidence,
    },
  ];
}
