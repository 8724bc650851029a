/** What the gathering phase learned from the network, before any judgement. */
import type { DnsProvider } from '../analysis/providers';
import type { DnsResponse, DnsServer } from '../types';

export interface NamedServer extends DnsServer {
  /** Hostname for nameservers, `resolver` for resolvers. */
  name: string;
  /** "ns1.example.net (192.0.2.1)" or "resolver 10.0.0.53". */
  label: string;
}

export interface Asked {
  server: NamedServer;
  response: DnsResponse;
}

/** A name where users put the record by mistake. */
export interface MisplacedName {
  name: string;
  why: string;
  /** The name may rightly hold another certificate's record (apex, www, parent): only the expected value proves a mistake. */
  needsValue?: boolean;
}

export interface AuthServerResult {
  server: NamedServer;
  record: DnsResponse;
  soa: DnsResponse;
  /** The near-miss names, asked only when the record is not right here (empty otherwise). */
  misplaced: DnsResponse[];
}

export interface ResolverResult {
  server: NamedServer;
  record: DnsResponse;
  /** The same question with the CD bit, asked when the resolver failed (SERVFAIL). */
  recordCd?: DnsResponse;
  misplaced: DnsResponse[];
}

export interface ProviderCheck {
  provider: DnsProvider;
  server: NamedServer;
  response: DnsResponse;
  /** The SOA for the verification name, asked only when this provider has the record: names the zone that holds it there. */
  zoneSoa?: DnsResponse;
}

export interface Observations {
  base: string;
  wildcard: boolean;
  verificationName: string;
  misplacedNames: MisplacedName[];
  /** NS queries for the base name and its ancestors, per resolver. */
  nsLookups: { name: string; asked: Asked[] }[];
  /** The zone that holds the domain (closest enclosing NS set), when found. */
  zone?: string;
  zoneNs: string[];
  parentZone?: string;
  parentNs: string[];
  /** NS hostnames without any address. */
  unresolvedNs: string[];
  /** Parent servers asked for the zone's NS (the delegation). */
  delegation: Asked[];
  delegationNs: string[];
  authoritative: AuthServerResult[];
  resolvers: ResolverResult[];
  providerChecks: ProviderCheck[];
  caa: { name: string; response?: DnsResponse }[];
  /** True when the base name does not exist according to the resolvers. */
  baseNxdomain: boolean;
  /** Asked only when a resolver SERVFAILed: DS at the parent's servers, DNSKEY at the zone's. */
  dnssecKeys?: { ds: Asked[]; dnskey: Asked[] };
  budgetExhausted: boolean;
  /**
   * Set when the zone's servers answered the verification name with a referral: the name is in a
   * delegated child zone. `servers` (the child's) are also in `authoritative`; `referredBy` are the
   * zone's servers that referred (kept out of `authoritative`: they are not lame).
   */
  childZone?: { name: string; ns: string[]; referredBy: AuthServerResult[]; servers: AuthServerResult[]; unresolvedNs: string[] };
  /** Nameserver addresses set aside by splitIpv6: no IPv6 route from here, or failing only over IPv6. */
  ipv6?: { unroutable: AuthServerResult[]; broken: AuthServerResult[] };
}
