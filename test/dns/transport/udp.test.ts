/**
 * The shared UDP socket of a check: all queries on one socket, replies matched by id, source address and
 * port, and a silent server not asked again in the same session.
 */
import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';
import { DnsSession } from '../../../src/dns/transport';
import { decodeMessage, encodeMessage } from '../../../src/dns/transport/wire';
import type { DnsResponse } from '../../../src/dns/types';

interface Received {
  id: number;
  name: string;
  from: RemoteInfo;
}

/** A UDP server on 127.0.0.x that records each query and answers only when the test says so. */
async function server(address: string): Promise<{ socket: Socket; port: number; received: Received[]; answer(r: Received, text?: string, id?: number, via?: Socket): void; close(): Promise<void> }> {
  const socket = createSocket('udp4');
  const received: Received[] = [];
  socket.on('message', (message, from) => {
    const decoded = decodeMessage(message);
    if (decoded.kind === 'ok') received.push({ id: decoded.message.header.id, name: decoded.message.questions[0].name, from });
  });
  await new Promise<void>((resolve) => socket.bind(0, address, resolve));
  const answer = (r: Received, text = r.name, id = r.id, via = socket) => {
    const reply = encodeMessage({
      header: { id, qr: true, opcode: 0, aa: true, tc: false, rd: false, ra: false, ad: false, cd: false, rcode: 0 },
      questions: [{ name: r.name, type: 16, class: 1 }],
      answers: [{ name: r.name, type: 16, class: 1, ttl: 60, data: { type: 'TXT', strings: [Buffer.from(text)] } }],
      authorities: [],
      additionals: [],
    });
    via.send(reply, r.from.port, r.from.address);
  };
  return { socket, port: socket.address().port, received, answer, close: () => new Promise((resolve) => socket.close(() => resolve())) };
}

const until = async (check: () => boolean): Promise<void> => {
  while (!check()) await new Promise((resolve) => setTimeout(resolve, 5));
};
const txtOf = (r: DnsResponse): string | undefined => (r.kind === 'ok' ? r.answers[0]?.txt?.[0] : `${r.kind}: ${r.detail}`);

describe('DnsSession over UDP', () => {
  it('sends every query of a session from one socket and gives each reply to its own query', async () => {
    const s = await server('127.0.0.1');
    const session = new DnsSession();
    try {
      const names = Array.from({ length: 40 }, (_, i) => `q${i}.example`);
      const answers = Promise.all(names.map((name) => session.query({ address: '127.0.0.1', port: s.port }, { name, type: 'TXT' }, { recursion: false, timeoutMs: 3000 })));
      await until(() => s.received.length >= names.length);
      // Answered in reverse order: only the id says which reply is whose.
      [...s.received].reverse().forEach((r) => s.answer(r, `answer for ${r.name}`));
      expect((await answers).map(txtOf)).toEqual(names.map((n) => `answer for ${n}`));
      expect(new Set(s.received.map((r) => r.from.port)).size).toBe(1);
      expect(new Set(s.received.map((r) => r.id)).size).toBe(names.length);
      expect(session.socketsOpened).toBe(1);
    } finally {
      session.close();
      await s.close();
    }
  });

  it('ignores a reply with the right id from another address or port', async () => {
    const s = await server('127.0.0.1');
    const otherAddress = await server('127.0.0.2');
    const otherPort = await server('127.0.0.1');
    const session = new DnsSession();
    try {
      const answer = session.query({ address: '127.0.0.1', port: s.port }, { name: 'forged.example', type: 'TXT' }, { recursion: false, timeoutMs: 2000 });
      await until(() => s.received.length > 0);
      const [asked] = s.received;
      otherAddress.answer(asked, 'forged address', asked.id, otherAddress.socket);
      otherPort.answer(asked, 'forged port', asked.id, otherPort.socket);
      // Let both forgeries arrive first (loopback delivers in order within milliseconds).
      await new Promise((resolve) => setTimeout(resolve, 50));
      s.answer(asked, 'genuine');
      expect(txtOf(await answer)).toBe('genuine');
    } finally {
      session.close();
      await Promise.all([s.close(), otherAddress.close(), otherPort.close()]);
    }
  });

  it('does not ask a server again in the same session once it stayed silent, but asks others', async () => {
    const silent = await server('127.0.0.1');
    const alive = await server('127.0.0.2');
    alive.socket.on('message', () => setImmediate(() => alive.answer(alive.received[alive.received.length - 1], 'here')));
    const session = new DnsSession();
    try {
      const first = await session.query({ address: '127.0.0.1', port: silent.port }, { name: 'a.example', type: 'TXT' }, { recursion: true, timeoutMs: 300 });
      expect(first).toEqual(expect.objectContaining({ kind: 'timeout', detail: 'no reply within 300 ms' }));
      const sentBefore = silent.received.length;
      const again = await session.query({ address: '127.0.0.1', port: silent.port }, { name: 'b.example', type: 'TXT' }, { recursion: true, timeoutMs: 300 });
      expect(again).toEqual(expect.objectContaining({ kind: 'timeout', detail: expect.stringContaining('not asked again') }));
      expect(silent.received.length).toBe(sentBefore);
      expect(txtOf(await session.query({ address: '127.0.0.2', port: alive.port }, { name: 'c.example', type: 'TXT' }, { recursion: true, timeoutMs: 1000 }))).toBe('here');
      // A new session (the next check) asks it again.
      const fresh = new DnsSession();
      await fresh.query({ address: '127.0.0.1', port: silent.port }, { name: 'd.example', type: 'TXT' }, { recursion: true, timeoutMs: 100 });
      fresh.close();
      expect(silent.received.map((r) => r.name)).toContain('d.example');
    } finally {
      session.close();
      await Promise.all([silent.close(), alive.close()]);
    }
  });

  it('takes a late reply to a timed-out query for nobody, and keeps waiting for the right one', async () => {
    const s = await server('127.0.0.1');
    const session = new DnsSession();
    try {
      const a = session.query({ address: '127.0.0.1', port: s.port }, { name: 'one.example', type: 'TXT' }, { recursion: false, timeoutMs: 2000 });
      const b = session.query({ address: '127.0.0.1', port: s.port }, { name: 'two.example', type: 'TXT' }, { recursion: false, timeoutMs: 2000 });
      await until(() => s.received.length >= 2);
      const [one, two] = s.received;
      // A reply with an id nobody waits for, for a question nobody asked: dropped.
      s.answer({ ...one, name: 'late.example' }, 'late', (one.id + 1) & 0xffff);
      s.answer(two, 'second');
      s.answer(one, 'first');
      expect([txtOf(await a), txtOf(await b)]).toEqual(['first', 'second']);
    } finally {
      session.close();
      await s.close();
    }
  });
});
