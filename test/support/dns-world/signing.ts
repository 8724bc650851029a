/**
 * Signs a test-world zone as a DNS provider's signer would: a KSK and a ZSK made with node:crypto at
 * test time, an RRSIG over every authoritative RRset (the DNSKEY set by the KSK), and an NSEC or NSEC3
 * chain (RFC 4034 s4, RFC 5155 s7.1, empty non-terminals included). Faults make one RRset's signature
 * expired, not yet valid, made by an unpublished key, corrupted or missing. The zone lookup then serves
 * the signatures and denial proofs to queries with the DO bit.
 */
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { dsDigest, keyTag } from '../../../src/dns/analysis/dnssec-keys';
import { compareNames, nsec3Hash } from '../../../src/dns/analysis/dnssec-denial';
import { signedData, typeNumber, type SignedRecord } from '../../../src/dns/analysis/dnssec-verify';
import { CAA, DNSKEY, DS, NSEC, NSEC3, TXT, nameToWire, type DnskeyData, type DsData, type Nsec3Data, type NsecData, type RrsigData } from '../../../src/dns/transport/rdata';
import type { CaaData, RecordType } from '../../../src/dns/types';
import type { Zone, ZoneRecord } from './types';
import { soaRecord } from './zone-lookup';

export type SigningFault = 'expired' | 'not-yet-valid' | 'unknown-key' | 'corrupt' | 'unsigned';

export interface SigningOptions {
  /** 8 (RSASHA256), 13 (ECDSA P-256, default), 14 (P-384) or 15 (Ed25519). */
  algorithm?: 8 | 13 | 14 | 15;
  /** NSEC (default) or NSEC3 with its parameters. */
  nsec3?: { salt: string; iterations: number; optOut?: boolean };
  faults?: { name: string; type: RecordType; fault: SigningFault }[];
  /** The signatures' window: valid from `now` - 1 day to `now` + 30 days. */
  now: Date;
}

export interface SignedZone {
  zone: Zone;
  /** The DS of the KSK (SHA-256), for the parent zone. */
  ds: DsData;
  ksk: DnskeyData;
  zsk: DnskeyData;
}

interface SigningKey {
  dnskey: DnskeyData;
  privateKey: KeyObject;
}

/** One key pair per (algorithm, role), made once per test file: RSA key generation is slow. */
const keyCache = new Map<string, SigningKey>();

function makeKey(algorithm: number, flags: number, slot: string): SigningKey {
  const cacheKey = `${algorithm}/${flags}/${slot}`;
  const cached = keyCache.get(cacheKey);
  if (cached) return cached;
  let publicKey: Buffer;
  let privateKey: KeyObject;
  if (algorithm === 8) {
    const pair = generateKeyPairSync('rsa', { modulusLength: 2048, publicExponent: 65537 });
    const jwk = pair.publicKey.export({ format: 'jwk' });
    const e = Buffer.from(jwk.e as string, 'base64url');
    publicKey = Buffer.concat([Buffer.from([e.length]), e, Buffer.from(jwk.n as string, 'base64url')]);
    privateKey = pair.privateKey;
  } else if (algorithm === 15) {
    const pair = generateKeyPairSync('ed25519');
    publicKey = Buffer.from(pair.publicKey.export({ format: 'jwk' }).x as string, 'base64url');
    privateKey = pair.privateKey;
  } else {
    const pair = generateKeyPairSync('ec', { namedCurve: algorithm === 13 ? 'P-256' : 'P-384' });
    const jwk = pair.publicKey.export({ format: 'jwk' });
    publicKey = Buffer.concat([Buffer.from(jwk.x as string, 'base64url'), Buffer.from(jwk.y as string, 'base64url')]);
    privateKey = pair.privateKey;
  }
  const key = { dnskey: { flags, protocol: 3, algorithm, publicKey: publicKey.toString('base64') }, privateKey };
  keyCache.set(cacheKey, key);
  return key;
}

