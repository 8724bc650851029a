/**
 * `query()`: ask one server one question and get a tagged result. Never throws for anything a server
 * sends: garbage, truncation and wrong ids come back as `malformed` / `mismatch` results.
 */
import type { DnsQuestion, DnsResponse, DnsServer, QueryOptions } from '../types';
import { decodeReply, encodeQuery, mismatchReason, newQueryId, peekHeader } from './packet';
import { tcpExchange } from './tcp';
import { udpExchange, type RawExchange } from './udp';

function interpret(raw: RawExchange, id: number, question: DnsQuestion, transport: 'udp' | 'tcp'): DnsResponse {
  if (raw.kind !== 'bytes') return { kind: raw.kind, detail: raw.detail, transport };
  const header = peekHeader(raw.message);
  if (!header) return { kind: 'malformed', detail: `reply of ${raw.message.length} bytes is shorter than a DNS header`, transport };
  if (!header.qr) return { kind: 'malformed', detail: 'reply is not marked as a response (QR=0)', transport };
  const decoded = decodeReply(raw.message);
  if (decoded.kind !== 'ok') return { kind: 'malformed', detail: `undecodable reply: ${decoded.detail}`, transport };
  const reply = decoded.reply;
  const mismatch = mismatchReason(reply, id, question);
  if (mismatch) return { kind: 'mismatch', detail: mismatch, transport };
  return { kind: 'ok', rcode: reply.rcode, rcodeName: reply.rcodeName, flags: reply.flags, answers: reply.answers, authority: reply.authority, additional: reply.additional, transport };
}

export async function query(server: DnsServer, question: DnsQuestion, options: QueryOptions): Promise<DnsResponse> {
  const started = Date.now();
  let query: Buffer;
  const id = newQueryId();
  try {
    query = encodeQuery(id, question, options);
  } catch (error) {
    // Only a name we were given could make encoding fail (a label over 63 octets).
    return { kind: 'malformed', detail: `cannot encode the query: ${error instanceof Error ? error.message : String(error)}`, transport: 'udp' };
  }
  if (options.tcp) return interpret(await tcpExchange(server, query, options.timeoutMs), id, question, 'tcp');

  const raw = await udpExchange(server, query, id, options.timeoutMs);
  const header = raw.kind === 'bytes' ? peekHeader(raw.message) : undefined;
  if (!header?.tc) return interpret(raw, id, question, 'udp');

  // Truncated: the full answer is only available over TCP, within what is left of the budget.
  const remaining = options.timeoutMs - (Date.now() - started);
  const viaTcp = remaining > 0 ? interpret(await tcpExchange(server, query, remaining), id, question, 'tcp') : undefined;
  if (viaTcp?.kind === 'ok') return viaTcp;
  const truncated = interpret(raw, id, question, 'udp');
  if (truncated.kind === 'ok') return { ...truncated, truncatedOnly: true };
  return viaTcp ?? truncated;
}
