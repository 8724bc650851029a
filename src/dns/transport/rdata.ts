/**
 * Typed rdata codecs for the record types we decode ourselves (dns2 leaves DS, NSEC and NSEC3 raw and
 * decodes RRSIG lossily): one `{ decode, encode }` object per type, bytes in, typed value out and back.
 * None of these types may use name compression (RFC 3597 s4, RFC 4034 s3.1.7, 4.1.1), so a record's
 * rdata alone is enough to decode it. Each decoder throws an Error saying what is wrong with the bytes;
 * the message codec (wire.ts) turns that into a malformed record, never a crash.
 */
import type { CaaData } from '../types';

export interface RdataCodec<T> {
  decode(rdata: Buffer): T;
  encode(value: T): Buffer;
}

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

export interface RrsigData {
  /** Type code of the RRset the signature covers. */
  typeCovered: number;
  algorithm: number;
  labels: number;
  originalTtl: number;
  /** Seconds since 1970 modulo 2^32 (RFC 4034 s3.1.5). */
  expiration: number;
  inception: number;
  keyTag: number;
  /** Lower-case, without trailing dot. */
  signerName: string;
  /** Base64. */
  signature: string;
}

export interface NsecData {
  /** As sent (RFC 6840 s5.1: not lower-cased for the signature), without trailing dot. */
  nextName: string;
  types: number[];
}

export interface Nsec3Data {
  hashAlgorithm: number;
  flags: number;
  iterations: number;
  /** Hex, empty for no salt. */
  salt: string;
  /** Base32hex without padding, lower-case, as in the owner name's first label. */
  nextHashed: string;
  types: number[];
}

const need = (rdata: Buffer, length: number, what: string): void => {
  if (rdata.length < length) throw new Error(`${what} rdata of ${rdata.length} bytes is shorter than ${length}`);
};

/** An uncompressed wire name from `offset`; returns the name (no trailing dot) and where it ends. */
export function readName(rdata: Buffer, offset: number): { name: string; end: number } {
  const labels: string[] = [];
  let at = offset;
  for (;;) {
    if (at >= rdata.length) throw new Error('name runs past the end of the rdata');
    const length = rdata[at];
    if (length === 0) return { name: labels.join('.'), end: at + 1 };
    if (length > 63) throw new Error(`name uses a compression pointer or bad label length 0x${length.toString(16)}`);
    if (at + 1 + length > rdata.length) throw new Error('label runs past the end of the rdata');
    labels.push(rdata.subarray(at + 1, at + 1 + length).toString('latin1'));
    at += 1 + length;
  }
}

/** A name in uncompressed wire form, case kept; `canonicalName` lower-cases it (RFC 4034 s6.2). */
export function nameToWire(name: string): Buffer {
  const labels = name.replace(/\.$/, '').split('.').filter((l) => l.length > 0);
  return Buffer.concat([...labels.map((l) => Buffer.concat([Buffer.from([Buffer.byteLength(l, 'latin1')]), Buffer.from(l, 'latin1')])), Buffer.from([0])]);
}

export const canonicalName = (name: string): Buffer => nameToWire(name.toLowerCase());

/** RFC 4034 s4.1.2 type bit maps. */
export function decodeTypeBitmap(bytes: Buffer): number[] {
  const types: number[] = [];
  let at = 0;
  while (at < bytes.length) {
    if (at + 2 > bytes.length) throw new Error('type bit map window header is cut short');
    const window = bytes[at];
    const length = bytes[at + 1];
    if (length < 1 || length > 32 || at + 2 + length > bytes.length) throw new Error(`type bit map window ${window} has a bad length ${length}`);
    for (let i = 0; i < length; i++) {
      for (let bit = 0; bit < 8; bit++) if (bytes[at + 2 + i] & (0x80 >> bit)) types.push(window * 256 + i * 8 + bit);
    }
    at += 2 + length;
  }
  return types;
}

export function encodeTypeBitmap(types: number[]): Buffer {
  const windows = new Map<number, number[]>();
  for (const t of [...new Set(types)].sort((a, b) => a - b)) windows.set(t >> 8, [...(windows.get(t >> 8) ?? []), t & 0xff]);
  const parts: Buffer[] = [];
  for (const [window, lows] of windows) {
    const bits = Buffer.alloc((Math.max(...lows) >> 3) + 1);
    for (const low of lows) bits[low >> 3] |= 0x80 >> (low & 7);
    parts.push(Buffer.from([window, bits.length]), bits);
  }
  return Buffer.concat(parts);
}

const BASE32HEX = '0123456789abcdefghijklmnopqrstuv';