function signWith(key: SigningKey, data: Buffer): Buffer {
  switch (key.dnskey.algorithm) {
    case 8:
      return sign('sha256', data, key.privateKey);
    case 13:
      return sign('sha256', data, { key: key.privateKey, dsaEncoding: 'ieee-p1363' });
    case 14:
      return sign('sha384', data, { key: key.privateKey, dsaEncoding: 'ieee-p1363' });
    default:
      return sign(null, data, key.privateKey);
  }
}

/** A zone record's rdata as the wire carries it (names uncompressed). */
export function rdataOf(r: ZoneRecord): Buffer {
  const v = r.value;
  switch (r.type) {
    case 'A':
      return Buffer.from((v as string).split('.').map(Number));
    case 'NS':
    case 'CNAME':
      return nameToWire(v as string);
    case 'TXT':
      return TXT.encode((Array.isArray(v) ? v : [v as string]).map((s) => Buffer.from(s, 'utf8')));
    case 'CAA':
      return CAA.encode(v as CaaData);
    case 'DS':
      return DS.encode(v as DsData);
    case 'DNSKEY':
      return DNSKEY.encode(v as DnskeyData);
    case 'NSEC':
      return NSEC.encode(v as NsecData);
    case 'NSEC3':
      return NSEC3.encode(v as Nsec3Data);
    case 'SOA': {
      const [primary, admin, ...numbers] = v as string[];
      const tail = Buffer.alloc(20);
      numbers.forEach((n, i) => tail.writeUInt32BE(Number(n) >>> 0, i * 4));
      return Buffer.concat([nameToWire(primary), nameToWire(admin), tail]);
    }
    default:
      throw new Error(`cannot sign ${r.type} records in the test world`);
  }
}

const under = (name: string, parent: string): boolean => name === parent || name.endsWith(`.${parent}`);
const labels = (name: string): string[] => name.split('.');

/** Ancestors of `name` strictly below `origin`. */
function ancestorsBelow(name: string, origin: string): string[] {
  const out: string[] = [];
  const parts = labels(name);
  for (let i = 1; i < parts.length; i++) {
    const candidate = parts.slice(i).join('.');
    if (candidate === origin || !under(candidate, origin)) break;
    out.push(candidate);
  }
  return out;
}

