/**
 * What an authoritative server answers from its zones (RFC 1034 4.3.2, simplified): an answer, a
 * CNAME, a referral below a delegation, NODATA or NXDOMAIN with the SOA, or REFUSED outside its zones.
 */
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

export function lookup(zones: Zone[], rawName: string, type: RecordType): LookupResult {
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
