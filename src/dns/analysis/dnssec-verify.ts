/**
 * RRSIG verification as a validating resolver does it (RFC 4034 s3.1.8.1, s6; RFC 4035 s5.3), with
 * node:crypto: the canonical form and order of the RRset, the signature fields, the key the signature
 * names, and its validity window against the clock the caller passes (never the system clock here).
 * Algorithms: RSA (5, 7, 8, 10; RFC 3110, 5702), ECDSA P-256/P-384 (13, 14; RFC 6605), Ed25519/Ed448
 * (15, 16; RFC 8080). Pure: records in, a verdict with the facts a DNS engineer checks out.
 */
import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import { canonicalName, rrsigHead, type DnskeyData, type RrsigData } from '../transport/rdata';
import { keyTag } from './dnssec-keys';

/** IANA "DNS Security Algorithm Numbers" mnemonics, for evidence. */
export const ALGORITHM_NAMES: Record<number, string> = {
  1: 'RSAMD5',
  3: 'DSA',
  5: 'RSASHA1',
  6: 'DSA-NSEC3-SHA1',
  7: 'RSASHA1-NSEC3-SHA1',
  8: 'RSASHA256',
  10: 'RSASHA512',
  12: 'ECC-GOST',
  13: 'ECDSAP256SHA256',
  14: 'ECDSAP384SHA384',
  15: 'ED25519',
  16: 'ED448',
};

export const algorithmName = (n: number): string => ALGORITHM_NAMES[n] ?? `algorithm ${n}`;

/** The algorithms we can verify (the rest is "not checked", as resolvers treat them as unsigned). */
export const SUPPORTED_ALGORITHMS = [5, 7, 8, 10, 13, 14, 15, 16];

/** Type codes whose rdata names are lower-cased in canonical form (RFC 4034 s6.2 as corrected by RFC 6840 s5.1: not NSEC). */
const NAME_TYPES = new Set(['NS', 'CNAME', 'SOA', 'RRSIG']);

/** One record of an RRset: its type name, and its rdata as sent (names uncompressed). */
export interface SignedRecord {
  type: string;
  rdata: Buffer;
}

const TYPE_NUMBERS: Record<string, number> = { A: 1, NS: 2, CNAME: 5, SOA: 6, MX: 15, TXT: 16, AAAA: 28, DS: 43, RRSIG: 46, NSEC: 47, DNSKEY: 48, NSEC3: 50, CAA: 257 };

export function typeNumber(type: string): number {
  const known = TYPE_NUMBERS[type];
  if (known !== undefined) return known;
  const m = /^TYPE(\d+)$/.exec(type);
  if (m) return Number(m[1]);
  throw new Error(`unknown record type ${type}`);
}

/** Reads an uncompressed name at `at`, returns [lower-cased wire form, end]. */
function lowerName(rdata: Buffer, at: number): [Buffer, number] {
  let end = at;
  while (end < rdata.length && rdata[end] !== 0) end += rdata[end] + 1;
  const wire = Buffer.from(rdata.subarray(at, end + 1));
  // Lower-case ASCII letters inside labels only, never the length octets.
  for (let i = 0; i < wire.length - 1; ) {
    const length = wire[i];
    for (let j = i + 1; j <= i + length && j < wire.length; j++) if (wire[j] >= 0x41 && wire[j] <= 0x5a) wire[j] += 0x20;
    i += length + 1;
  }
  return [wire, end + 1];
}

/** RFC 4034 s6.2 rule 3: embedded names of the listed types lower-cased. */
export function canonicalRdata(type: string, rdata: Buffer): Buffer {
  if (!NAME_TYPES.has(type)) return rdata;
  if (type === 'NS' || type === 'CNAME') return lowerName(rdata, 0)[0];
  if (type === 'SOA') {
    const [primary, end1] = lowerName(rdata, 0);
    const [admin, end2] = lowerName(rdata, end1);
    return Buffer.concat([primary, admin, rdata.subarray(end2)]);
  }
  // RRSIG: the signer's name after 18 fixed octets.
  const [signer, end] = lowerName(rdata, 18);
  return Buffer.concat([rdata.subarray(0, 18), signer, rdata.subarray(end)]);
}

