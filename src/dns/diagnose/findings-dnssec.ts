/**
 * dnssec-failure: validating resolvers SERVFAIL while the zone's servers answer. When the DS at the
 * parent and the zone's DNSKEYs could be read, the finding says which link is broken and what to do.
 */
import type { Evidence } from '../../engine/replies';
import { judgeDs, type DsVerdict } from '../analysis/dnssec-chain';
import { DIGEST_NAMES, keyRole, keyTag, type DnskeyData, type DsData } from '../analysis/dnssec-keys';
import type { Finding } from '../types';
import { failureText, list } from './describe';
import { usableAuth } from './findings-servers';
import type { Asked, Observations } from './observations';

const digestName = (type: number): string => DIGEST_NAMES[type] ?? `digest type ${type}`;
const dsText = (ds: DsData): string => `key tag ${ds.keyTag} (algorithm ${ds.algorithm}, ${digestName(ds.digestType)})`;
const keysText = (keys: DnskeyData[]): string => list(keys.map((k) => String(keyTag(k))));

function unique<T>(items: T[], key: (item: T) => string): T[] {
  return [...new Map(items.map((i) => [key(i), i])).values()];
}

interface KeyEvidence {
  dsSet: DsData[];
  keys: DnskeyData[];
  /** Whether any parent server / zone server gave a usable answer. */
  dsRead: boolean;
  keysRead: boolean;
  /** The zone's servers that answered serve different DNSKEY sets (some perhaps none). */
  keysDiffer: boolean;
  evidence: Evidence[];
}

function readKeys(o: Observations, zone: string, keys: { ds: Asked[]; dnskey: Asked[] }): KeyEvidence {
  const ok = (a: Asked) => a.response.kind === 'ok' && a.response.rcode === 0;
  const records = (asked: Asked[], type: string) => asked.flatMap((a) => (a.response.kind === 'ok' ? a.response.answers.filter((r) => r.type === type && r.name === zone) : []));
  const dsSet = unique(records(keys.ds, 'DS').flatMap((r) => (r.ds ? [r.ds] : [])), (d) => `${d.keyTag}/${d.algorithm}/${d.digestType}/${d.digest}`);
  const dnskeys = unique(records(keys.dnskey, 'DNSKEY').flatMap((r) => (r.dnskey ? [r.dnskey] : [])), (k) => `${k.flags}/${k.algorithm}/${k.publicKey}`);
  const line = (a: Asked, type: 'DS' | 'DNSKEY', where: string): Evidence => {
    const found = a.response.kind === 'ok' ? a.response.answers.filter((r) => r.type === type && r.name === zone) : [];
    const said =
      a.response.kind !== 'ok' || a.response.rcode !== 0
        ? failureText(a.response)
        : found.length === 0
          ? `no ${type} record for ${zone}`
          : found.map((r) => (r.dnskey ? `DNSKEY ${keyTag(r.dnskey)} (${keyRole(r.dnskey)}, algorithm ${r.dnskey.algorithm})` : r.ds ? `DS ${dsText(r.ds)} digest ${r.ds.digest}` : r.value)).join(', ');
    return { text: `${a.server.label}${where} answered ${said}`, source: a.server.label, ttl: found[0]?.ttl };
  };
  const keySets = new Set(
    keys.dnskey.filter(ok).map((a) => records([a], 'DNSKEY').flatMap((r) => (r.dnskey ? [keyTag(r.dnskey)] : [])).sort((x, y) => x - y).join(',')),
  );
  return {
    dsSet,
    keys: dnskeys,
    keysDiffer: keySets.size > 1,
    dsRead: keys.ds.some(ok),
    keysRead: keys.dnskey.some(ok),
    evidence: [...keys.ds.map((a) => line(a, 'DS', `, a server of the parent zone ${o.parentZone ?? ''},`)), ...keys.dnskey.map((a) => line(a, 'DNSKEY', ''))],
  };
}

