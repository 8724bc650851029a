/**
 * `DnsSession`: the queries of one check. All UDP queries share one socket per address family, and a
 * server that did not answer at all is not asked again in the same session, so a check against silent
 * servers costs one timeout, not one per wave. `query()` asks one question in a session of its own.
 * Never throws for anything a server sends: garbage, truncation and wrong ids come back as tagged results.
 */
import { isIPv6 } from 'node:net';
import type { DnsFailure, DnsQuestion, DnsResponse, DnsServer, QueryOptions } from '../types';
import { decodeReply, encodeQuery, mismatchReason, peekHeader, TYPE_CODES } from './packet';
import { tcpExchange } from './tcp';
import { UdpChannel, type RawExchange } from './udp';

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

const serverKey = (server: DnsServer): string => `${server.address.toLowerCase()}|${server.port}`;

export class DnsSession {
  private readonly channels = { udp4: new UdpChannel('udp4'), udp6: new UdpChannel('udp6') };
  /** Servers that sent nothing to a whole query, with what happened. */
  private readonly silent = new Map<string, string>();

  /** UDP sockets opened so far (one per address family in use, unless the session sat idle). */
  get socketsOpened(): number {
    return this.channels.udp4.socketsOpened + this.channels.udp6.socketsOpened;
  }

  /** The answer to give instead of asking `server`, when it already failed to answer in this session. */
  skipped(server: DnsServer): DnsFailure | undefined {
    const earlier = this.silent.get(serverKey(server));
    return earlier === undefined ? undefined : { kind: 'timeout', detail: `not asked again: it did not answer an earlier query of this check (${earlier})`, transport: 'udp' };
  }

  async query(server: DnsServer, question: DnsQuestion, options: QueryOptions): Promise<DnsResponse> {
    const skipped = this.skipped(server);
    if (skipped) return skipped;
    const started = Date.now();
    const channel = this.channels[isIPv6(server.address) ? 'udp6' : 'udp4'];
    const id = channel.newId();
    let query: Buffer;
    try {
      query = encodeQuery(id, question, options);
    } catch (error) {
      // Only a name we were given could make encoding fail (a label over 63 octets).
      return { kind: 'malformed', detail: `cannot encode the query: ${error instanceof Error ? error.message : String(error)}`, transport: 'udp' };
    }
    if (options.tcp) return interpret(await tcpExchange(server, query, options.timeoutMs), id, question, 'tcp');

    const raw = await channel.exchange(server, query, id, { name: question.name.toLowerCase().replace(/\.$/, ''), type: TYPE_CODES[question.type] }, options.timeoutMs);
    if (raw.kind === 'timeout') this.silent.set(serverKey(server), raw.detail);
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

  /** Cancels what is in flight and closes the sockets (they also close themselves when idle). */
  close(): void {
    this.channels.udp4.close();
    this.channels.udp6.close();
  }
}

/** One question in a session of its own. */
export async function query(server: DnsServer, question: DnsQuestion, options: QueryOptions): Promise<DnsResponse> {
  const session = new DnsSession();
  try {
    return await session.query(server, question, options);
  } finally {
    session.close();
  }
}
