/**
 * The signatures a validating resolver (the CA's) checks before it believes the verification record,
 * checked here on each authoritative server's own answers: the DNSKEY set against the parent's DS, the
 * record's RRSIGs against the DNSKEYs, and for a record that is absent, the NSEC/NSEC3 proof and its
 * RRSIGs. Each problem comes out as one plain sentence plus the records behind it.
 */
import { proveWithNsec, proveWithNsec3, type DenialVerdict } from '../analysis/dnssec-denial';
import { dsDigest, keyTag, type DnskeyData, type DsData } from '../analysis/dnssec-keys';
import { checkRrset, onlyUnsupported, outcomeText, signatureDay, signatureText, worstFailure, type RrsetCheck, type SignatureCheck } from '../analysis/dnssec-verify';
import type { DnsRecord, DnsResponse } from '../types';
import { list } from './describe';
import type { Asked, AuthServerResult, NamedServer } from './observations';

export type ProblemKind = 'expired' | 'not-yet-valid' | 'unknown-key' | 'bad-signature' | 'bad-fields' | 'unsigned' | 'denial';

export interface SignatureProblem {
  kind: ProblemKind;
  /** One sentence without the server names, e.g. "the signatures on _dnsauth.shop.test expired on 2025-03-01". */
  sentence: string;
  servers: string[];
}

export interface SignatureReport {
  /** The zone is meant to validate: the parent publishes a DS. */
  secure: boolean;
  problems: SignatureProblem[];
  /** "ns1, ns2: RRSIG TXT algorithm 13 ... : expired on 2025-03-01", grouped across servers. */
  lines: string[];
  /** RRsets whose signatures all verified, for the all-clear's evidence ("the DNSKEY set", "_dnsauth.shop.test"). */
  verified: string[];
  /** Validity end of the signatures that verified, earliest first. */
  validUntil?: Date;
  /** Nothing could be judged (no signatures, or only algorithms we cannot check). */
  checkedNothing: boolean;
}

interface Rrset {
  records: DnsRecord[];
  rrsigs: NonNullable<DnsRecord['rrsig']>[];
}

function rrsetIn(records: DnsRecord[], owner: string, type: string): Rrset {
  const here = records.filter((r) => r.name === owner);
  return {
    records: here.filter((r) => r.type === type && r.rdata !== undefined),
    rrsigs: here.flatMap((r) => (r.type === 'RRSIG' && r.rrsig ? [r.rrsig] : [])),
  };
}

const keyOf = (s: NamedServer): string => `${s.address.toLowerCase()}|${s.port}`;
const shortLabel = (s: NamedServer): string => s.label;

/** Where the same text came from several servers, it is one line naming them all. */
class Collector {
  private readonly problems = new Map<string, SignatureProblem>();
  private readonly lines = new Map<string, string[]>();
  readonly verified = new Set<string>();
  validUntil?: Date;
  judged = false;

  problem(kind: ProblemKind, sentence: string, server: NamedServer): void {
    const found = this.problems.get(sentence) ?? { kind, sentence, servers: [] };
    if (!found.servers.includes(shortLabel(server))) found.servers.push(shortLabel(server));
    this.problems.set(sentence, found);
  }

  line(text: string, server: NamedServer): void {
    const servers = this.lines.get(text) ?? [];
    if (!servers.includes(shortLabel(server))) servers.push(shortLabel(server));
    this.lines.set(text, servers);
  }

  report(secure: boolean): SignatureReport {
    return {
      secure,
      problems: [...this.problems.values()],
      lines: [...this.lines.entries()].map(([text, servers]) => `${list(servers)}: ${text}`),
      verified: [...this.verified],
      validUntil: this.validUntil,
      checkedNothing: !this.judged,
    };
  }
}

/** What to call an RRset in a sentence. */
const setName = (owner: string, type: string, zone: string): string => (type === 'DNSKEY' && owner === zone ? `the DNSKEY set of ${zone}` : type === 'NSEC' || type === 'NSEC3' ? `the ${type} record ${owner}` : owner);