export function toBase32Hex(bytes: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32HEX[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32HEX[(value << (5 - bits)) & 31];
  return out;
}

export function fromBase32Hex(text: string): Buffer {
  const bytes: number[] = [];
  let bits = 0;
  let value = 0;
  for (const ch of text.toLowerCase()) {
    const digit = BASE32HEX.indexOf(ch);
    if (digit < 0) throw new Error(`"${ch}" is not a base32hex digit`);
    value = (value << 5) | digit;
    bits += 5;
    if (bits >= 8) {
      bytes.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(bytes);
}

export const DS: RdataCodec<DsData> = {
  decode(rdata) {
    need(rdata, 5, 'DS');
    return { keyTag: rdata.readUInt16BE(0), algorithm: rdata[2], digestType: rdata[3], digest: rdata.subarray(4).toString('hex').toUpperCase() };
  },
  encode(ds) {
    const head = Buffer.alloc(4);
    head.writeUInt16BE(ds.keyTag, 0);
    head[2] = ds.algorithm;
    head[3] = ds.digestType;
    return Buffer.concat([head, Buffer.from(ds.digest, 'hex')]);
  },
};

export const DNSKEY: RdataCodec<DnskeyData> = {
  decode(rdata) {
    need(rdata, 4, 'DNSKEY');
    return { flags: rdata.readUInt16BE(0), protocol: rdata[2], algorithm: rdata[3], publicKey: rdata.subarray(4).toString('base64') };
  },
  encode(key) {
    const head = Buffer.alloc(4);
    head.writeUInt16BE(key.flags, 0);
    head[2] = key.protocol;
    head[3] = key.algorithm;
    return Buffer.concat([head, Buffer.from(key.publicKey, 'base64')]);
  },
};

/** The RRSIG rdata up to and including the signer's name: the first part of the signed data (RFC 4034 s3.1.8.1). */
export function rrsigHead(sig: Omit<RrsigData, 'signature'>): Buffer {
  const fixed = Buffer.alloc(18);
  fixed.writeUInt16BE(sig.typeCovered, 0);
  fixed[2] = sig.algorithm;
  fixed[3] = sig.labels;
  fixed.writeUInt32BE(sig.originalTtl >>> 0, 4);
  fixed.writeUInt32BE(sig.expiration >>> 0, 8);
  fixed.writeUInt32BE(sig.inception >>> 0, 12);
  fixed.writeUInt16BE(sig.keyTag, 16);
  return Buffer.concat([fixed, canonicalName(sig.signerName)]);
}

export const RRSIG: RdataCodec<RrsigData> = {
  decode(rdata) {
    need(rdata, 19, 'RRSIG');
    const signer = readName(rdata, 18);
    if (signer.end >= rdata.length) throw new Error('RRSIG rdata has no signature');
    return {
      typeCovered: rdata.readUInt16BE(0),
      algorithm: rdata[2],
      labels: rdata[3],
      originalTtl: rdata.readUInt32BE(4),
      expiration: rdata.readUInt32BE(8),
      inception: rdata.readUInt32BE(12),
      keyTag: rdata.readUInt16BE(16),
      signerName: signer.name.toLowerCase(),
      signature: rdata.subarray(signer.end).toString('base64'),
    };
  },
  encode(sig) {
    return Buffer.concat([rrsigHead(sig), Buffer.from(sig.signature, 'base64')]);
  },
};

export const NSEC: RdataCodec<NsecData> = {
  decode(rdata) {
    const next = readName(rdata, 0);
    return { nextName: next.name, types: decodeTypeBitmap(rdata.subarray(next.end)) };
  },
  encode(nsec) {
    return Buffer.concat([nameToWire(nsec.nextName), encodeTypeBitmap(nsec.types)]);
  },
};

export const NSEC3: RdataCodec<Nsec3Data> = {
  decode(rdata) {
    need(rdata, 6, 'NSEC3');
    const saltLength = rdata[4];
    need(rdata, 6 + saltLength, 'NSEC3');
    const hashLength = rdata[5 + saltLength];
    const hashAt = 6 + saltLength;
    need(rdata, hashAt + hashLength, 'NSEC3');
    return {
      hashAlgorithm: rdata[0],
      flags: rdata[1],
      iterations: rdata.readUInt16BE(2),
      salt: rdata.subarray(5, 5 + saltLength).toString('hex'),
      nextHashed: toBase32Hex(rdata.subarray(hashAt, hashAt + hashLength)),
      types: decodeTypeBitmap(rdata.subarray(hashAt + hashLength)),
    };
  },
  encode(n) {
    const salt = Buffer.from(n.salt, 'hex');
    const hash = fromBase32Hex(n.nextHashed);
    const head = Buffer.alloc(4);
    head[0] = n.hashAlgorithm;
    head[1] = n.flags;
    head.writeUInt16BE(n.iterations, 2);
    return Buffer.concat([head, Buffer.from([salt.length]), salt, Buffer.from([hash.length]), hash, encodeTypeBitmap(n.types)]);
  },
};

/** RFC 8659 s4.1: flags, tag length, tag, value (the rest). */
export const CAA: RdataCodec<CaaData> = {
  decode(rdata) {
    need(rdata, 2, 'CAA');
    const tagLength = rdata[1];
    if (tagLength < 1 || 2 + tagLength > rdata.length) throw new Error(`CAA tag length ${tagLength} does not fit the rdata of ${rdata.length} bytes`);
    return { flags: rdata[0], tag: rdata.subarray(2, 2 + tagLength).toString('latin1'), value: rdata.subarray(2 + tagLength).toString('utf8') };
  },
  encode(caa) {
    const tag = Buffer.from(caa.tag, 'latin1');
    return Buffer.concat([Buffer.from([caa.flags, tag.length]), tag, Buffer.from(caa.value, 'utf8')]);
  },
};

/** TXT as raw character-strings: dns2 decodes them as UTF-8, which loses bytes a signature covers. */
export const TXT: RdataCodec<Buffer[]> = {
  decode(rdata) {
    const strings: Buffer[] = [];
    let at = 0;
    while (at < rdata.length) {
      const length = rdata[at];
      if (at + 1 + length > rdata.length) throw new Error(`TXT character-string of ${length} bytes overruns the rdata`);
      strings.push(rdata.subarray(at + 1, at + 1 + length));
      at += 1 + length;
    }
    return strings;
  },
  encode(strings) {
    return Buffer.concat(strings.flatMap((s) => [Buffer.from([s.length]), s]));
  },
};
