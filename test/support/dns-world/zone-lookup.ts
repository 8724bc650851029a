/**
 * What an authoritative server answers from its zones (RFC 1034 4.3.2, simplified): an answer, a
 * CNAME, a referral below a delegation, NODATA or NXDOMAIN with the SOA, or REFUSED outside its zones.
 */
import { compareNames, nsec3Hash } from '../../../src/dns/analysis/dnssec-denial';
import type { Nsec3Data, NsecData, RrsigData } from '../../../src/dns/transport/rdata';
import { TYPE_CODES } from '../../../src/dns/transport/wire';
import type { RecordType } from '../../../src/dns/types';
import type { Zone, ZoneRecord } from './types';

export interface LookupResult {
  rcode: 0 | 2 | 3 | 5;
  aa: boolean;
  answers: ZoneRecord[];
  authority: ZoneRecord[];
  additional: ZoneRecord[];
}

const under = (name: string, parent: string): boolean => name === parent || name.endsWith(`.${parent}`);

export function soaRecord(zone: Zone, negative = false): ZoneRecord {
  const ttl = zone.soaTtl ?? 3600;
  const minimum = zone.minimum ?? 300;
  return {
    name: zone.origin,
    type: 'SOA',
    // RFC 2308: a negative answer's SOA carries the lesser of its TTL and MINIMUM.
    ttl: negative ? Math.min(ttl, minimum) : ttl,
    value: [`ns.${zone.origin}`, `hostmaster.${zone.origin}`, String(zone.serial ?? 1), '3600', '600', '86400', String(minimum)],
  };
}

export function findZone(zones: Zone[], name: string): Zone | undefined {
  return zones.filter((z) => under(name, z.origin)).sort((a, b) => b.origin.length - a.origin.length)[0];
}

/** The RRSIGs at `name` over `type`. */
const sigsFor = (zone: Zone, name: string, type: RecordType): ZoneRecord[] =>
  zone.records.filter((r) => r.type === 'RRSIG' && r.name === name && (r.value as RrsigData).typeCovered === TYPE_CODES[type]);

/** Records with their signatures, as a signed zone's server sends them to a DO query. */
const withSigs = (zone: Zone, records: ZoneRecord[]): ZoneRecord[] => {
  const sets = [...new Set(records.map((r) => `${r.name}|${r.type}`))].map((k) => k.split('|') as [string, RecordType]);
  return [...records, ...sets.flatMap(([n, t]) => sigsFor(zone, n, t))];
};

function between<T>(owner: T, next: T, target: T, compare: (a: T, b: T) => number): boolean {
  if (compare(owner, next) < 0) return compare(owner, target) < 0 && compare(target, next) < 0;
  return compare(owner, target) < 0 || compare(target, next) < 0;
}

/** The NSEC/NSEC3 records that deny `name` (RFC 4035 s3.1.3, RFC 5155 s7.2). */
function denialRecords(zone: Zone, name: string, nxdomain: boolean): ZoneRecord[] {
  if (zone.denial === 'nsec') {
    const nsecs = zone.records.filter((r) => r.type === 'NSEC');
    const covering = (target: string) => nsecs.find((r) => between(r.name, (r.value as NsecData).nextName, target, compareNames));
    if (!nxdomain) return [nsecs.find((r) => r.name === name) ?? covering(name)].filter((r): r is ZoneRecord => r !== undefined);
    const cover = covering(name);
    if (!cover) return [];
    const ancestors = name.split('.').map((_, i, all) => all.slice(i).join('.'));
    const encloser = ancestors.find((a) => under(a, zone.origin) && zone.records.some((r) => under(r.name, a))) ?? zone.origin;
    const wildcard = covering(`*.${encloser}`);
    return [...new Set([cover, ...(wildcard ? [wildcard] : [])])];
  }
  if (!zone.denial) return [];
  const { salt, iterations } = zone.denial.nsec3;
  const nsec3s = zone.records.filter((r) => r.type === 'NSEC3');
  const hashOf = (n: string) => nsec3Hash(n, salt, iterations);
  const matching = (n: string) => nsec3s.find((r) => r.name.split('.')[0] === hashOf(n));
  const covering = (n: string) => {
    const h = hashOf(n);
    return nsec3s.find((r) => between(r.name.split('.')[0], (r.value as Nsec3Data).nextHashed, h, (a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  };
  if (!nxdomain) return [matching(name)].filter((r): r is ZoneRecord => r !== undefined);
  const labels = name.split('.');
  for (let i = 1; i < labels.length; i++) {
    const encloser = labels.slice(i).join('.');
    const ce = matching(encloser);
    if (!ce) continue;
    const found = [ce, covering(labels.slice(i - 1).join('.')), covering(`*.${encloser}`)].filter((r): r is ZoneRecord => r !== undefined);
    return [...new Set(found)];
  }
  return [];
}

export function lookup(zones: Zone[], rawName: string, type: RecordType, dnssecOk = false): LookupResult {
  const result = lookupPlain(zones, rawName, type);
  const name = rawName.toLowerCase().replace(/\.$/, '');
  const zone = findZone(zones, name);
  if (!dnssecOk || !zone?.denial || !result.aa) return result;
  if (result.answers.length > 0) return { ...result, answers: withSigs(zone, result.answers) };
  const denial = denialRecords(zone, name, result.rcode === 3);
  return { ...result, authority: [...withSigs(zone, result.authority), ...withSigs(zone, denial)] };
}

function lookupPlain(zones: Zone[], rawName: string, type: RecordType): LookupResult {
  const name = rawName.toLowerCase().replace(/\.$/, '');
  const zone = findZone(zones, name);
  if (!zone) return { rcode: 5, aa: false, answers: [], authority: [], additional: [] };
  const cut = zone.records
    .filter((r) => r.type === 'NS' && r.name !== zone.origin && under(name, r.name))
    .sort((a, b) => b.name.length - a.name.length)[0];
  // DS records live on the parent side of a zone cut (RFC 4035 3.1.4.1): answered here, not referred.
  const dsAtCut = cut && type === 'DS' && name === cut.name;
  if (cut && !dsAtCut) {
    const ns = zone.records.filter((r) => r.type === 'NS' && r.name === cut.name);
    const glue = zone.records.filter((r) => (r.type === 'A' || r.type === 'AAAA') && ns.some((n) => n.value === r.name));
    return { rcode: 0, aa: false, answers: [], authority: ns, additional: glue };
  }
  const here = zone.records.filter((r) => r.name === name);
  const soaHere = name === zone.origin && type === 'SOA' ? [soaRecord(zone)] : [];
  const answers = [...soaHere, ...here.filter((r) => r.type === type)];
  if (answers.length > 0) return { rcode: 0, aa: true, answers, authority: [], additional: [] };
  const cname = here.filter((r) => r.type === 'CNAME');
  if (cname.length > 0) return { rcode: 0, aa: true, answers: cname, authority: [], additional: [] };
  const exists = name === zone.origin || zone.records.some((r) => under(r.name, name));
  return { rcode: exists ? 0 : 3, aa: true, answers: [], authority: [soaRecord(zone, true)], additional: [] };
}