function sentenceFor(failure: SignatureCheck, what: string, keys: DnskeyData[]): { kind: ProblemKind; sentence: string } {
  switch (failure.outcome) {
    case 'expired':
      return { kind: 'expired', sentence: `the signatures on ${what} expired on ${signatureDay(failure.expiration)}` };
    case 'not-yet-valid':
      return { kind: 'not-yet-valid', sentence: `the signatures on ${what} are not valid before ${signatureDay(failure.inception)}` };
    case 'unknown-key':
      return {
        kind: 'unknown-key',
        sentence: `${what} is signed by key tag ${failure.rrsig.keyTag}, which the zone does not publish (its DNSKEYs: ${keys.length > 0 ? list(keys.map((k) => `${keyTag(k)} (algorithm ${k.algorithm})`)) : 'none'})`,
      };
    case 'bad-signature':
      return { kind: 'bad-signature', sentence: `the signature on ${what} (key tag ${failure.rrsig.keyTag}) does not verify` };
    default:
      return { kind: 'bad-fields', sentence: `the signature on ${what} ${outcomeText(failure)}` };
  }
}

function judge(c: Collector, check: RrsetCheck, what: string, keys: DnskeyData[], server: NamedServer, unsignedSentence: string | undefined): void {
  for (const s of check.signatures) c.line(`${signatureText(s, check.type)} over ${what}: ${outcomeText(s)}`, server);
  if (check.valid) {
    c.judged = true;
    c.verified.add(what);
    const valid = check.signatures.filter((s) => s.outcome === 'valid').map((s) => s.expiration);
    for (const until of valid) if (!c.validUntil || until < c.validUntil) c.validUntil = until;
    return;
  }
  if (onlyUnsupported(check)) return;
  if (check.unsigned) {
    if (unsignedSentence) {
      c.judged = true;
      c.problem('unsigned', unsignedSentence, server);
      c.line(`no RRSIG over ${what}`, server);
    }
    return;
  }
  c.judged = true;
  const failure = worstFailure(check);
  if (failure) {
    const { kind, sentence } = sentenceFor(failure, what, keys);
    c.problem(kind, sentence, server);
  }
}

export interface SignatureInput {
  zone: string;
  verificationName: string;
  recordType: 'TXT' | 'CNAME';
  authoritative: AuthServerResult[];
  dnskey: Asked[];
  dsSet: DsData[];
  now: Date;
}

const okReply = (r: DnsResponse | undefined): r is Extract<DnsResponse, { kind: 'ok' }> => r !== undefined && r.kind === 'ok' && r.rcode === 0;

/** Checks every usable server's answers; `secure` (a DS at the parent) decides whether missing signatures are a problem. */
export function checkSignatures(input: SignatureInput): SignatureReport {
  const { zone, now } = input;
  const vname = input.verificationName;
  const c = new Collector();
  const secure = input.dsSet.length > 0;
  const keyAnswers = new Map(input.dnskey.filter((a) => okReply(a.response)).map((a) => [keyOf(a.server), a.response as Extract<DnsResponse, { kind: 'ok' }>]));
  const allKeys = [...keyAnswers.values()].flatMap((r) => r.answers.filter((x) => x.type === 'DNSKEY' && x.name === zone && x.dnskey).map((x) => x.dnskey as DnskeyData));
  // Keys the parent vouches for: a DS names them by tag and algorithm and its digest is theirs.
  const vouched = (k: DnskeyData) => input.dsSet.some((ds) => ds.algorithm === k.algorithm && ds.keyTag === keyTag(k) && dsDigest(zone, k, ds.digestType) === ds.digest);

  for (const auth of input.authoritative) {
    const server = auth.server;
    const keyReply = keyAnswers.get(keyOf(server));
    const keySet = keyReply ? rrsetIn(keyReply.answers, zone, 'DNSKEY') : undefined;
    const keys = keySet ? keySet.records.flatMap((r) => (r.dnskey ? [r.dnskey] : [])) : allKeys;

    // The DNSKEY set, signed by a key the DS vouches for (RFC 4035 s5.2).
    if (secure && keySet && keys.length > 0) {
      const trusted = keys.filter(vouched);
      if (trusted.length > 0) {
        const what = setName(zone, 'DNSKEY', zone);
        const check = checkRrset({ owner: zone, type: 'DNSKEY', records: keySet.records.map((r) => ({ type: r.type, rdata: r.rdata as Buffer })), rrsigs: keySet.rrsigs, keys: trusted, zone, now });
        const byOther = worstFailure(check)?.outcome === 'unknown-key';
        if (byOther && keys.length > trusted.length && check.signatures.every((s) => s.outcome === 'unknown-key')) {
          // Signed, but only by keys the DS does not name.
          c.judged = true;
          for (const s of check.signatures) c.line(`${signatureText(s, 'DNSKEY')} over ${what}: not by the key the parent's DS names`, server);
          c.problem('unknown-key', `${what} is not signed by key tag ${list(trusted.map((k) => String(keyTag(k))))}, the key the parent's DS points to (it is signed by key tag ${list([...new Set(check.signatures.map((s) => String(s.rrsig.keyTag)))])})`, server);
        } else judge(c, check, what, trusted, server, `${what} has no signature (RRSIG), though the parent's DS says the zone is signed`);
      }
    }

    const record = auth.record;
    if (record.kind !== 'ok') continue;
    const answer = [input.recordType, 'CNAME'].map((type) => ({ type, set: rrsetIn(record.answers, vname, type) })).find((x) => x.set.records.length > 0);
    if (answer) {
      const check = checkRrset({ owner: vname, type: answer.type, records: answer.set.records.map((r) => ({ type: r.type, rdata: r.rdata as Buffer })), rrsigs: answer.set.rrsigs, keys, zone, now });
      judge(c, check, vname, keys, server, secure ? `${vname} has no signature (RRSIG), though the zone is signed` : undefined);
      continue;
    }
    if (record.rcode !== 0 && record.rcode !== 3) continue;
    checkDenial(c, { zone, vname, type: input.recordType, nxdomain: record.rcode === 3, authority: record.authority, keys, server, now, secure });
  }
  return c.report(secure);
}

