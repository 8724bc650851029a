/**
 * The one place dns2 is used: its packet codec reads and writes the header, names (with compression)
 * and the rdata of the classic types (A, AAAA, NS, CNAME, SOA); every other type goes through our own
 * typed codecs in rdata.ts. Messages in and out are typed; a garbage message decodes to a tagged
 * `malformed` result, never a throw.
 */
import { dirname, join } from 'node:path';
import type { CaaData, SoaData } from '../types';
import { CAA, DNSKEY, DS, NSEC, NSEC3, RRSIG, TXT, nameToWire, type DnskeyData, type DsData, type Nsec3Data, type NsecData, type RdataCodec, type RrsigData } from './rdata';

// dns2 ships no types for its codec internals; the `any` stays in this file. Only its packet module
// is loaded (its package exports only the whole library, client and servers included).
// eslint-disable-next-line @typescript-eslint/no-require-imports, @typescript-eslint/no-explicit-any
const Packet: any = require(join(dirname(require.resolve('dns2')), 'packet.js'));

/** Type codes of the records we read and write (IANA "Resource Record (RR) TYPEs"). */
export const TYPE_CODES = {
  A: 1,
  NS: 2,
  CNAME: 5,
  SOA: 6,
  TXT: 16,
  AAAA: 28,
  DS: 43,
  RRSIG: 46,
  NSEC: 47,
  DNSKEY: 48,
  NSEC3: 50,
  CAA: 257,
} as const;
export type TypeName = keyof typeof TYPE_CODES;
export const TYPE_NAMES = Object.fromEntries(Object.entries(TYPE_CODES).map(([n, c]) => [c, n])) as Record<number, TypeName>;
const OPT = 41;

export type RecordData =
  | { type: 'A' | 'AAAA'; address: string }
  | { type: 'NS' | 'CNAME'; target: string }
  | { type: 'SOA'; soa: SoaData }
  | { type: 'TXT'; strings: Buffer[] }
  | { type: 'CAA'; caa: CaaData }
  | { type: 'DS'; ds: DsData }
  | { type: 'DNSKEY'; dnskey: DnskeyData }
  | { type: 'RRSIG'; rrsig: RrsigData }
  | { type: 'NSEC'; nsec: NsecData }
  | { type: 'NSEC3'; nsec3: Nsec3Data }
  /** A type we do not decode: `rdata` holds it. */
  | { type: 'unknown' }
  /** A DNSSEC record whose rdata does not decode; kept so evidence can say so. */
  | { type: 'malformed'; detail: string };

export interface WireRecord {
  /** As sent, without trailing dot. */
  name: string;
  type: number;
  class: number;
  ttl: number;
  data: RecordData;
  /** The rdata, names uncompressed (as a signature covers it, before lower-casing). Needed to encode `unknown`. */
  rdata?: Buffer;
}

export interface WireHeader {
  id: number;
  qr: boolean;
  opcode: number;
  aa: boolean;
  tc: boolean;
  rd: boolean;
  ra: boolean;
  ad: boolean;
  cd: boolean;
  /** Full 12-bit rcode when EDNS extends it. */
  rcode: number;
}

export interface WireQuestion {
  name: string;
  type: number;
  class: number;
}

export interface WireEdns {
  udpPayloadSize: number;
  /** The DO bit (RFC 3225): send RRSIGs with the answer. */
  dnssecOk: boolean;
  version: number;
}

export interface WireMessage {
  header: WireHeader;
  questions: WireQuestion[];
  answers: WireRecord[];
  authorities: WireRecord[];
  /** Without the OPT pseudo-record, which is `edns`. */
  additionals: WireRecord[];
  edns?: WireEdns;
}

export type DecodedMessage = { kind: 'ok'; message: WireMessage } | { kind: 'malformed'; detail: string };

/** Our codecs by type name: bytes in, typed data out. None of these types may compress names. */
const OWN: { [K in 'TXT' | 'CAA' | 'DS' | 'DNSKEY' | 'RRSIG' | 'NSEC' | 'NSEC3']: RdataCodec<unknown> } = { TXT, CAA, DS, DNSKEY, RRSIG, NSEC, NSEC3 };
const FIELD: Record<keyof typeof OWN, string> = { TXT: 'strings', CAA: 'caa', DS: 'ds', DNSKEY: 'dnskey', RRSIG: 'rrsig', NSEC: 'nsec', NSEC3: 'nsec3' };
/** Records of these types that do not decode are kept as `malformed` (DNSSEC evidence); any other makes the message malformed. */
const KEPT_WHEN_MALFORMED = new Set(['DS', 'DNSKEY', 'RRSIG', 'NSEC', 'NSEC3']);

