/**
 * dnssec-failure: the chain a validating resolver (the CA's) follows is broken. Either resolvers
 * SERVFAIL while the zone's servers answer, or our own checks of the DS -> DNSKEY link and of the
 * signatures (dnssec-signatures.ts) find what such a resolver rejects. The finding says which link is
 * broken, in one sentence, with the records behind it; a zone whose signatures all verify gets an
 * info finding saying so.
 */
import type { Evidence } from '../../core/checks';
import { judgeDs, type DsVerdict } from '../analysis/dnssec-chain';
import { DIGEST_NAMES, keyRole, keyTag, type DnskeyData, type DsData } from '../analysis/dnssec-keys';
import type { Finding } from '../types';
import { failureText, list } from './describe';
import { checkSignatures, type SignatureProblem, type SignatureReport } from './dnssec-signatures';
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
      return `The parent's DS ${dsText(verdict.ds)} matches the zone's DNSKEY ${keyTag(verdict.key)}: the DS is fine.`;
  }
}

const capital = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** What to do about each kind of broken signature. */
const PROCEDURE: Record<SignatureProblem['kind'], string> = {
  expired: "The DNS provider's signer has stopped re-signing the zone: ask the provider to re-sign it (or to turn DNSSEC off, and remove the DS at the registrar first).",
  'not-yet-valid': "The signer's clock or the signatures' start date is wrong: ask the DNS provider to re-sign the zone.",
  'unknown-key': 'A key rollover went wrong: the zone is signed with a key it no longer publishes (or not with the key the DS names). Ask the DNS provider to re-sign the zone with its published keys, or update the DS at the registrar.',
  'bad-signature': 'The records were changed without re-signing, or the signatures are damaged: ask the DNS provider to re-sign the zone.',
  'bad-fields': 'The signatures do not belong to these records: ask the DNS provider to re-sign the zone.',
  unsigned: "The record was added where the zone's signer does not see it: add it in the DNS provider's console, which signs it, or ask the provider to re-sign the zone.",
  denial: "The zone's proof that the record is absent is broken, so resolvers cannot even tell it is missing: ask the DNS provider to re-sign the zone (its NSEC/NSEC3 chain).",
};

const capitalSentence = (p: SignatureProblem, onAll: boolean): string => `${capital(p.sentence)}${onAll ? '' : ` (on ${list(p.servers)})`}.`;

/** The problems in sentences, most decisive first, with what to do about the first kind. */
function problemsText(report: SignatureReport, serverCount: number): string {
  const order: SignatureProblem['kind'][] = ['expired', 'not-yet-valid', 'unknown-key', 'bad-signature', 'unsigned', 'bad-fields', 'denial'];
  const sorted = [...report.problems].sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind));
  return `${sorted.map((p) => capitalSentence(p, p.servers.length === serverCount)).join(' ')} ${PROCEDURE[sorted[0].kind]}`;
}

const verifiedText = (report: SignatureReport): string =>
  `The signatures on ${list(report.verified)} verify${report.validUntil ? ` (valid until ${report.validUntil.toISOString().slice(0, 10)})` : ''}`;

/** `now` is the diagnosis's clock, for the signatures' validity window. */
export function dnssec(o: Observations, context: { now: Date; recordType: 'TXT' | 'CNAME' }): Finding[] {
  const { now, recordType } = context;
  const usable = usableAuth(o);
  if (usable.length === 0) return [];
  const failing = o.resolvers.filter((r) => r.record.kind === 'ok' && r.record.rcode === 2);
  const k = o.zone && o.dnssecKeys ? readKeys(o, o.zone, o.dnssecKeys) : undefined;
  const report =
    o.zone && o.dnssecKeys && k
      ? checkSignatures({ zone: o.zone, verificationName: o.verificationName, recordType, authoritative: usable, dnskey: o.dnssecKeys.dnskey, dsSet: k.dsSet, now })
      : undefined;
  const verdict = o.zone && k && k.dsRead && k.keysRead ? judgeDs(o.zone, k.dsSet, k.keys) : undefined;
  const linkBroken = verdict !== undefined && verdict.kind !== 'no-ds' && verdict.kind !== 'ds-matches' && verdict.kind !== 'digest-unchecked';
  const signatureLines: Evidence[] = (report?.lines ?? []).map((text) => ({ text }));

  if (failing.length === 0) {
    if (!report || !k) return [];
    // No resolver here failed, but the CA's validating resolvers will if the chain is broken.
    if (report.secure && (linkBroken || report.problems.length > 0)) {
      const why = linkBroken && o.zone && verdict ? explain(o.zone, verdict, k) : problemsText(report, usable.length);
      return [
        {
          id: 'dnssec-signatures-invalid',
          cause: 'dnssec-failure',
          severity: 'error',
          message: `The resolvers asked here answer for ${o.verificationName}, but a validating resolver, as the CA uses, rejects it: ${why}`,
          evidence: [...k.evidence, ...signatureLines],
        },
      ];
    }
    if (report.secure && report.verified.length > 0 && report.problems.length === 0) {
      return [{ id: 'dnssec-verified', cause: 'dnssec-failure', severity: 'info', message: `DNSSEC holds: the parent's DS matches the zone's key, and ${verifiedText(report).replace(/^The/, 'the')}.`, evidence: signatureLines }];
    }
    return [];
  }

  const evidence: Evidence[] = failing.map((r) => {
    const cd = r.recordCd;
    const confirm = cd && cd.kind === 'ok' && cd.rcode !== 2 ? `; with DNSSEC checking disabled (CD bit) it answers ${cd.rcodeName}, so validation is what fails` : '';
    return { text: `${r.server.label} answered SERVFAIL for ${o.verificationName}${confirm}`, source: r.server.label };
  });
  const auth = usable[0];
  evidence.push({ text: `${auth.server.label} answers for the zone normally (${auth.record.kind === 'ok' ? auth.record.rcodeName : ''})`, source: auth.server.label });
  const lead = `Validating resolvers fail (SERVFAIL) for ${o.verificationName} while the domain's nameservers answer`;
  let message = `${lead}: the DNSSEC chain is broken (often a DS record at the registrar that no longer matches the zone's keys). The CA's resolvers fail the same way.`;
  if (o.zone && k && report) {
    evidence.push(...k.evidence, ...signatureLines);
    if (verdict) {
      message = `${lead}. ${explain(o.zone, verdict, k)}`;
      if (!linkBroken) {
        if (report.problems.length > 0) message += ` ${problemsText(report, usable.length)}`;
        else if (report.verified.length > 0) message += ` ${verifiedText(report)} here: the break is not in this zone's signatures (a zone above it, or the resolver itself).`;
        else message += ' The signatures could not be checked here (none came back, or their algorithm is not supported): ask the DNS provider to re-sign the zone.';
      }
    } else message += ' The DS at the parent or the zone\'s DNSKEYs could not be read, so which link is broken is not known.';
    // Judged on all keys together; a server without them still fails validation when a resolver asks it.
    if (k.keysRead && k.keysDiffer) message += ` The zone's nameservers do not all serve the same DNSKEYs (see below): one of them is not signed like the others, typical of a half-finished move between providers.`;
  }
  return [{ id: 'dnssec-validation-fails', cause: 'dnssec-failure', severity: 'error', message, evidence }];
}