interface DenialInput {
  zone: string;
  vname: string;
  type: string;
  nxdomain: boolean;
  authority: DnsRecord[];
  keys: DnskeyData[];
  server: NamedServer;
  now: Date;
  secure: boolean;
}

function checkDenial(c: Collector, d: DenialInput): void {
  const denied = d.nxdomain ? `that ${d.vname} does not exist (NXDOMAIN)` : `that ${d.vname} has no ${d.type} record`;
  const nsec = d.authority.filter((r) => r.type === 'NSEC' && r.nsec).map((r) => ({ owner: r.name, nsec: r.nsec as NonNullable<DnsRecord['nsec']> }));
  const nsec3 = d.authority.filter((r) => r.type === 'NSEC3' && r.nsec3).map((r) => ({ owner: r.name, nsec3: r.nsec3 as NonNullable<DnsRecord['nsec3']> }));
  const question = { name: d.vname, type: d.type, nxdomain: d.nxdomain, zone: d.zone };
  const verdict: DenialVerdict = nsec3.length > 0 ? proveWithNsec3(question, nsec3) : proveWithNsec(question, nsec);
  if (verdict.kind === 'absent') {
    if (d.secure) {
      c.judged = true;
      c.problem('denial', `the answer ${denied} carries no NSEC or NSEC3 record to prove it, though the zone is signed`, d.server);
      c.line(`answered ${d.nxdomain ? 'NXDOMAIN' : 'NODATA'} for ${d.vname} without NSEC or NSEC3 records`, d.server);
    }
    return;
  }
  if (verdict.kind === 'unsupported') {
    c.line(`denial of ${d.vname} not checked: ${verdict.detail}`, d.server);
    return;
  }
  const steps = 'steps' in verdict ? verdict.steps : [];
  for (const step of steps) c.line(step.text, d.server);
  c.judged = true;
  if (verdict.kind === 'not-proven') {
    c.problem('denial', `the proof ${denied} does not hold: ${verdict.missing}`, d.server);
    return;
  }
  if (verdict.kind === 'opt-out') c.line(`an opt-out NSEC3 covers ${d.vname}: validators treat the answer as insecure, not as proven`, d.server);
  else c.verified.add(`the denial of ${d.vname}`);
  // Each NSEC/NSEC3 record the proof rests on must itself be signed.
  const type = nsec3.length > 0 ? 'NSEC3' : 'NSEC';
  const owners = [...new Set(steps.flatMap((s) => (s.owner ? [s.owner] : [])))];
  for (const owner of owners) {
    const set = rrsetIn(d.authority, owner, type);
    const check = checkRrset({ owner, type, records: set.records.map((r) => ({ type: r.type, rdata: r.rdata as Buffer })), rrsigs: set.rrsigs, keys: d.keys, zone: d.zone, now: d.now });
    const what = `the ${type} record proving ${d.nxdomain ? `${d.vname} does not exist` : `${d.vname} has no ${d.type} record`}`;
    judge(c, check, what, d.keys, d.server, d.secure ? `${what} has no signature (RRSIG)` : undefined);
  }
}