const stripDot = (name: string): string => name.replace(/\.$/, '');

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Dns2Reader = any;

/** dns2's decoders for the types whose rdata holds compressible names or addresses. */
function decodeClassic(type: TypeName, buffer: Buffer, start: number, length: number): { data: RecordData; rdata: Buffer } {
  const reader: Dns2Reader = new Packet.Reader(buffer, start * 8);
  const decoded: Record<string, unknown> = Packet.Resource[type].decode.call({}, reader, length);
  if (reader.offset !== (start + length) * 8) throw new Error(`${type} rdata is ${length} bytes but its fields take ${reader.offset / 8 - start}`);
  const raw = buffer.subarray(start, start + length);
  switch (type) {
    case 'A':
    case 'AAAA':
      return { data: { type, address: String(decoded.address) }, rdata: raw };
    case 'NS':
    case 'CNAME': {
      const target = stripDot(String(type === 'NS' ? decoded.ns : decoded.domain));
      return { data: { type, target }, rdata: nameToWire(target) };
    }
    default: {
      const soa: SoaData = {
        primary: stripDot(String(decoded.primary)),
        admin: stripDot(String(decoded.admin)),
        serial: Number(decoded.serial),
        refresh: Number(decoded.refresh),
        retry: Number(decoded.retry),
        expire: Number(decoded.expiration),
        minimum: Number(decoded.minimum),
      };
      const numbers = Buffer.alloc(20);
      [soa.serial, soa.refresh, soa.retry, soa.expire, soa.minimum].forEach((n, i) => numbers.writeUInt32BE(n >>> 0, i * 4));
      return { data: { type: 'SOA', soa }, rdata: Buffer.concat([nameToWire(soa.primary), nameToWire(soa.admin), numbers]) };
    }
  }
}

function decodeRdata(type: number, buffer: Buffer, start: number, length: number): { data: RecordData; rdata: Buffer } {
  const name = TYPE_NAMES[type];
  const raw = Buffer.from(buffer.subarray(start, start + length));
  if (name === undefined) return { data: { type: 'unknown' }, rdata: raw };
  if (name === 'A' || name === 'AAAA' || name === 'NS' || name === 'CNAME' || name === 'SOA') return decodeClassic(name, buffer, start, length);
  try {
    return { data: { type: name, [FIELD[name]]: OWN[name].decode(raw) } as RecordData, rdata: raw };
  } catch (error) {
    if (!KEPT_WHEN_MALFORMED.has(name)) throw error;
    return { data: { type: 'malformed', detail: error instanceof Error ? error.message : String(error) }, rdata: raw };
  }
}

/** Decodes a whole message. Anything wrong with the bytes comes back as `malformed` with the reason. */
export function decodeMessage(buffer: Buffer): DecodedMessage {
  try {
    if (buffer.length < 12) return { kind: 'malformed', detail: `message of ${buffer.length} bytes is shorter than a DNS header` };
    const reader: Dns2Reader = new Packet.Reader(buffer);
    const h = Packet.Header.parse(reader);
    const questions: WireQuestion[] = [];
    for (let i = 0; i < h.qdcount; i++) {
      const q = Packet.Question.parse(reader);
      questions.push({ name: stripDot(String(q.name)), type: q.type, class: q.class });
    }
    const section = (count: number): WireRecord[] => {
      const records: WireRecord[] = [];
      for (let i = 0; i < count; i++) {
        const name = stripDot(String(Packet.Name.decode(reader)));
        const at = reader.offset / 8;
        if (at + 10 > buffer.length) throw new Error(`record ${name || '.'} is cut short after its name`);
        const type = buffer.readUInt16BE(at);
        const cls = buffer.readUInt16BE(at + 2);
        const ttl = buffer.readUInt32BE(at + 4);
        const length = buffer.readUInt16BE(at + 8);
        const start = at + 10;
        if (start + length > buffer.length) throw new Error(`${TYPE_NAMES[type] ?? `TYPE${type}`} record ${name || '.'} declares ${length} bytes of rdata but ${buffer.length - start} remain`);
        const { data, rdata } = type === OPT ? { data: { type: 'unknown' } as RecordData, rdata: buffer.subarray(start, start + length) } : decodeRdata(type, buffer, start, length);
        records.push({ name, type, class: cls, ttl, data, rdata });
        reader.offset = (start + length) * 8;
      }
      return records;
    };
    const answers = section(h.ancount);
    const authorities = section(h.nscount);
    const additional = section(h.arcount);
    const opt = additional.find((r) => r.type === OPT);
    const edns = opt ? { udpPayloadSize: opt.class, dnssecOk: (opt.ttl & 0x8000) !== 0, version: (opt.ttl >>> 16) & 0xff } : undefined;
    const rcode = (opt ? ((opt.ttl >>> 24) & 0xff) << 4 : 0) | h.rcode;
    const header: WireHeader = { id: h.id, qr: !!h.qr, opcode: h.opcode, aa: !!h.aa, tc: !!h.tc, rd: !!h.rd, ra: !!h.ra, ad: !!h.ad, cd: !!h.cd, rcode };
    return { kind: 'ok', message: { header, questions, answers, authorities, additionals: additional.filter((r) => r.type !== OPT), edns } };
  } catch (error) {
    return { kind: 'malformed', detail: error instanceof Error ? error.message : String(error) };
  }
}

