/**
 * Types shared by the DNS transport and the diagnosis: what one query returns, and what a whole
 * diagnosis of a domain's verification record reports.
 */
import type { Evidence } from '../core/checks';
import type { DnskeyData, DsData, Nsec3Data, NsecData, RrsigData } from './transport/rdata';
import type { DnsProvider } from './analysis/providers';

export type RecordType = 'A' | 'AAAA' | 'NS' | 'SOA' | 'TXT' | 'CNAME' | 'CAA' | 'DS' | 'DNSKEY' | 'RRSIG' | 'NSEC' | 'NSEC3';

/** A DNS server to send queries to (IPv4 or IPv6 literal). */
export interface DnsServer {
  address: string;
  port: number;
}

export interface DnsQuestion {
  name: string;
  type: RecordType;
}

export interface QueryOptions {
  /** The RD bit: true for a recursive resolver, false for an authoritative server. */
  recursion: boolean;
  /** Whole query budget, including a retransmission and a TCP retry. */
  timeoutMs: number;
  /** Go straight to TCP. */
  tcp?: boolean;
  /** The CD bit: ask a validating resolver not to check DNSSEC. */
  checkingDisabled?: boolean;
  /** The DO bit: ask for RRSIGs and NSEC/NSEC3 proofs with the answer. */
  dnssecOk?: boolean;
}

export interface SoaData {
  primary: string;
  admin: string;
  serial: number;
  refresh: number;
  retry: number;
  expire: number;
  minimum: number;
}

export interface CaaData {
  flags: number;
  tag: string;
  value: string;
}

/** One resource record in presentation form. `value` is a one-line text for evidence. */
export interface DnsRecord {
  name: string;
  /** Type name (`TXT`, `CNAME`, ... or `TYPE<n>` for types we do not decode). */
  type: string;
  ttl: number;
  value: string;
  /** TXT: the character-strings as sent. */
  txt?: string[];
  /** NS, CNAME: the target name, lower-case without trailing dot. */
  target?: string;
  /** A, AAAA. */
  address?: string;
  soa?: SoaData;
  caa?: CaaData;
  ds?: DsData;
  dnskey?: DnskeyData;
  rrsig?: RrsigData;
  nsec?: NsecData;
  nsec3?: Nsec3Data;
  /** The rdata as sent, names uncompressed: what a signature covers (before RFC 4034 s6.2 lower-casing). */
  rdata?: Buffer;
}

export interface DnsFlags {
  aa: boolean;
  tc: boolean;
  ra: boolean;
  ad: boolean;
  cd: boolean;
}

export const RCODE_NAMES: Record<number, string> = {
  0: 'NOERROR',
  1: 'FORMERR',
  2: 'SERVFAIL',
  3: 'NXDOMAIN',
  4: 'NOTIMP',
  5: 'REFUSED',
};

/**
 * A well-formed reply. Its rcode (NXDOMAIN, SERVFAIL, REFUSED, ...) is a result to interpret, not a
 * transport failure: a SERVFAIL from a resolver is evidence of a DNSSEC problem, for example.
 */
export interface DnsReply {
  kind: 'ok';
  rcode: number;
  rcodeName: string;
  flags: DnsFlags;
  answers: DnsRecord[];
  authority: DnsRecord[];
  additional: DnsRecord[];
  transport: 'udp' | 'tcp';
  /** Set when the server truncated over UDP and TCP could not complete; the reply is the truncated one. */
  truncatedOnly?: boolean;
}

/** No usable reply: nothing came back, the bytes were not DNS, or they answered another query. */
export interface DnsFailure {
  kind: 'timeout' | 'malformed' | 'mismatch' | 'network';
  /** Plain-words reason, e.g. "no reply within 2000 ms" or "ECONNREFUSED". */
  detail: string;
  transport: 'udp' | 'tcp';
  /**
   * The check's time budget ended it: not sent at all, or given less than its own timeout and cut off.
   * The check's limit, not evidence that the server is down.
   */
  outOfTime?: boolean;
}

export type DnsResponse = DnsReply | DnsFailure;

export type Severity = 'error' | 'warning' | 'info';

export interface Finding {
  /** Stable id of the fact, e.g. `record-on-other-provider`. */
  id: string;
  /** The cause id (from DNS_CAUSE_IDS) this finding supports. */
  cause: string;
  /** `error` findings are causes; `warning`/`info` are shown but do not decide the outcome. */
  severity: Severity;
  message: string;
  evidence: Evidence[];
}

export interface Diagnosis {
  /** ASCII form, with `*.` for a wildcard. */
  domain: string;
  verificationName: string;
  recordType: 'TXT' | 'CNAME';
  /** Cause ids, most important first; exactly `["ca-review-pending"]` when DNS is right. */
  causes: string[];
  findings: Finding[];
  /** Who hosts the domain (from its nameservers). */
  provider?: { id: string; name: string; nameservers: string[] };
  /** Where the record was found when that is not the domain's provider. */
  recordPlatform?: { id: string; name: string };
  warnings: string[];
  durationMs: number;
}

export interface DiagnoseOptions {
  /** The value the CA asked for, when the user has it. */
  expect?: string;
  /** Provider id where the user says they added the record. */
  platform?: string;
  /** CA id for the CAA check (default: the FAQ provider's CAs). */
  caId?: string;
  /** Recursive resolvers; the system's (`dns.getServers()`) when not given. */
  resolvers?: DnsServer[];
  /** Port used to reach authoritative servers (53; tests use a high port). */
  authPort: number;
  providers?: DnsProvider[];
  /** Budget for the whole check. */
  timeoutMs: number;
  /** Budget for one query. */
  queryTimeoutMs: number;
  /** Verification record name template, `{domain}` = the base name. */
  recordName: string;
  recordType: 'TXT' | 'CNAME';
  now?: Date;
  /**
   * IPv6 addresses of the domain's nameservers: 'off' uses them only for a nameserver without IPv4;
   * 'on' and 'auto' ask both families; 'auto' (default) takes "no route" errors over IPv6 as this
   * machine lacking IPv6 (a warning), 'on' as the nameserver being unreachable.
   */
  ipv6?: 'auto' | 'on' | 'off';
  /** Told about every query's response (metrics count them by result); must not throw. */
  onQuery?: (response: DnsResponse) => void;
  /** Told before each query is sent, with the server's label ("ns1.example.net (192.0.2.1)"): progress. */
  onAsk?: (server: string, question: DnsQuestion) => void;
}

export const DEFAULT_DIAGNOSE_OPTIONS: DiagnoseOptions = {
  authPort: 53,
  timeoutMs: 10000,
  queryTimeoutMs: 2000,
  recordName: '_dnsauth.{domain}',
  recordType: 'TXT',
  ipv6: 'auto',
};
