import { query } from '../../../src/dns/transport';
import type { DnsReply, DnsResponse } from '../../../src/dns/types';
import { findFreePort, ipv6LoopbackAvailable } from '../../support/dns-world/ports';
import { framed, rawTcpServer, rawUdpServer, type RawServer } from '../../support/dns-world/raw-servers';

import { decodeMessage, encodeMessage, type WireMessage, type WireRecord } from '../../../src/dns/transport/wire';

// dns2's server only (replies are encoded with our codec).
// eslint-disable-next-line @typescript-eslint/no-require-imports, @typescript-eslint/no-explicit-any
const dns2: any = require('dns2');

/** An empty reply to a query message, as a server would start it. */
function responseTo(query: Buffer): WireMessage {
  const decoded = decodeMessage(query);
  if (decoded.kind !== 'ok') throw new Error(decoded.detail);
  const { header, questions } = decoded.message;
  return { header: { ...header, qr: true, ra: header.rd }, questions, answers: [], authorities: [], additionals: [] };
}
const txtRecord = (name: string, ttl: number, strings: string[]): WireRecord => ({ name, type: 16, class: 1, ttl, data: { type: 'TXT', strings: strings.map((x) => Buffer.from(x)) } });

interface Seen {
  rd: number;
  cd: number;
  via: 'udp' | 'tcp';
}

/** A dns2 server (UDP + TCP on one port) whose answers the test controls. */
async function startDns2(address: string, seen: Seen[], truncateUdp = false) {
  const server = dns2.createServer({
    udp: { type: address.includes(':') ? 'udp6' : 'udp4' },
    tcp: true,
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    handle(request: any, send: (r: Buffer) => void, client: any) {
      const via = typeof client?.write === 'function' ? 'tcp' : 'udp';
      seen.push({ rd: request.header.rd, cd: request.header.cd, via });
      const [q] = request.questions;
      const response: WireMessage = {
        header: { id: request.header.id, qr: true, opcode: 0, aa: true, tc: false, rd: !!request.header.rd, ra: !!request.header.rd, ad: false, cd: !!request.header.cd, rcode: 0 },
        questions: [{ name: q.name, type: q.type, class: 1 }],
        answers: [],
        authorities: [],
        additionals: [],
      };
      if (q.name === 'missing.example') {
        response.header.rcode = 3;
        response.authorities.push({ name: 'example', type: 6, class: 1, ttl: 600, data: { type: 'SOA', soa: { primary: 'ns1.example', admin: 'hostmaster.example', serial: 2026112701, refresh: 3600, retry: 600, expire: 86400, minimum: 300 } } });
      } else if (q.type === 257) {
        response.answers.push({ name: q.name, type: 257, class: 1, ttl: 120, data: { type: 'CAA', caa: { flags: 128, tag: 'issue', value: 'digicert.com' } } });
      } else if (via === 'udp' && truncateUdp) {
        response.header.tc = true;
      } else {
        response.answers.push(txtRecord(q.name, 300, ['20261125093000k7q2', 'm9']));
      }
      send(encodeMessage(response));
    },
  });
  for (let attempt = 0; ; attempt++) {
    const port = await findFreePort([address]);
    try {
      await server.listen({ udp: { port, address }, tcp: { port, address } });
      return { port, close: () => server.close() };
    } catch (error) {
      if (attempt > 3) throw error;
    }
  }
}

const ok = (r: DnsResponse): DnsReply => {
  if (r.kind !== 'ok') throw new Error(`expected a reply, got ${r.kind}: ${r.detail}`);
  return r;
};