const labelsOf = (name: string): string[] => name.toLowerCase().replace(/\.$/, '').split('.').filter((l) => l.length > 0);

/** RFC 4034 s3.1.3: labels of an owner name, not counting the root or a leading `*`. */
export function labelCount(name: string): number {
  const labels = labelsOf(name);
  return labels[0] === '*' ? labels.length - 1 : labels.length;
}

/** The data an RRSIG signs: its own fields, then the RRset in canonical form and order (RFC 4034 s3.1.8.1, s6.3). */
export function signedData(sig: RrsigData, owner: string, records: SignedRecord[]): Buffer {
  const labels = labelsOf(owner);
  // A signature with fewer labels than the owner was made over the wildcard that synthesised it (RFC 4035 s5.3.2).
  const signedOwner = sig.labels < labelCount(owner) ? ['*', ...labels.slice(labels.length - sig.labels)].join('.') : labels.join('.');
  const ownerWire = canonicalName(signedOwner);
  const type = sig.typeCovered;
  const rdatas = records.map((r) => canonicalRdata(r.type, r.rdata)).sort(Buffer.compare);
  const unique = rdatas.filter((r, i) => i === 0 || !r.equals(rdatas[i - 1]));
  const parts: Buffer[] = [rrsigHead(sig)];
  for (const rdata of unique) {
    const fixed = Buffer.alloc(10);
    fixed.writeUInt16BE(type, 0);
    fixed.writeUInt16BE(1, 2);
    fixed.writeUInt32BE(sig.originalTtl >>> 0, 4);
    fixed.writeUInt16BE(rdata.length, 8);
    parts.push(ownerWire, fixed, rdata);
  }
  return Buffer.concat(parts);
}

const b64url = (b: Buffer): string => b.toString('base64url');

/** A DNSKEY's public key as a node:crypto key, or a reason it is not one. */
export function publicKeyOf(key: DnskeyData): { key: KeyObject } | { error: string } {
  const raw = Buffer.from(key.publicKey, 'base64');
  try {
    switch (key.algorithm) {
      case 5:
      case 7:
      case 8:
      case 10: {
        // RFC 3110 s2: exponent length in one octet, or zero and then two octets.
        if (raw.length < 3) return { error: 'RSA key too short' };
        const long = raw[0] === 0;
        const eLength = long ? raw.readUInt16BE(1) : raw[0];
        const eAt = long ? 3 : 1;
        if (eLength === 0 || eAt + eLength >= raw.length) return { error: 'RSA key exponent does not fit' };
        const e = raw.subarray(eAt, eAt + eLength);
        const n = raw.subarray(eAt + eLength);
        return { key: createPublicKey({ key: { kty: 'RSA', n: b64url(n), e: b64url(e) }, format: 'jwk' }) };
      }
      case 13:
      case 14: {
        // RFC 6605 s4: the point's x and y, each 32 (P-256) or 48 (P-384) octets.
        const size = key.algorithm === 13 ? 32 : 48;
        if (raw.length !== size * 2) return { error: `ECDSA key is ${raw.length} octets, not ${size * 2}` };
        const crv = key.algorithm === 13 ? 'P-256' : 'P-384';
        return { key: createPublicKey({ key: { kty: 'EC', crv, x: b64url(raw.subarray(0, size)), y: b64url(raw.subarray(size)) }, format: 'jwk' }) };
      }
      case 15:
      case 16: {
        const size = key.algorithm === 15 ? 32 : 57;
        if (raw.length !== size) return { error: `EdDSA key is ${raw.length} octets, not ${size}` };
        return { key: createPublicKey({ key: { kty: 'OKP', crv: key.algorithm === 15 ? 'Ed25519' : 'Ed448', x: b64url(raw) }, format: 'jwk' }) };
      }
      default:
        return { error: `${algorithmName(key.algorithm)} is not supported here` };
    }
  } catch (error) {
    return { error: `the public key does not decode (${error instanceof Error ? error.message : String(error)})` };
  }
}