const NOT_CHECKED = 'Not checked: the signatures (RRSIG records) and their validity dates; a DNSSEC analyser such as DNSViz shows them';

function explain(zone: string, verdict: DsVerdict, k: KeyEvidence): string {
  const parentDs = `the parent zone publishes DS ${list(k.dsSet.map(dsText))} for ${zone}`;
  switch (verdict.kind) {
    case 'no-ds':
      return `The parent zone publishes no DS for ${zone}, so the break is not between ${zone} and its parent: a zone above it, or the resolver itself, fails validation.`;
    case 'unsigned-zone':
      return `${capital(parentDs)}, but the zone's nameservers serve no DNSKEY at all: the zone is not signed at its current DNS provider (typical after moving the domain to another provider). Remove the DS at the registrar, or turn DNSSEC on at the provider and publish the DS it gives.`;
    case 'stale-ds':
      return `${capital(parentDs)}, but the zone's DNSKEYs are ${keysText(k.keys)}: the DS is stale, typical after moving the domain to another DNS provider. Remove or replace the DS at the registrar with the one the current provider shows.`;
    case 'digest-mismatch':
      return `The parent's DS ${dsText(verdict.ds)} names the zone's DNSKEY ${keyTag(verdict.key)}, but its digest ${verdict.ds.digest} is not that key's (${verdict.computed}): the DS was copied wrong or made from another key. Replace the DS at the registrar with the one the DNS provider shows.`;
    case 'digest-unchecked':
      return `The parent's DS ${dsText(verdict.ds)} names one of the zone's DNSKEYs, but its digest type cannot be checked here; the failure may be there or in the signatures.`;
    case 'ds-matches':
      return `The parent's DS ${dsText(verdict.ds)} matches the zone's DNSKEY ${keyTag(verdict.key)}: the DS is fine, the problem is elsewhere (expired or missing signatures?). Ask the DNS provider to re-sign the zone.`;
  }
}

const capital = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

export function dnssec(o: Observations): Finding[] {
  const failing = o.resolvers.filter((r) => r.record.kind === 'ok' && r.record.rcode === 2);
  if (failing.length === 0 || usableAuth(o).length === 0) return [];
  const evidence: Evidence[] = failing.map((r) => {
    const cd = r.recordCd;
    const confirm = cd && cd.kind === 'ok' && cd.rcode !== 2 ? `; with DNSSEC checking disabled (CD bit) it answers ${cd.rcodeName}, so validation is what fails` : '';
    return { text: `${r.server.label} answered SERVFAIL for ${o.verificationName}${confirm}`, source: r.server.label };
  });
  const auth = usableAuth(o)[0];
  evidence.push({ text: `${auth.server.label} answers for the zone normally (${auth.record.kind === 'ok' ? auth.record.rcodeName : ''})`, source: auth.server.label });
  let message = `Validating resolvers fail (SERVFAIL) for ${o.verificationName} while the domain's nameservers answer: the DNSSEC chain is broken (often a DS record at the registrar that no longer matches the zone's keys). The CA's resolvers fail the same way.`;
  if (o.zone && o.dnssecKeys) {
    const k = readKeys(o, o.zone, o.dnssecKeys);
    evidence.push(...k.evidence);
    if (k.dsRead && k.keysRead) message = `Validating resolvers fail (SERVFAIL) for ${o.verificationName} while the domain's nameservers answer. ${explain(o.zone, judgeDs(o.zone, k.dsSet, k.keys), k)}`;
    // Judged on all keys together; a server without them still fails validation when a resolver asks it.
    if (k.keysRead && k.keysDiffer) message += ` The zone's nameservers do not all serve the same DNSKEYs (see below): one of them is not signed like the others, typical of a half-finished move between providers.`;
    else message += ` The DS at the parent or the zone's DNSKEYs could not be read, so which link is broken is not known.`;
    evidence.push({ text: NOT_CHECKED });
  }
  return [{ id: 'dnssec-validation-fails', cause: 'dnssec-failure', severity: 'error', message, evidence }];
}