describe('query() against a real dns2 server', () => {
  const seen: Seen[] = [];
  let server: { port: number; close: () => Promise<unknown> };
  beforeAll(async () => {
    server = await startDns2('127.0.0.1', seen);
  });
  afterAll(() => server.close());
  beforeEach(() => {
    seen.length = 0;
  });

  it('sends RD=0 to authoritative servers and decodes TXT strings, TTL and the AA flag', async () => {
    const reply = ok(await query({ address: '127.0.0.1', port: server.port }, { name: '_dnsauth.example', type: 'TXT' }, { recursion: false, timeoutMs: 2000 }));
    expect(seen).toEqual([{ rd: 0, cd: 0, via: 'udp' }]);
    expect(reply.rcodeName).toBe('NOERROR');
    expect(reply.flags.aa).toBe(true);
    expect(reply.answers).toEqual([expect.objectContaining({ name: '_dnsauth.example', type: 'TXT', ttl: 300, txt: ['20261125093000k7q2', 'm9'] })]);
  });

  it('sets RD=1 and CD=1 when asked', async () => {
    await query({ address: '127.0.0.1', port: server.port }, { name: 'a.example', type: 'TXT' }, { recursion: true, checkingDisabled: true, timeoutMs: 2000 });
    expect(seen).toEqual([{ rd: 1, cd: 1, via: 'udp' }]);
  });

  it('returns NXDOMAIN as a result with the SOA from the authority section', async () => {
    const reply = ok(await query({ address: '127.0.0.1', port: server.port }, { name: 'missing.example', type: 'TXT' }, { recursion: false, timeoutMs: 2000 }));
    expect(reply.rcodeName).toBe('NXDOMAIN');
    expect(reply.authority[0].soa).toEqual(expect.objectContaining({ serial: 2026112701, minimum: 300 }));
  });

  it('decodes CAA records', async () => {
    const reply = ok(await query({ address: '127.0.0.1', port: server.port }, { name: 'example', type: 'CAA' }, { recursion: true, timeoutMs: 2000 }));
    expect(reply.answers[0].caa).toEqual({ flags: 128, tag: 'issue', value: 'digicert.com' });
  });

  it('queries over TCP with length framing when asked', async () => {
    const reply = ok(await query({ address: '127.0.0.1', port: server.port }, { name: 'x.example', type: 'TXT' }, { recursion: false, tcp: true, timeoutMs: 2000 }));
    expect(reply.transport).toBe('tcp');
    expect(reply.answers[0].txt).toEqual(['20261125093000k7q2', 'm9']);
  });
});

describe('query() retries over TCP when the UDP answer is truncated', () => {
  const seen: Seen[] = [];
  let server: { port: number; close: () => Promise<unknown> };
  beforeAll(async () => {
    server = await startDns2('127.0.0.1', seen, true);
  });
  afterAll(() => server.close());

  it('returns the TCP answer', async () => {
    const reply = ok(await query({ address: '127.0.0.1', port: server.port }, { name: 'big.example', type: 'TXT' }, { recursion: false, timeoutMs: 2000 }));
    expect(seen.map((s) => s.via)).toEqual(['udp', 'tcp']);
    expect(reply.transport).toBe('tcp');
    expect(reply.answers[0].txt).toEqual(['20261125093000k7q2', 'm9']);
  });
});

describe('query() over IPv6', () => {
  it('talks to a dns2 server on ::1', async () => {
    if (!(await ipv6LoopbackAvailable())) {
      console.warn('skipping the IPv6 test: ::1 cannot be bound on this machine');
      return;
    }
    const seen: Seen[] = [];
    const server = await startDns2('::1', seen);
    try {
      const reply = ok(await query({ address: '::1', port: server.port }, { name: 'v6.example', type: 'TXT' }, { recursion: false, timeoutMs: 2000 }));
      expect(reply.answers[0].txt).toEqual(['20261125093000k7q2', 'm9']);
      const viaTcp = ok(await query({ address: '::1', port: server.port }, { name: 'v6.example', type: 'TXT' }, { recursion: false, tcp: true, timeoutMs: 2000 }));
      expect(viaTcp.transport).toBe('tcp');
    } finally {
      await server.close();
    }
  });
});

/** A valid reply to `q`, optionally with another id, question or the TC bit. */
function replyTo(q: Buffer, change: { id?: number; name?: string; tc?: boolean } = {}): Buffer {
  const response = responseTo(q);
  const asked = response.questions[0];
  if (change.id !== undefined) response.header.id = change.id;
  if (change.name) response.questions = [{ ...asked, name: change.name }];
  if (change.tc) response.header.tc = true;
  response.answers.push(txtRecord(asked.name, 60, ['x'.repeat(200)]));
  return encodeMessage(response);
}

