/**
 * Authenticated denial of existence: whether the NSEC (RFC 4034 s4, RFC 4035 s5.4) or NSEC3
 * (RFC 5155 s8) records of a negative answer prove that a name, or a type at it, does not exist.
 * Only the logic of the proof; that the NSEC/NSEC3 records themselves are signed is checked apart
 * (dnssec-verify.ts). Pure.
 */
import { createHash } from 'node:crypto';
import { canonicalName, toBase32Hex, type Nsec3Data, type NsecData } from '../transport/rdata';
import { typeNumber } from './dnssec-verify';

const labelsOf = (name: string): string[] => name.toLowerCase().replace(/\.$/, '').split('.').filter((l) => l.length > 0);
const under = (name: string, zone: string): boolean => name === zone || name.endsWith(`.${zone}`);

/** RFC 4034 s6.1 canonical order: labels compared right to left, each as lower-cased octets. */
export function compareNames(a: string, b: string): number {
  const x = labelsOf(a).reverse();
  const y = labelsOf(b).reverse();
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const c = Buffer.compare(Buffer.from(x[i], 'latin1'), Buffer.from(y[i], 'latin1'));
    if (c !== 0) return c;
  }
  return x.length - y.length;
}

/** Strictly between owner and next, the last record of the chain wrapping around to the apex. */
function between<T>(owner: T, next: T, target: T, compare: (a: T, b: T) => number): boolean {
  if (compare(owner, next) < 0) return compare(owner, target) < 0 && compare(target, next) < 0;
  return compare(owner, target) < 0 || compare(target, next) < 0;
}

/** RFC 5155 s5: IH(salt, x, 0) = H(x || salt), IH(salt, x, k) = H(IH(salt, x, k-1) || salt), base32hex. */
export function nsec3Hash(name: string, saltHex: string, iterations: number): string {
  const salt = Buffer.from(saltHex, 'hex');
  let digest = createHash('sha1').update(canonicalName(name)).update(salt).digest();
  for (let i = 0; i < iterations; i++) digest = createHash('sha1').update(digest).update(salt).digest();
  return toBase32Hex(digest);
}

export interface NsecRecord {
  owner: string;
  nsec: NsecData;
}

export interface Nsec3Record {
  owner: string;
  nsec3: Nsec3Data;
}

/** What a proof step rests on, for evidence: "NSEC a.shop.test -> c.shop.test covers b.shop.test". */
export interface ProofStep {
  text: string;
  /** Owner of the NSEC/NSEC3 record the step uses, so its signature can be tied to it. */
  owner?: string;
}

export type DenialVerdict =
  /** The records prove the denial. */
  | { kind: 'proven'; steps: ProofStep[] }
  /** NSEC3 opt-out covers the name: an unsigned delegation could exist there, resolvers call it insecure, not bogus. */
  | { kind: 'opt-out'; steps: ProofStep[] }
  /** No NSEC or NSEC3 came with the answer. */
  | { kind: 'absent' }
  /** The records do not prove it: `missing` says what a validator looks for and does not find. */
  | { kind: 'not-proven'; missing: string; steps: ProofStep[] }
  /** NSEC3 parameters we cannot compute (hash algorithm other than SHA-1). */
  | { kind: 'unsupported'; detail: string };

export interface DenialQuestion {
  name: string;
  type: string;
  /** NXDOMAIN (the name does not exist) or NODATA (NOERROR without the type). */
  nxdomain: boolean;
  zone: string;
}

const TYPE_CNAME = 5;

function typeAbsent(types: number[], type: string): boolean {
  return !types.includes(typeNumber(type)) && !types.includes(TYPE_CNAME);
}

const typeList = (types: number[]): string => types.map((t) => ({ 1: 'A', 2: 'NS', 5: 'CNAME', 6: 'SOA', 16: 'TXT', 28: 'AAAA', 43: 'DS', 46: 'RRSIG', 47: 'NSEC', 48: 'DNSKEY', 50: 'NSEC3', 51: 'NSEC3PARAM', 257: 'CAA' })[t] ?? `TYPE${t}`).join(' ');

