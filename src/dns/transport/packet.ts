/**
 * Encodes queries and decodes replies with dns2's Packet codec, and turns dns2's records into our
 * presentation form. We build the header ourselves because dns2's client ignores the RD flag.
 */
import { randomInt } from 'node:crypto';
import type { DnsFlags, DnsQuestion, DnsRecord, RecordType } from '../types';
import { RCODE_NAMES } from '../types';
import { DIGEST_NAMES, decodeDs, keyTag } from '../analysis/dnssec-keys';

// dns2 ships no types for the Packet internals we use; keep the `any` in this one file.
// eslint-disable-next-line @typescript-eslint/no-require-imports, @typescript-eslint/no-explicit-any
const Packet: any = require('dns2').Packet;

/** Type codes, including DS which dns2 does not list. */
export const TYPE_CODES: Record<RecordType, number> = {
  A: 1,
  NS: 2,
  CNAME: 5,
  SOA: 6,
  TXT: 16,
  AAAA: 28,
  DS: 43,
  DNSKEY: 48,
  CAA: 257,
};

const TYPE_NAMES: Record<number, string> = Object.fromEntries(Object.entries(TYPE_CODES).map(([n, c]) => [c, n]));
const OPT_TYPE = 41;
/** EDNS payload size that avoids IP fragmentation (DNS flag day 2020). */
export const EDNS_UDP_SIZE = 1232;

export function newQueryId(): number {
  return randomInt(0x10000);
}

export function encodeQuery(id: number, question: DnsQuestion, recursion: boolean, checkingDisabled = false): Buffer {
  const packet = new Packet();
  packet.header = new Packet.Header({ id, qr: 0, opcode: 0, rd: recursion ? 1 : 0, cd: checkingDisabled ? 1 : 0 });
  packet.questions.push({ name: question.name, type: TYPE_CODES[question.type], class: 1 });
  packet.additionals.push(Packet.Resource.EDNS([], { udpPayloadSize: EDNS_UDP_SIZE }));
  return packet.toBuffer();
}

/** Only the fixed header, which is readable even when the rest of the message is cut short. */
export interface RawHeader {
  id: number;
  qr: boolean;
  tc: boolean;
}

export function peekHeader(message: Buffer): RawHeader | undefined {
  if (message.length < 12) return undefined;
  return { id: message.readUInt16BE(0), qr: (message[2] & 0x80) !== 0, tc: (message[2] & 0x02) !== 0 };
}

export interface DecodedReply {
  id: number;
  rcode: number;
  rcodeName: string;
  flags: DnsFlags;
  question?: { name: string; type: number };
  answers: DnsRecord[];
  authority: DnsRecord[];
  additional: DnsRecord[];
}

const norm = (name: string): string => String(name ?? '').toLowerCase().replace(/\.$/, '');

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function toRecord(r: any): DnsRecord | undefined {
  if (r.type === OPT_TYPE) return undefined;
  const type = TYPE_NAMES[r.type] ?? `TYPE${r.type}`;
  const base = { name: norm(r.name), type, ttl: Number(r.ttl) || 0 };
  switch (type) {
    case 'A':
    case 'AAAA':
      return { ...base, value: r.address, address: r.address };
    case 'NS':
      return { ...base, value: norm(r.ns), target: norm(r.ns) };
    case 'CNAME':
      return { ...base, value: norm(r.domain), target: norm(r.domain) };
    case 'TXT': {
      const txt: string[] = Array.isArray(r.data) ? r.data.map(String) : [String(r.data ?? '')];
      return { ...base, value: txt.map((s) => JSON.stringify(s)).join(' '), txt };
    }
    case 'SOA': {
      const soa = { primary: norm(r.primary), admin: norm(r.admin), serial: r.serial, refresh: r.refresh, retry: r.retry, expire: r.expiration, minimum: r.minimum };
      return { ...base, value: `${soa.primary} ${soa.admin} ${soa.serial} ${soa.refresh} ${soa.retry} ${soa.expire} ${soa.minimum}`, soa };
    }
    case 'CAA': {
      const caa = { flags: r.flags, tag: r.tag, value: r.value };
      return { ...base, value: `${caa.flags} ${caa.tag} "${caa.value}"`, caa };
    }
    case 'DNSKEY': {
      const dnskey = { flags: r.flags, protocol: r.protocol, algorithm: r.algorithm, publicKey: r.key };
      return { ...base, value: `${r.flags} ${r.protocol} ${r.algorithm} (key tag ${keyTag(dnskey)})`, dnskey };
    }
    case 'DS': {
      // dns2 does not decode DS; it keeps the raw rdata, which a bad record may make too short.
      if (!Buffer.isBuffer(r.data) || r.data.length < 5) return { ...base, value: 'malformed DS record' };
      const ds = decodeDs(r.data);
      return { ...base, value: `${ds.keyTag} ${ds.algorithm} ${ds.digestType} ${ds.digest} (${DIGEST_NAMES[ds.digestType] ?? `digest type ${ds.digestType}`})`, ds };
    }
    default:
      return { ...base, value: Buffer.isBuffer(r.data) ? `\\# ${r.data.length} ${r.data.toString('hex')}` : '' };
  }
}

/** Decodes a reply, or throws an Error whose message says what is wrong with the bytes. */
export function decodeReply(message: Buffer): DecodedReply {
  const packet = Packet.parse(message);
  if (packet.errors.length > 0) throw new Error(packet.errors[0].message);
  const h = packet.header;
  const rcode = Number(h.rcode);
  const q = packet.questions[0];
  const records = (list: unknown[]): DnsRecord[] => list.map(toRecord).filter((r): r is DnsRecord => r !== undefined);
  return {
    id: h.id,
    rcode,
    rcodeName: RCODE_NAMES[rcode] ?? `RCODE${rcode}`,
    flags: { aa: !!h.aa, tc: !!h.tc, ra: !!h.ra, ad: !!h.ad, cd: !!h.cd },
    question: q ? { name: norm(q.name), type: q.type } : undefined,
    answers: records(packet.answers),
    authority: records(packet.authorities),
    additional: records(packet.additionals),
  };
}

/** Why a decoded reply does not answer our question, or undefined when it does. */
export function mismatchReason(reply: DecodedReply, id: number, question: DnsQuestion): string | undefined {
  if (reply.id !== id) return `reply id ${reply.id} does not match query id ${id}`;
  if (!reply.question) {
    // Error replies (REFUSED, FORMERR) may omit the question; a NOERROR one must not.
    return reply.rcode === 0 ? 'reply carries no question section' : undefined;
  }
  if (reply.question.name !== norm(question.name) || reply.question.type !== TYPE_CODES[question.type]) {
    return `reply is for ${reply.question.name}/${TYPE_NAMES[reply.question.type] ?? reply.question.type}, not ${norm(question.name)}/${question.type}`;
  }
  return undefined;
}
