/**
 * Queries and replies in our terms, over the typed message codec (wire.ts): we build the header
 * ourselves because dns2's client ignores the RD flag, and turn records into their presentation form.
 */
import type { DnsFlags, DnsQuestion, DnsRecord } from '../types';
import { RCODE_NAMES } from '../types';
import { DIGEST_NAMES, keyTag } from '../analysis/dnssec-keys';
import { decodeMessage, encodeMessage, TYPE_CODES, TYPE_NAMES, type WireRecord } from './wire';

export { TYPE_CODES } from './wire';

/** EDNS payload size that avoids IP fragmentation (DNS flag day 2020). */
export const EDNS_UDP_SIZE = 1232;

export interface QueryFlags {
  recursion: boolean;
  checkingDisabled?: boolean;
  /** The DO bit: ask for the RRSIGs (and NSEC/NSEC3 proofs) with the answer. */
  dnssecOk?: boolean;
}

export function encodeQuery(id: number, question: DnsQuestion, flags: QueryFlags): Buffer {
  return encodeMessage({
    header: { id, qr: false, opcode: 0, aa: false, tc: false, rd: flags.recursion, ra: false, ad: false, cd: !!flags.checkingDisabled, rcode: 0 },
    questions: [{ name: question.name, type: TYPE_CODES[question.type], class: 1 }],
    answers: [],
    authorities: [],
    additionals: [],
    edns: { udpPayloadSize: EDNS_UDP_SIZE, dnssecOk: !!flags.dnssecOk, version: 0 },
  });
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

const norm = (name: string): string => name.toLowerCase().replace(/\.$/, '');
const typeName = (code: number): string => TYPE_NAMES[code] ?? `TYPE${code}`;

export function toRecord(r: WireRecord): DnsRecord {
  const type = typeName(r.type);
  const base = { name: norm(r.name), type, ttl: r.ttl, rdata: r.rdata };
  const d = r.data;
  switch (d.type) {
    case 'A':
    case 'AAAA':
      return { ...base, value: d.address, address: d.address };
    case 'NS':
    case 'CNAME':
      return { ...base, value: norm(d.target), target: norm(d.target) };
    case 'TXT': {
      const txt = d.strings.map((s) => s.toString('utf8'));
      return { ...base, value: txt.map((s) => JSON.stringify(s)).join(' '), txt };
    }
    case 'SOA': {
      const soa = { ...d.soa, primary: norm(d.soa.primary), admin: norm(d.soa.admin) };
      return { ...base, value: `${soa.primary} ${soa.admin} ${soa.serial} ${soa.refresh} ${soa.retry} ${soa.expire} ${soa.minimum}`, soa };
    }
    case 'CAA':
      return { ...base, value: `${d.caa.flags} ${d.caa.tag} "${d.caa.value}"`, caa: d.caa };
    case 'DNSKEY':
      return { ...base, value: `${d.dnskey.flags} ${d.dnskey.protocol} ${d.dnskey.algorithm} (key tag ${keyTag(d.dnskey)})`, dnskey: d.dnskey };
    case 'DS': {
      const ds = d.ds;
      return { ...base, value: `${ds.keyTag} ${ds.algorithm} ${ds.digestType} ${ds.digest} (${DIGEST_NAMES[ds.digestType] ?? `digest type ${ds.digestType}`})`, ds };
    }
    case 'RRSIG': {
      const s = d.rrsig;
      return { ...base, value: `${typeName(s.typeCovered)} ${s.algorithm} ${s.labels} ${s.originalTtl} ${s.expiration} ${s.inception} ${s.keyTag} ${s.signerName}`, rrsig: s };
    }
    case 'NSEC':
      return { ...base, value: `${d.nsec.nextName} ${d.nsec.types.map(typeName).join(' ')}`, nsec: d.nsec };
    case 'NSEC3': {
      const n = d.nsec3;
      return { ...base, value: `${n.hashAlgorithm} ${n.flags} ${n.iterations} ${n.salt || '-'} ${n.nextHashed} ${n.types.map(typeName).join(' ')}`, nsec3: n };
    }
    case 'malformed':
      return { ...base, value: `malformed ${type} record (${d.detail})` };
    case 'unknown':
      return { ...base, value: `\\# ${r.rdata?.length ?? 0} ${r.rdata?.toString('hex') ?? ''}` };
  }
}

export type ReplyDecoding = { kind: 'ok'; reply: DecodedReply } | { kind: 'malformed'; detail: string };

/** Decodes a reply; bytes that are not DNS come back as `malformed` with the reason. */
export function decodeReply(message: Buffer): ReplyDecoding {
  const decoded = decodeMessage(message);
  if (decoded.kind !== 'ok') return decoded;
  const { header: h, questions, answers, authorities, additionals } = decoded.message;
  const q = questions[0];
  return {
    kind: 'ok',
    reply: {
      id: h.id,
      rcode: h.rcode,
      rcodeName: RCODE_NAMES[h.rcode] ?? `RCODE${h.rcode}`,
      flags: { aa: h.aa, tc: h.tc, ra: h.ra, ad: h.ad, cd: h.cd },
      question: q ? { name: norm(q.name), type: q.type } : undefined,
      answers: answers.map(toRecord),
      authority: authorities.map(toRecord),
      additional: additionals.map(toRecord),
    },
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
    return `reply is for ${reply.question.name}/${typeName(reply.question.type)}, not ${norm(question.name)}/${question.type}`;
  }
  return undefined;
}