/** The longest ancestor (or self) of `name` that is also an ancestor (or self) of `other`. */
function commonAncestor(name: string, other: string): string {
  const a = labelsOf(name).reverse();
  const b = labelsOf(other).reverse();
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return a.slice(0, i).reverse().join('.');
}

/** RFC 4035 s5.4 (and s3.1.3): NSEC proofs of NXDOMAIN (covered name and no wildcard) and NODATA. */
export function proveWithNsec(q: DenialQuestion, records: NsecRecord[]): DenialVerdict {
  const name = q.name.toLowerCase();
  const inZone = records.filter((r) => under(r.owner.toLowerCase(), q.zone));
  if (inZone.length === 0) return { kind: 'absent' };
  const describe = (r: NsecRecord, what: string): ProofStep => ({ text: `NSEC ${r.owner} -> ${r.nsec.nextName.toLowerCase()} (${typeList(r.nsec.types)}) ${what}`, owner: r.owner.toLowerCase() });
  const covers = (r: NsecRecord, target: string) => between(r.owner, r.nsec.nextName, target, compareNames);

  if (!q.nxdomain) {
    const matching = inZone.find((r) => r.owner.toLowerCase() === name);
    if (matching) {
      if (typeAbsent(matching.nsec.types, q.type)) return { kind: 'proven', steps: [describe(matching, `shows ${name} has no ${q.type} record`)] };
      return { kind: 'not-proven', missing: `the NSEC record at ${name} lists ${q.type} (or CNAME) as present, so it does not deny it`, steps: [describe(matching, 'lists the type')] };
    }
    // An empty non-terminal: the covering NSEC's next name lies below the name (RFC 5155 s7.2.3's analogue for NSEC).
    const ent = inZone.find((r) => covers(r, name) && under(r.nsec.nextName.toLowerCase(), name) && r.nsec.nextName.toLowerCase() !== name);
    if (ent) return { kind: 'proven', steps: [describe(ent, `shows ${name} is an empty non-terminal`)] };
    return { kind: 'not-proven', missing: `no NSEC record at ${name} shows which types it has`, steps: inZone.map((r) => describe(r, 'does not match the name')) };
  }

  const covering = inZone.find((r) => covers(r, name));
  if (!covering) return { kind: 'not-proven', missing: `no NSEC record covers ${name}`, steps: inZone.map((r) => describe(r, `does not cover ${name}`)) };
  const a1 = commonAncestor(name, covering.owner);
  const a2 = commonAncestor(name, covering.nsec.nextName);
  const closest = a1.length >= a2.length ? a1 : a2;
  const encloser = under(closest, q.zone) ? closest : q.zone;
  const wildcard = `*.${encloser}`;
  const steps = [describe(covering, `covers ${name}`)];
  const wildcardCover = inZone.find((r) => covers(r, wildcard));
  if (!wildcardCover) return { kind: 'not-proven', missing: `no NSEC record covers the wildcard ${wildcard}, so a wildcard could have answered`, steps };
  if (wildcardCover !== covering) steps.push(describe(wildcardCover, `covers the wildcard ${wildcard}`));
  else steps[0] = describe(covering, `covers ${name} and the wildcard ${wildcard}`);
  return { kind: 'proven', steps };
}

const hashLabel = (owner: string): string => labelsOf(owner)[0] ?? '';
const short = (hash: string): string => `${hash.slice(0, 8)}…`;