const HASHES: Record<number, string | null> = { 5: 'sha1', 7: 'sha1', 8: 'sha256', 10: 'sha512', 13: 'sha256', 14: 'sha384', 15: null, 16: null };

/** Whether `signature` over `data` verifies with `key` (RFC 6605: ECDSA signatures are r||s, not DER). */
export function verifySignature(key: DnskeyData, data: Buffer, signature: Buffer): boolean {
  const pub = publicKeyOf(key);
  if ('error' in pub) return false;
  const hash = HASHES[key.algorithm];
  if (hash === undefined) return false;
  try {
    if (key.algorithm === 13 || key.algorithm === 14) return verify(hash, data, { key: pub.key, dsaEncoding: 'ieee-p1363' }, signature);
    return verify(hash, data, pub.key, signature);
  } catch {
    return false;
  }
}

/** RFC 4034 s3.1.5: 32-bit times compared in serial-number arithmetic (RFC 1982), mapped to the date nearest `now`. */
export function signatureTime(value: number, now: Date): Date {
  const nowSeconds = Math.floor(now.getTime() / 1000);
  const delta = ((value >>> 0) - (nowSeconds >>> 0)) | 0;
  return new Date((nowSeconds + delta) * 1000);
}

export type SignatureOutcome =
  | 'valid'
  | 'expired'
  | 'not-yet-valid'
  /** No DNSKEY of the zone has the signature's key tag and algorithm. */
  | 'unknown-key'
  /** The key exists, the signature does not verify with it. */
  | 'bad-signature'
  /** The RRSIG's own fields do not fit the RRset (labels, signer outside the zone). */
  | 'bad-fields'
  | 'unsupported-algorithm';

export interface SignatureCheck {
  rrsig: RrsigData;
  outcome: SignatureOutcome;
  inception: Date;
  expiration: Date;
  detail?: string;
}

export interface RrsetCheck {
  owner: string;
  type: string;
  /** True when one signature is valid now: what a validator needs. */
  valid: boolean;
  /** Nothing to judge: no RRSIG came with the RRset. */
  unsigned: boolean;
  signatures: SignatureCheck[];
  /** Key tag of the key whose signature verified. */
  validKeyTag?: number;
}

const isZoneKey = (k: DnskeyData): boolean => (k.flags & 0x0100) !== 0 && k.protocol === 3;
const under = (name: string, zone: string): boolean => zone === '' || name === zone || name.endsWith(`.${zone}`);

export interface RrsetToCheck {
  owner: string;
  type: string;
  records: SignedRecord[];
  rrsigs: RrsigData[];
  /** The keys the signer is expected to publish (the zone's DNSKEY RRset). */
  keys: DnskeyData[];
  /** The zone the RRset belongs to; signatures by another signer name do not count. */
  zone: string;
  now: Date;
}

