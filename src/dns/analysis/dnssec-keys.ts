/**
 * DS and DNSKEY rdata (RFC 4034 sections 2 and 5), decoded from raw bytes since dns2 does not decode
 * DS, and the two computations that tie them together: a DNSKEY's key tag (Appendix B) and the DS
 * digest of a DNSKEY (section 5.1.4). Enough to tell a stale DS from a matching one; no signature checks.
 */
import { createHash } from 'node:crypto';

export interface DsData {
  keyTag: number;
  algorithm: number;
  digestType: number;
  /** Upper-case hex, as DS records are written. */
  digest: string;
}

export interface DnskeyData {
  flags: number;
  protocol: number;
  algorithm: number;
  /** Base64, as DNSKEY records are written. */
  publicKey: string;
}

/** Digest types we can compute (IANA "DS RR Type Digest Algorithms"). */
export const DIGEST_NAMES: Record<number, string> = { 1: 'SHA-1', 2: 'SHA-256', 4: 'SHA-384' };
const DIGEST_HASHES: Record<number, string> = { 1: 'sha1', 2: 'sha256', 4: 'sha384' };

export function decodeDs(rdata: Buffer): DsData {
  if (rdata.length < 5) throw new Error(`DS rdata of ${rdata.length} bytes is shorter than 5`);
  return { keyTag: rdata.readUInt16BE(0), algorithm: rdata[2], digestType: rdata[3], digest: rdata.subarray(4).toString('hex').toUpperCase() };
}

export function encodeDs(ds: DsData): Buffer {
  const head = Buffer.alloc(4);
  head.writeUInt16BE(ds.keyTag, 0);
  head[2] = ds.algorithm;
  head[3] = ds.digestType;
  return Buffer.concat([head, Buffer.from(ds.digest, 'hex')]);
}

export function decodeDnskey(rdata: Buffer): DnskeyData {
  if (rdata.length < 4) throw new Error(`DNSKEY rdata of ${rdata.length} bytes is shorter than 4`);
  return { flags: rdata.readUInt16BE(0), protocol: rdata[2], algorithm: rdata[3], publicKey: rdata.subarray(4).toString('base64') };
}

export function encodeDnskey(key: DnskeyData): Buffer {
  const head = Buffer.alloc(4);
  head.writeUInt16BE(key.flags, 0);
  head[2] = key.protocol;
  head[3] = key.algorithm;
  return Buffer.concat([head, Buffer.from(key.publicKey, 'base64')]);
}

/** RFC 4034 Appendix B: a checksum of the rdata (algorithm 1, RSA/MD5, uses the key's low bits instead). */
export function keyTag(key: DnskeyData): number {
  const rdata = encodeDnskey(key);
  if (key.algorithm === 1) return rdata.length >= 4 ? rdata.readUInt16BE(rdata.length - 3) : 0;
  let ac = 0;
  for (let i = 0; i < rdata.length; i++) ac += i & 1 ? rdata[i] : rdata[i] << 8;
  ac += (ac >> 16) & 0xffff;
  return ac & 0xffff;
}

/** The owner name in canonical wire form (RFC 4034 6.2): lower-case length-prefixed labels, then 0. */
export function canonicalName(name: string): Buffer {
  const labels = name.toLowerCase().replace(/\.$/, '').split('.').filter((l) => l.length > 0);
  return Buffer.concat([...labels.map((l) => Buffer.concat([Buffer.from([Buffer.byteLength(l)]), Buffer.from(l)])), Buffer.from([0])]);
}

/** The DS digest of `key` owned by `owner`, upper-case hex; undefined for a digest type we cannot compute. */
export function dsDigest(owner: string, key: DnskeyData, digestType: number): string | undefined {
  const hash = DIGEST_HASHES[digestType];
  if (!hash) return undefined;
  return createHash(hash).update(Buffer.concat([canonicalName(owner), encodeDnskey(key)])).digest('hex').toUpperCase();
}

/** Key-signing key (SEP bit) or zone-signing key, for plain-words evidence. */
export const keyRole = (key: DnskeyData): string => ((key.flags & 1) === 1 ? 'KSK' : 'ZSK');
