/** `caa-blocks-ca`: CAA records (RFC 8659) that do not let the certificate's CA issue for the domain. */
import { evaluateCaa, type CaaRecordSet } from '../analysis/caa';
import type { CaEntry } from '../analysis/cas';
import type { Evidence } from '../../core/checks';
import type { Finding } from '../types';
import type { Observations } from './observations';

export function caaFindings(o: Observations, ca: CaEntry): Finding[] {
  const sets: CaaRecordSet[] = o.caa.map(({ name, response }) => ({
    name,
    records: response?.kind === 'ok' ? response.answers.filter((r) => r.type === 'CAA' && r.name === name && r.caa).map((r) => r.caa as NonNullable<typeof r.caa>) : [],
  }));
  const verdict = evaluateCaa(sets, { wildcard: o.wildcard, caIdentifiers: ca.identifiers });
  if (verdict.allowed) return [];
  const decided = o.caa.find((c) => c.name === verdict.relevantName);
  const evidence: Evidence[] =
    decided?.response?.kind === 'ok'
      ? decided.response.answers.filter((r) => r.type === 'CAA').map((r) => ({ text: `CAA at ${r.name}: ${r.value} (TTL ${r.ttl} s)`, source: r.name, ttl: r.ttl }))
      : [];
  return [
    {
      id: 'caa-forbids-ca',
      cause: 'caa-blocks-ca',
      severity: 'error',
      message: `${verdict.reason} The certificate is issued by ${ca.name}: add a CAA record "0 ${o.wildcard ? 'issuewild' : 'issue'} \\"${ca.identifiers[0]}\\"" at ${verdict.relevantName ?? o.base}, or remove the records that block it.`,
      evidence,
    },
  ];
}