/** RFC 4035 s5.3.1 and s5.3.3: every RRSIG covering the RRset, judged; the RRset is valid when one is. */
export function checkRrset(input: RrsetToCheck): RrsetCheck {
  const owner = input.owner.toLowerCase();
  const zone = input.zone.toLowerCase();
  const type = typeNumber(input.type);
  const nowSeconds = Math.floor(input.now.getTime() / 1000) >>> 0;
  const covering = input.rrsigs.filter((s) => s.typeCovered === type);
  const signatures = covering.map((rrsig): SignatureCheck => {
    const inception = signatureTime(rrsig.inception, input.now);
    const expiration = signatureTime(rrsig.expiration, input.now);
    const at = (outcome: SignatureOutcome, detail?: string): SignatureCheck => ({ rrsig, outcome, inception, expiration, detail });
    if (rrsig.signerName !== zone || !under(owner, rrsig.signerName)) return at('bad-fields', `signer ${rrsig.signerName} is not the zone ${zone}`);
    if (rrsig.labels > labelCount(owner)) return at('bad-fields', `label count ${rrsig.labels} exceeds the ${labelCount(owner)} labels of ${owner}`);
    if (!SUPPORTED_ALGORITHMS.includes(rrsig.algorithm)) return at('unsupported-algorithm');
    // Serial arithmetic: "now after expiration" is a positive signed 32-bit difference.
    if (((nowSeconds - (rrsig.expiration >>> 0)) | 0) > 0) return at('expired');
    if ((((rrsig.inception >>> 0) - nowSeconds) | 0) > 0) return at('not-yet-valid');
    const candidates = input.keys.filter((k) => isZoneKey(k) && k.algorithm === rrsig.algorithm && keyTag(k) === rrsig.keyTag);
    if (candidates.length === 0) return at('unknown-key');
    const data = signedData(rrsig, owner, input.records);
    const signature = Buffer.from(rrsig.signature, 'base64');
    return candidates.some((k) => verifySignature(k, data, signature)) ? at('valid') : at('bad-signature');
  });
  const valid = signatures.find((s) => s.outcome === 'valid');
  return { owner, type: input.type, valid: valid !== undefined, unsigned: covering.length === 0, signatures, validKeyTag: valid?.rrsig.keyTag };
}

/** The failure that explains an RRset best: the one closest to having worked. */
const FAILURE_ORDER: SignatureOutcome[] = ['expired', 'not-yet-valid', 'bad-signature', 'unknown-key', 'bad-fields', 'unsupported-algorithm'];

export function worstFailure(check: RrsetCheck): SignatureCheck | undefined {
  if (check.valid) return undefined;
  for (const outcome of FAILURE_ORDER) {
    const found = check.signatures.find((s) => s.outcome === outcome);
    if (found) return found;
  }
  return undefined;
}

/** An RRset signed only with algorithms we cannot check: resolvers that cannot either treat it as unsigned. */
export const onlyUnsupported = (check: RrsetCheck): boolean => check.signatures.length > 0 && check.signatures.every((s) => s.outcome === 'unsupported-algorithm');

const day = (d: Date): string => d.toISOString().slice(0, 10);
const stamp = (d: Date): string => `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;

/** "RRSIG TXT algorithm 13 (ECDSAP256SHA256), key tag 12345, signer shop.test, valid 2026-11-20 10:00 UTC to 2026-12-20 10:00 UTC" */
export function signatureText(s: SignatureCheck, typeName: string): string {
  const r = s.rrsig;
  return `RRSIG ${typeName} algorithm ${r.algorithm} (${algorithmName(r.algorithm)}), key tag ${r.keyTag}, signer ${r.signerName}, labels ${r.labels}, valid ${stamp(s.inception)} to ${stamp(s.expiration)}`;
}

const OUTCOME_WORDS: Record<SignatureOutcome, (s: SignatureCheck) => string> = {
  valid: () => 'verifies',
  expired: (s) => `expired on ${day(s.expiration)}`,
  'not-yet-valid': (s) => `not valid before ${day(s.inception)}`,
  'unknown-key': (s) => `made with key tag ${s.rrsig.keyTag}, which the zone does not publish`,
  'bad-signature': () => 'does not verify',
  'bad-fields': (s) => `does not fit the record set (${s.detail ?? ''})`,
  'unsupported-algorithm': (s) => `not checked: ${algorithmName(s.rrsig.algorithm)} is not supported here`,
};

export const outcomeText = (s: SignatureCheck): string => OUTCOME_WORDS[s.outcome](s);
export { day as signatureDay };
