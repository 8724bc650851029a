/**
 * A DNS world for tests, declared as data: zones served by authoritative servers on 127.0.0.x (all on
 * one port, like port 53 in real life) and recursive stand-ins that resolve through them.
 */
import type { DnskeyData, DsData, Nsec3Data, NsecData, RrsigData } from '../../../src/dns/transport/rdata';
import type { CaaData, RecordType } from '../../../src/dns/types';

export interface ZoneRecord {
  /** Absolute name, without trailing dot. */
  name: string;
  type: RecordType;
  ttl?: number;
  /** TXT: string or character-strings; NS/CNAME: target; A/AAAA: address; CAA, DS, DNSKEY, RRSIG, NSEC, NSEC3: the record. */
  value: string | string[] | CaaData | DsData | DnskeyData | RrsigData | NsecData | Nsec3Data;
}

export interface Zone {
  origin: string;
  serial?: number;
  /** SOA MINIMUM (negative caching TTL). */
  minimum?: number;
  soaTtl?: number;
  /** NS records at the origin; delegations are NS records at names below it. */
  records: ZoneRecord[];
  /** Set by signZone: queries with the DO bit get RRSIGs, and these denial proofs in negative answers. */
  denial?: 'nsec' | { nsec3: { salt: string; iterations: number } };
}

/**
 * answer: a normal server. silent: bound, never answers. garbage: answers random bytes. refused:
 * answers REFUSED to everything. truncate-udp: TC=1 over UDP, the full answer over TCP. wrong-id:
 * answers with another query id. servfail: SERVFAIL to everything. lame: NOERROR without authority and
 * without records to everything (a server that does not serve the zone, or a resolver that does not
 * recurse). truncate-garbage: TC=1 over UDP, bytes that are not DNS over TCP.
 */
export type Behaviour = 'answer' | 'silent' | 'garbage' | 'refused' | 'truncate-udp' | 'wrong-id' | 'servfail' | 'lame' | 'truncate-garbage';

export interface AuthServerSpec {
  /** 127.0.0.x */
  address: string;
  zones: Zone[];
  behaviour?: Behaviour;
  latencyMs?: number;
}

export interface CachedAnswer {
  name: string;
  type: RecordType;
  /** Remaining TTL the resolver reports. */
  ttl: number;
  values: ZoneRecord['value'][];
}

export interface CachedNegative {
  name: string;
  type: RecordType;
  /** Remaining TTL on the SOA in the negative answer. */
  ttl: number;
  rcode?: 'NXDOMAIN' | 'NOERROR';
}

export interface ResolverSpec {
  address: string;
  behaviour?: Behaviour;
  latencyMs?: number;
  /** Stale answers served instead of resolving. */
  cache?: CachedAnswer[];
  /** Cached "no such record" answers. */
  negativeCache?: CachedNegative[];
  /** Names (and names below them) whose DNSSEC validation fails: SERVFAIL unless the CD bit is set. */
  dnssecBogus?: string[];
  /** One question that fails (SERVFAIL by default), as when a provider's servers break on one type. */
  failing?: { name: string; type: RecordType; rcode?: 2 | 5 }[];
}

export interface WorldSpec {
  /** Addresses of the servers of the top zone, where resolution starts. */
  roots: string[];
  servers: AuthServerSpec[];
  resolvers: ResolverSpec[];
  /** Latency added to every server that has none of its own. */
  latencyMs?: number;
}
