/** Plain-words descriptions of servers and replies, for evidence lines. */
import { normaliseTxt } from '../analysis/record-value';
import type { DnsRecord, DnsResponse, DnsServer } from '../types';
import type { NamedServer } from './observations';

export function hostPort(server: DnsServer, defaultPort = 53): string {
  const host = server.address.includes(':') ? `[${server.address}]` : server.address;
  return server.port === defaultPort ? server.address : `${host}:${server.port}`;
}

export function nameserver(name: string, server: DnsServer, authPort: number): NamedServer {
  return { ...server, name, label: `${name} (${hostPort(server, authPort)})` };
}

export function resolverServer(server: DnsServer): NamedServer {
  return { ...server, name: 'resolver', label: `resolver ${hostPort(server)}` };
}

const FAILURE_WORDS: Record<string, string> = {
  timeout: 'did not answer',
  network: 'could not be reached',
  malformed: 'sent a reply that is not valid DNS',
  mismatch: 'sent a reply that does not match the question',
};

/** "did not answer (no reply within 2000 ms)" */
export function failureText(response: DnsResponse): string {
  if (response.kind === 'ok') return `answered ${response.rcodeName}`;
  return `${FAILURE_WORDS[response.kind]} (${response.detail})`;
}

/** The verification values in a reply: TXT strings joined, or CNAME targets. */
export function recordValues(response: DnsResponse, name: string, type: 'TXT' | 'CNAME'): DnsRecord[] {
  if (response.kind !== 'ok') return [];
  return response.answers.filter((r) => r.name === name && r.type === type);
}

export function valueOf(record: DnsRecord): string {
  return record.txt ? normaliseTxt(record.txt) : (record.target ?? record.value);
}

/** `TXT "2026..." TTL 300` */
export function recordText(record: DnsRecord): string {
  return `${record.type} ${record.type === 'TXT' ? record.value : valueOf(record)} (TTL ${record.ttl} s)`;
}

export function list(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
