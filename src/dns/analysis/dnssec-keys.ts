/**
 * DS and DNSKEY rdata (RFC 4034 sections 2 and 5), decoded from raw bytes since dns2 does not decode
 * DS, and the two computations that tie them together: a DNSKEY's key tag (Appendix B) and the DS
 * digest of a DNSKEY (section 5.1.4). Enough to tell a stale DS from a matching one; no signature checks.
 */
import { createHash } from 'node:crypto';
import { canonicalName, DNSKEY, DS, type DnskeyData, type DsData } from '../transport/rdata';

export type { DnskeyData, DsData } from '../transport/rdata';
export { canonicalName } from '../transport/rdata';

/** Digest types we can compute (IANA "DS RR Type Digest Algorithms"). */
export const DIGEST_NAMES: Record<number, string> = { 1: 'SHA-1', 2: 'SHA-256', 4: 'SHA-384' };
const DIGEST_HASHES: Record<number, string> = { 1: 'sha1', 2: 'sha256', 4: 'sha384' };

export const decodeDs = (rdata: Buffer): DsData => DS.decode(rdata);
export const encodeDs = (ds: DsData): Buffer => DS.encode(ds);
export const decodeDnskey = (rdata: Buffer): DnskeyData => DNSKEY.decode(rdata);
export const encodeDnskey = (key: DnskeyData): Buffer => DNSKEY.encode(key);

/** RFC 4034 Appendix B: a checksum of the rdata (algorithm 1, RSA/MD5, uses the key's low bits instead). */
export function keyTag(key: DnskeyData): number {
  const rdata = encodeDnskey(key);
  if (key.algorithm === 1) return rdata.length >= 4 ? rdata.readUInt16BE(rdata.length - 3) : 0;
  let ac = 0;
  for (let i = 0; i < rdata.length; i++) ac += i & 1 ? rdata[i] : rdata[i] << 8;
  ac += (ac >> 16) & 0xffff;
  return ac & 0xffff;
}

/** The DS digest of `key` owned by `owner`, upper-case hex; undefined for a digest type we cannot compute. */
export function dsDigest(owner: string, key: DnskeyData, digestType: number): string | undefined {
  const hash = DIGEST_HASHES[digestType];
  if (!hash) return undefined;
  return createHash(hash).update(Buffer.concat([canonicalName(owner), encodeDnskey(key)])).digest('hex').toUpperCase();
}

/** Key-signing key (SEP bit) or zone-signing key, for plain-words evidence. */
export const keyRole = (key: DnskeyData): string => ((key.flags & 1) === 1 ? 'KSK' : 'ZSK');