function rdataFor(record: WireRecord): { dns2?: Record<string, unknown>; bytes?: Buffer } {
  const d = record.data;
  switch (d.type) {
    case 'A':
    case 'AAAA':
      return { dns2: { address: d.address } };
    case 'NS':
      return { dns2: { ns: d.target } };
    case 'CNAME':
      return { dns2: { domain: d.target } };
    case 'SOA':
      return { dns2: { primary: d.soa.primary, admin: d.soa.admin, serial: d.soa.serial, refresh: d.soa.refresh, retry: d.soa.retry, expiration: d.soa.expire, minimum: d.soa.minimum } };
    case 'unknown':
    case 'malformed':
      return { bytes: record.rdata ?? Buffer.alloc(0) };
    default:
      return { bytes: OWN[d.type].encode((d as unknown as Record<string, unknown>)[FIELD[d.type]]) };
  }
}

/** Encodes a message, compressing names where RFC 1035 allows it. Throws only for values we were given that cannot be encoded. */
export function encodeMessage(message: WireMessage): Buffer {
  const writer = new Packet.Writer();
  writer.names = new Map();
  const additionals = [...message.additionals];
  const h = message.header;
  const ext = h.rcode >> 4;
  if (message.edns) {
    const ttl = ((ext & 0xff) << 24) | ((message.edns.version & 0xff) << 16) | (message.edns.dnssecOk ? 0x8000 : 0);
    additionals.push({ name: '', type: OPT, class: message.edns.udpPayloadSize, ttl: ttl >>> 0, data: { type: 'unknown' }, rdata: Buffer.alloc(0) });
  }
  const flag = (b: boolean): number => (b ? 1 : 0);
  new Packet.Header({
    id: h.id,
    qr: flag(h.qr),
    opcode: h.opcode,
    aa: flag(h.aa),
    tc: flag(h.tc),
    rd: flag(h.rd),
    ra: flag(h.ra),
    ad: flag(h.ad),
    cd: flag(h.cd),
    rcode: h.rcode & 0xf,
    qdcount: message.questions.length,
    ancount: message.answers.length,
    nscount: message.authorities.length,
    arcount: additionals.length,
  }).toBuffer(writer);
  for (const q of message.questions) Packet.Question.encode({ name: q.name, type: q.type, class: q.class }, writer);
  for (const record of [...message.answers, ...message.authorities, ...additionals]) {
    Packet.Name.encode(record.name, writer);
    writer.write(record.type, 16);
    writer.write(record.class, 16);
    writer.write(record.ttl >>> 0, 32);
    const lengthAt = writer.bitLength();
    writer.write(0, 16);
    const start = writer.bitLength();
    const { dns2, bytes } = rdataFor(record);
    if (dns2) Packet.Resource[record.data.type].encode(dns2, writer);
    else for (const byte of bytes as Buffer) writer.write(byte, 8);
    writer.patch(lengthAt, (writer.bitLength() - start) / 8, 16);
  }
  return writer.toBuffer();
}
