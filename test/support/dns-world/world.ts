/**
 * Starts a WorldSpec as real dns2 UDP+TCP servers on loopback: every authoritative server on one
 * shared port (the diagnosis's `authPort`), every resolver stand-in on another.
 */
import type { DnsServer, RecordType } from '../../../src/dns/types';
import { encodeDs, type DnskeyData, type DsData } from '../../../src/dns/analysis/dnssec-keys';
import { TYPE_CODES } from '../../../src/dns/transport';
import { findFreePort } from './ports';
import { resolve } from './resolve';
import type { Behaviour, WorldSpec, ZoneRecord } from './types';
import { lookup, type LookupResult } from './zone-lookup';

// eslint-disable-next-line @typescript-eslint/no-require-imports, @typescript-eslint/no-explicit-any
const dns2: any = require('dns2');
const { Packet } = dns2;
const TYPE_NAMES = Object.fromEntries(Object.entries(TYPE_CODES).map(([n, c]) => [c, n])) as Record<number, RecordType>;

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

function toResource(r: ZoneRecord): Record<string, unknown> {
  const base = { name: r.name, type: TYPE_CODES[r.type], class: 1, ttl: r.ttl ?? 300 };
  const v = r.value;
  switch (r.type) {
    case 'A':
    case 'AAAA':
      return { ...base, address: v };
    case 'NS':
      return { ...base, ns: v };
    case 'CNAME':
      return { ...base, domain: v };
    case 'TXT':
      return { ...base, data: Array.isArray(v) ? v : [v] };
    case 'CAA':
      return { ...base, ...(v as object) };
    case 'DS':
      // dns2 has no DS encoder: it writes the raw rdata it is given.
      return { ...base, data: encodeDs(v as DsData) };
    case 'DNSKEY': {
      const key = v as DnskeyData;
      return { ...base, flags: key.flags, protocol: key.protocol, algorithm: key.algorithm, key: key.publicKey };
    }
    case 'SOA': {
      const [primary, admin, serial, refresh, retry, expiration, minimum] = v as string[];
      return { ...base, primary, admin, serial: +serial, refresh: +refresh, retry: +retry, expiration: +expiration, minimum: +minimum };
    }
    default:
      throw new Error(`the test world cannot serve ${r.type} records`);
  }
}

type Answerer = (name: string, type: RecordType, cd: boolean) => LookupResult;

function startServer(address: string, port: number, behaviour: Behaviour, latencyMs: number, recursive: boolean, answer: Answerer, log: LoggedQuery[]) {
  const server = dns2.createServer({
    udp: { type: address.includes(':') ? 'udp6' : 'udp4' },
    tcp: true,
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    handle(request: any, send: (r: unknown) => void, client: any) {
      const via: 'udp' | 'tcp' = typeof client?.write === 'function' ? 'tcp' : 'udp';
      const q = request.questions[0];
      log.push({ server: address, name: q?.name ?? '', type: TYPE_NAMES[q?.type] ?? String(q?.type), rd: !!request.header.rd, via });
      if (behaviour === 'silent') return;
      const reply = () => {
        if (behaviour === 'garbage') return send(Buffer.from('\u00ff\u00fe this is not a DNS message', 'latin1'));
        const response = Packet.createResponseFromRequest(request);
        response.header.ra = recursive ? 1 : 0;
        response.header.cd = request.header.cd;
        if (behaviour === 'refused') response.header.rcode = 5;
        else if (behaviour === 'servfail') response.header.rcode = 2;
        else if (behaviour === 'truncate-udp' && via === 'udp') response.header.tc = 1;
        else {
          const result = answer(q.name, TYPE_NAMES[q.type], !!request.header.cd);
          response.header.rcode = result.rcode;
          response.header.aa = result.aa ? 1 : 0;
          response.answers = result.answers.map(toResource);
          response.authorities = result.authority.map(toResource);
          response.additionals = result.additional.map(toResource);
        }
        if (behaviour === 'wrong-id') response.header.id = (request.header.id + 1) & 0xffff;
        send(response);
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
    const server = startServer(s.address, authPort, s.behaviour ?? 'answer', s.latencyMs ?? spec.latencyMs ?? 0, false, (name, type) => lookup(s.zones, name, type), log);
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