export function signZone(input: Zone, options: SigningOptions): SignedZone {
  const algorithm = options.algorithm ?? 13;
  const origin = input.origin;
  const ksk = makeKey(algorithm, 257, 'ksk');
  const zsk = makeKey(algorithm, 256, 'zsk');
  const stranger = makeKey(algorithm, 256, 'unpublished');
  const base = input.records.filter((r) => r.type !== 'DNSKEY' && r.type !== 'RRSIG' && r.type !== 'NSEC' && r.type !== 'NSEC3');
  const records: ZoneRecord[] = [...base, { name: origin, type: 'DNSKEY', value: ksk.dnskey, ttl: 3600 }, { name: origin, type: 'DNSKEY', value: zsk.dnskey, ttl: 3600 }];

  // Delegations below the apex: their NS and glue are not authoritative, so they are not signed.
  const cuts = base.filter((r) => r.type === 'NS' && r.name !== origin).map((r) => r.name);
  const authoritative = (r: ZoneRecord) => !cuts.some((c) => under(r.name, c) && !(r.name === c && r.type === 'DS'));
  const owners = [...new Set([origin, ...records.filter((r) => !cuts.some((c) => under(r.name, c) && r.name !== c)).map((r) => r.name)])];
  const typesAt = (name: string): number[] => [...new Set([...records.filter((r) => r.name === name).map((r) => typeNumber(r.type)), ...(name === origin ? [6] : [])])];

  // The denial chain.
  const chain: ZoneRecord[] = [];
  if (options.nsec3) {
    const { salt, iterations, optOut } = options.nsec3;
    const withEnts = [...new Set([...owners, ...owners.flatMap((n) => ancestorsBelow(n, origin))])];
    const hashed = withEnts.map((name) => ({ name, hash: nsec3Hash(name, salt, iterations) })).sort((a, b) => (a.hash < b.hash ? -1 : 1));
    hashed.forEach(({ name, hash }, i) => {
      const types = typesAt(name);
      const signed = types.length > 0 && !(cuts.includes(name) && !types.includes(43));
      chain.push({
        name: `${hash}.${origin}`,
        type: 'NSEC3',
        ttl: input.minimum ?? 300,
        value: { hashAlgorithm: 1, flags: optOut ? 1 : 0, iterations, salt, nextHashed: hashed[(i + 1) % hashed.length].hash, types: types.length > 0 ? [...types, ...(signed ? [46] : [])] : [] },
      });
    });
  } else {
    const sorted = [...owners].sort(compareNames);
    sorted.forEach((name, i) => {
      chain.push({ name, type: 'NSEC', ttl: input.minimum ?? 300, value: { nextName: sorted[(i + 1) % sorted.length], types: [...typesAt(name), 46, 47] } });
    });
  }
  const all = [...records, ...chain];

  // RRSIGs over each authoritative RRset, and over the SOA the lookup synthesises.
  const soa = soaRecord(input);
  const rrsets = new Map<string, ZoneRecord[]>();
  for (const r of [...all.filter(authoritative), soa]) {
    if (r.type === 'NS' && r.name !== origin) continue;
    const key = `${r.name}|${r.type}`;
    rrsets.set(key, [...(rrsets.get(key) ?? []), r]);
  }
  const nowSeconds = Math.floor(options.now.getTime() / 1000);
  const sigs: ZoneRecord[] = [];
  for (const [key, set] of rrsets) {
    const [name, type] = key.split('|') as [string, RecordType];
    const fault = options.faults?.find((f) => f.name === name && f.type === type)?.fault;
    if (fault === 'unsigned') continue;
    const signer = fault === 'unknown-key' ? stranger : type === 'DNSKEY' ? ksk : zsk;
    const window =
      fault === 'expired'
        ? { inception: Date.UTC(2025, 1, 1) / 1000, expiration: Date.UTC(2025, 2, 1) / 1000 }
        : fault === 'not-yet-valid'
          ? { inception: nowSeconds + 7 * 86400, expiration: nowSeconds + 37 * 86400 }
          : { inception: nowSeconds - 86400, expiration: nowSeconds + 30 * 86400 };
    const fields: RrsigData = {
      typeCovered: typeNumber(type),
      algorithm,
      labels: labels(name).filter((l) => l !== '*').length,
      originalTtl: set[0].ttl ?? 300,
      ...window,
      keyTag: keyTag(signer.dnskey),
      signerName: origin,
      signature: '',
    };
    const signedRecords: SignedRecord[] = set.map((r) => ({ type: r.type, rdata: rdataOf(r) }));
    const signature = signWith(signer, signedData(fields, name, signedRecords));
    if (fault === 'corrupt') signature[signature.length >> 1] ^= 0x40;
    sigs.push({ name, type: 'RRSIG', ttl: fields.originalTtl, value: { ...fields, signature: signature.toString('base64') } });
  }
  const ds: DsData = { keyTag: keyTag(ksk.dnskey), algorithm, digestType: 2, digest: dsDigest(origin, ksk.dnskey, 2) as string };
  const zone: Zone = { ...input, records: [...all, ...sigs], denial: options.nsec3 ? { nsec3: { salt: options.nsec3.salt, iterations: options.nsec3.iterations } } : 'nsec' };
  return { zone, ds, ksk: ksk.dnskey, zsk: zsk.dnskey };
}

/** The DS record for a signed zone, for `rootRecords`. */
export const dsRecordFor = (signed: SignedZone): ZoneRecord => ({ name: signed.zone.origin, type: 'DS', value: signed.ds, ttl: 3600 });
