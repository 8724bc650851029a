/**
 * One UDP socket per address family for all the queries of a check (a check sends a hundred queries in
 * three waves; a socket each made the kernel drop datagrams under load). Replies are matched to their
 * query by id, source address and source port; a datagram from anyone else is dropped. Each query is
 * retransmitted once halfway through its timeout. The socket closes itself when idle.
 */
import { randomInt } from 'node:crypto';
import { createSocket, type Socket } from 'node:dgram';
import type { DnsServer } from '../types';
import { decodeReply, peekHeader } from './packet';

export type RawExchange =
  | { kind: 'bytes'; message: Buffer }
  | { kind: 'timeout' | 'network' | 'mismatch'; detail: string };

const plain = (address: string): string => address.replace(/^::ffff:/, '').toLowerCase();
const sameServer = (server: DnsServer, address: string, port: number): boolean => plain(server.address) === plain(address) && server.port === port;

interface Pending {
  id: number;
  server: DnsServer;
  /** Lower-case name and type code of the question, to recognise a reply that carries another id. */
  question: { name: string; type: number };
  started: number;
  timers: NodeJS.Timeout[];
  /** A reply for our question with another id: reported only if nothing better comes. */
  wrongId?: string;
  settle(result: RawExchange): void;
}

/** Keep an idle socket this long, so the next wave of a check reuses it. */
const IDLE_CLOSE_MS = 250;

export class UdpChannel {
  private socket?: Socket;
  private readonly pending = new Map<number, Pending>();
  private idleTimer?: NodeJS.Timeout;
  /** Sockets opened over the channel's life (one, unless it sat idle between queries). */
  socketsOpened = 0;

  constructor(private readonly family: 'udp4' | 'udp6') {}

  /** A random id no query in flight on this socket uses (RFC 5452: the whole 16-bit space). */
  newId(): number {
    if (this.pending.size >= 0x8000) throw new Error('too many queries in flight on one socket');
    for (;;) {
      const id = randomInt(0x10000);
      if (!this.pending.has(id)) return id;
    }
  }

  exchange(server: DnsServer, query: Buffer, id: number, question: { name: string; type: number }, timeoutMs: number): Promise<RawExchange> {
    return new Promise((resolve) => {
      const socket = this.open();
      const entry: Pending = {
        id,
        server,
        question,
        started: Date.now(),
        timers: [],
        settle: (result) => {
          if (this.pending.get(id) !== entry) return;
          this.pending.delete(id);
          entry.timers.forEach(clearTimeout);
          this.scheduleIdleClose();
          resolve(result);
        },
      };
      this.pending.set(id, entry);
      const send = (): void => {
        socket.send(query, server.port, server.address, (error) => {
          if (error) entry.settle({ kind: 'network', detail: (error as NodeJS.ErrnoException).code ?? error.message });
        });
      };
      send();
      // One retransmission halfway: a lost datagram should not cost the whole budget.
      entry.timers.push(setTimeout(send, Math.max(1, Math.floor(timeoutMs / 2))));
      entry.timers.push(setTimeout(() => entry.settle(entry.wrongId ? { kind: 'mismatch', detail: entry.wrongId } : { kind: 'timeout', detail: `no reply within ${timeoutMs} ms` }), timeoutMs));
    });
  }

  close(): void {
    clearTimeout(this.idleTimer);
    for (const entry of [...this.pending.values()]) entry.settle({ kind: 'network', detail: 'the query was cancelled' });
    this.socket?.close();
    this.socket = undefined;
  }

  private open(): Socket {
    clearTimeout(this.idleTimer);
    if (this.socket) return this.socket;
    const socket = createSocket(this.family);
    this.socketsOpened += 1;
    // An idle socket must never keep the process alive; queries in flight do through their timers.
    socket.unref();
    socket.on('message', (message, rinfo) => this.receive(message, rinfo.address, rinfo.port));
    socket.on('error', (error: NodeJS.ErrnoException) => {
      if (this.socket === socket) this.socket = undefined;
      socket.close();
      for (const entry of [...this.pending.values()]) entry.settle({ kind: 'network', detail: error.code ?? error.message });
    });
    this.socket = socket;
    return socket;
  }

  private receive(message: Buffer, address: string, port: number): void {
    const fromServer = [...this.pending.values()].filter((p) => sameServer(p.server, address, port));
    // Not from a server we are waiting for: a stray or forged datagram.
    if (fromServer.length === 0) return;
    const header = peekHeader(message);
    const byId = header ? this.pending.get(header.id) : undefined;
    if (byId) {
      if (sameServer(byId.server, address, port)) byId.settle({ kind: 'bytes', message });
      return;
    }
    const decoded = decodeReply(message);
    if (decoded.kind === 'ok') {
      // A well-formed reply with an id we are not waiting for: a late answer to a query that timed out,
      // or this server answering our question with the wrong id.
      const q = decoded.reply.question;
      const asked = q && fromServer.find((p) => p.question.name === q.name && p.question.type === q.type);
      if (asked) asked.wrongId = `reply id ${decoded.reply.id} does not match query id ${asked.id}`;
      return;
    }
    // Bytes that are not DNS at all are this server's answer, and it is garbage: the oldest query to it gets them.
    fromServer.sort((a, b) => a.started - b.started)[0].settle({ kind: 'bytes', message });
  }

  private scheduleIdleClose(): void {
    if (this.pending.size > 0) return;
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      if (this.pending.size > 0 || !this.socket) return;
      this.socket.close();
      this.socket = undefined;
    }, IDLE_CLOSE_MS);
    this.idleTimer.unref();
  }
}