/** RFC 5155 s8.3-8.5: closest encloser proof for NXDOMAIN, matching NSEC3 for NODATA. */
export function proveWithNsec3(q: DenialQuestion, records: Nsec3Record[]): DenialVerdict {
  const zone = q.zone.toLowerCase();
  // s8.2: records of another zone or an unknown hash algorithm are ignored; all must share parameters.
  const inZone = records.filter((r) => labelsOf(r.owner).slice(1).join('.') === zone);
  if (inZone.length === 0) return { kind: 'absent' };
  const usable = inZone.filter((r) => r.nsec3.hashAlgorithm === 1);
  if (usable.length === 0) return { kind: 'unsupported', detail: `NSEC3 hash algorithm ${inZone[0].nsec3.hashAlgorithm} is not SHA-1` };
  const { salt, iterations } = usable[0].nsec3;
  const hashOf = (n: string): string => nsec3Hash(n, salt, iterations);
  const matching = (h: string) => usable.find((r) => hashLabel(r.owner) === h);
  const covering = (h: string) => usable.find((r) => between(hashLabel(r.owner), r.nsec3.nextHashed.toLowerCase(), h, (x, y) => (x < y ? -1 : x > y ? 1 : 0)));
  const describe = (r: Nsec3Record, what: string): ProofStep => ({
    text: `NSEC3 ${short(hashLabel(r.owner))} -> ${short(r.nsec3.nextHashed.toLowerCase())} (${typeList(r.nsec3.types)}${r.nsec3.flags & 1 ? ', opt-out' : ''}) ${what}`,
    owner: r.owner.toLowerCase(),
  });
  const params = `SHA-1, ${iterations} iteration${iterations === 1 ? '' : 's'}, salt ${salt || '-'}`;
  const name = q.name.toLowerCase();

  if (!q.nxdomain) {
    const h = hashOf(name);
    const match = matching(h);
    if (match) {
      if (typeAbsent(match.nsec3.types, q.type)) return { kind: 'proven', steps: [describe(match, `matches ${name} (hash ${short(h)}, ${params}) and shows it has no ${q.type} record`)] };
      return { kind: 'not-proven', missing: `the NSEC3 record for ${name} lists ${q.type} (or CNAME) as present`, steps: [describe(match, `matches ${name}`)] };
    }
    return { kind: 'not-proven', missing: `no NSEC3 record matches the hash of ${name} (${short(h)}, ${params})`, steps: [] };
  }

  // Closest encloser: the longest ancestor with a matching NSEC3; the next closer name must be covered.
  const labels = labelsOf(name);
  const zoneLabels = labelsOf(zone).length;
  for (let i = 1; i <= labels.length - zoneLabels; i++) {
    const encloser = labels.slice(i).join('.');
    const ceHash = hashOf(encloser);
    const ce = matching(ceHash);
    if (!ce) continue;
    const nextCloser = labels.slice(i - 1).join('.');
    const ncHash = hashOf(nextCloser);
    const nc = covering(ncHash);
    const steps = [describe(ce, `matches the closest encloser ${encloser} (hash ${short(ceHash)}, ${params})`)];
    if (!nc) return { kind: 'not-proven', missing: `no NSEC3 record covers the next closer name ${nextCloser} (hash ${short(ncHash)})`, steps };
    steps.push(describe(nc, `covers the next closer name ${nextCloser} (hash ${short(ncHash)})`));
    const wildcard = `*.${encloser}`;
    const wcHash = hashOf(wildcard);
    const wc = covering(wcHash);
    if (!wc) return { kind: 'not-proven', missing: `no NSEC3 record covers the wildcard ${wildcard} (hash ${short(wcHash)}), so a wildcard could have answered`, steps };
    steps.push(describe(wc, `covers the wildcard ${wildcard} (hash ${short(wcHash)})`));
    // s9.2: an opt-out span over the next closer name may hide an unsigned delegation.
    if (nc.nsec3.flags & 1) return { kind: 'opt-out', steps };
    return { kind: 'proven', steps };
  }
  return { kind: 'not-proven', missing: `no NSEC3 record matches any ancestor of ${name} up to ${zone} (no closest encloser)`, steps: [] };
}
