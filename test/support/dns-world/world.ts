/**
 * Starts a WorldSpec as real dns2 UDP+TCP servers on loopback: every authoritative server on one
 * shared port (the diagnosis's `authPort`), every resolver stand-in on another.
 */
import type { CaaData, DnsServer, RecordType } from '../../../src/dns/types';
import type { DnskeyData, DsData, Nsec3Data, NsecData, RrsigData } from '../../../src/dns/transport/rdata';
import { encodeMessage, TYPE_CODES, type WireMessage, type WireRecord } from '../../../src/dns/transport/wire';
import { findFreePort } from './ports';
import { resolve } from './resolve';
import type { Behaviour, WorldSpec, ZoneRecord } from './types';
import { lookup, type LookupResult } from './zone-lookup';

// dns2's servers (not its codec: replies are encoded with ours) have no types.
// eslint-disable-next-line @typescript-eslint/no-require-imports, @typescript-eslint/no-explicit-any
const dns2: any = require('dns2');
const TYPE_NAMES = Object.fromEntries(Object.entries(TYPE_CODES).map(([n, c]) => [c, n])) as Record<number, RecordType>;

/** The parts of dns2's parsed request the world reads. */
interface Dns2Request {
  header: { id: number; opcode: number; rd: number; cd: number };
  questions: { name: string; type: number; class: number }[];
  additionals?: { type: number; class: number; doFlag?: boolean }[];
}

export interface LoggedQuery {
  server: string;
  name: string;
  type: string;
  rd: boolean;
  via: 'udp' | 'tcp';
}

export interface RunningWorld {
  authPort: number;
  resolverPort: number;
  /** The resolver stand-ins, for DiagnoseOptions.resolvers. */
  resolvers: DnsServer[];
  log: LoggedQuery[];
  stop(): Promise<void>;
}

function toWire(r: ZoneRecord): WireRecord {
  const base = { name: r.name, type: TYPE_CODES[r.type], class: 1, ttl: r.ttl ?? 300 };
  const v = r.value;
  switch (r.type) {
    case 'A':
    case 'AAAA':
      return { ...base, data: { type: r.type, address: v as string } };
    case 'NS':
    case 'CNAME':
      return { ...base, data: { type: r.type, target: v as string } };
    case 'TXT':
      return { ...base, data: { type: 'TXT', strings: (Array.isArray(v) ? v : [v as string]).map((s) => Buffer.from(s, 'utf8')) } };
    case 'CAA':
      return { ...base, data: { type: 'CAA', caa: v as CaaData } };
    case 'DS':
      return { ...base, data: { type: 'DS', ds: v as DsData } };
    case 'DNSKEY':
      return { ...base, data: { type: 'DNSKEY', dnskey: v as DnskeyData } };
    case 'RRSIG':
      return { ...base, data: { type: 'RRSIG', rrsig: v as RrsigData } };
    case 'NSEC':
      return { ...base, data: { type: 'NSEC', nsec: v as NsecData } };
    case 'NSEC3':
      return { ...base, data: { type: 'NSEC3', nsec3: v as Nsec3Data } };
    case 'SOA': {
      const [primary, admin, serial, refresh, retry, expire, minimum] = v as string[];
      return { ...base, data: { type: 'SOA', soa: { primary, admin, serial: +serial, refresh: +refresh, retry: +retry, expire: +expire, minimum: +minimum } } };
    }
  }
}

/** The UDP payload the query allows (RFC 6891 s6.2.5: at least 512). */
const payloadLimit = (request: Dns2Request): number => Math.max(512, request.additionals?.find((r) => r.type === 41)?.class ?? 512);

type Answerer = (name: string, type: RecordType, cd: boolean, dnssecOk: boolean) => LookupResult;