describe('query() never throws for what a server sends', () => {
  const servers: RawServer[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });
  const udp = async (respond: (q: Buffer) => Buffer | undefined) => {
    const s = await rawUdpServer('127.0.0.1', respond);
    servers.push(s);
    return { address: '127.0.0.1', port: s.port };
  };
  const ask = (server: { address: string; port: number }, timeoutMs = 400) => query(server, { name: 'q.example', type: 'TXT' }, { recursion: false, timeoutMs });

  it('reports garbage bytes as malformed', async () => {
    const result = await ask(await udp(() => Buffer.from('this is not dns at all, just text')));
    expect(result.kind).toBe('malformed');
  });

  it('reports a packet shorter than a header as malformed', async () => {
    const result = await ask(await udp(() => Buffer.from([1, 2, 3])));
    expect(result).toEqual(expect.objectContaining({ kind: 'malformed', detail: expect.stringContaining('shorter than a DNS header') }));
  });

  it('reports a reply cut in the middle of a record as malformed', async () => {
    const result = await ask(await udp((q) => replyTo(q).subarray(0, 60)));
    expect(result.kind).toBe('malformed');
  });

  it('reports a reply with another id as a mismatch after waiting for the right one', async () => {
    const result = await ask(await udp((q) => replyTo(q, { id: (q.readUInt16BE(0) + 1) & 0xffff })));
    expect(result).toEqual(expect.objectContaining({ kind: 'mismatch', detail: expect.stringContaining('does not match query id') }));
  });

  it('reports a reply for another question as a mismatch', async () => {
    const result = await ask(await udp((q) => replyTo(q, { name: 'other.example' })));
    expect(result).toEqual(expect.objectContaining({ kind: 'mismatch', detail: expect.stringContaining('other.example') }));
  });

  it('reports an echoed query (QR=0) as malformed', async () => {
    const result = await ask(await udp((q) => q));
    expect(result.kind).toBe('malformed');
  });

  it('reports a silent server as a timeout', async () => {
    const result = await ask(await udp(() => undefined), 300);
    expect(result).toEqual(expect.objectContaining({ kind: 'timeout', transport: 'udp' }));
  });

  it('keeps the truncated UDP answer when the TCP retry finds nobody listening', async () => {
    const result = await ask(await udp((q) => replyTo(q, { tc: true })));
    // The TCP port is closed, so the truncated reply is all there is; it is flagged as such.
    expect(result).toEqual(expect.objectContaining({ kind: 'ok', truncatedOnly: true }));
  });

  it('bounds a TCP server that accepts but never answers', async () => {
    const s = await rawTcpServer('127.0.0.1', () => undefined);
    servers.push(s);
    const result = await query({ address: '127.0.0.1', port: s.port }, { name: 'q.example', type: 'TXT' }, { recursion: false, tcp: true, timeoutMs: 300 });
    expect(result).toEqual(expect.objectContaining({ kind: 'timeout', transport: 'tcp' }));
  });

  it('reports a TCP reply cut short by the server closing as malformed', async () => {
    const s = await rawTcpServer('127.0.0.1', (q) => framed(replyTo(q)).subarray(0, 40));
    servers.push(s);
    const result = await query({ address: '127.0.0.1', port: s.port }, { name: 'q.example', type: 'TXT' }, { recursion: false, tcp: true, timeoutMs: 1000 });
    expect(result.kind).toBe('malformed');
  });

  it('reports a refused TCP connection as a network failure', async () => {
    const s = await rawTcpServer('127.0.0.1', () => undefined);
    await s.close();
    const result = await query({ address: '127.0.0.1', port: s.port }, { name: 'q.example', type: 'TXT' }, { recursion: false, tcp: true, timeoutMs: 1000 });
    expect(result).toEqual(expect.objectContaining({ kind: 'network', detail: 'ECONNREFUSED' }));
  });
});