function startServer(address: string, port: number, behaviour: Behaviour, latencyMs: number, recursive: boolean, answer: Answerer, log: LoggedQuery[]) {
  const server = dns2.createServer({
    udp: { type: address.includes(':') ? 'udp6' : 'udp4' },
    tcp: true,
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    handle(request: Dns2Request, rawSend: (r: Buffer) => unknown, client: any) {
      // A reply that waited out its latency may find the world stopped: dropped, like a lost packet.
      const send = (bytes: Buffer): void => {
        try {
          Promise.resolve(rawSend(bytes)).catch(() => undefined);
        } catch {
          // Socket already closed.
        }
      };
      const via: 'udp' | 'tcp' = typeof client?.write === 'function' ? 'tcp' : 'udp';
      const q = request.questions[0];
      log.push({ server: address, name: q?.name ?? '', type: TYPE_NAMES[q?.type] ?? String(q?.type), rd: !!request.header.rd, via });
      if (behaviour === 'silent') return;
      const reply = () => {
        if (behaviour === 'garbage' || (behaviour === 'truncate-garbage' && via === 'tcp')) return send(Buffer.from('\u00ff\u00fe this is not a DNS message', 'latin1'));
        const h = request.header;
        const response: WireMessage = {
          header: { id: h.id, qr: true, opcode: h.opcode, aa: false, tc: false, rd: !!h.rd, ra: recursive, ad: false, cd: !!h.cd, rcode: 0 },
          questions: request.questions.map((question) => ({ name: question.name, type: question.type, class: question.class })),
          answers: [],
          authorities: [],
          additionals: [],
        };
        if (behaviour === 'refused') response.header.rcode = 5;
        else if (behaviour === 'servfail') response.header.rcode = 2;
        else if ((behaviour === 'truncate-udp' || behaviour === 'truncate-garbage') && via === 'udp') response.header.tc = true;
        else if (behaviour === 'lame') response.header.ra = false;
        else {
          const dnssecOk = !!request.additionals?.find((r) => r.type === 41)?.doFlag;
          const result = answer(q.name, TYPE_NAMES[q.type], !!h.cd, dnssecOk);
          response.header.rcode = result.rcode;
          response.header.aa = result.aa;
          response.answers = result.answers.map(toWire);
          response.authorities = result.authority.map(toWire);
          response.additionals = result.additional.map(toWire);
        }
        if (behaviour === 'wrong-id') response.header.id = (h.id + 1) & 0xffff;
        let bytes = encodeMessage(response);
        // Too big for UDP: TC=1 with the question only, so the client retries over TCP (RFC 1035 s4.2.1).
        if (via === 'udp' && bytes.length > payloadLimit(request)) bytes = encodeMessage({ ...response, header: { ...response.header, tc: true }, answers: [], authorities: [], additionals: [] });
        send(bytes);
      };
      if (latencyMs > 0) setTimeout(reply, latencyMs);
      else reply();
    },
  });
  server.on('error', () => undefined);
  server.on('requestError', () => undefined);
  return server;
}

export async function startWorld(spec: WorldSpec): Promise<RunningWorld> {
  const log: LoggedQuery[] = [];
  const authPort = await findFreePort(spec.servers.map((s) => s.address));
  const resolverPort = await findFreePort(spec.resolvers.map((r) => r.address));
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const servers: any[] = [];
  for (const s of spec.servers) {
    const server = startServer(s.address, authPort, s.behaviour ?? 'answer', s.latencyMs ?? spec.latencyMs ?? 0, false, (name, type, _cd, dnssecOk) => lookup(s.zones, name, type, dnssecOk), log);
    await server.listen({ udp: { port: authPort, address: s.address }, tcp: { port: authPort, address: s.address } });
    servers.push(server);
  }
  for (const r of spec.resolvers) {
    const server = startServer(r.address, resolverPort, r.behaviour ?? 'answer', r.latencyMs ?? spec.latencyMs ?? 0, true, (name, type, cd) => resolve(spec, r, name, type, cd), log);
    await server.listen({ udp: { port: resolverPort, address: r.address }, tcp: { port: resolverPort, address: r.address } });
    servers.push(server);
  }
  return {
    authPort,
    resolverPort,
    resolvers: spec.resolvers.map((r) => ({ address: r.address, port: resolverPort })),
    log,
    stop: async () => {
      await Promise.all(servers.map((s) => s.close()));
    },
  };
}
