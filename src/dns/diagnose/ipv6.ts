/**
 * The IPv6 side of the domain's nameservers. Addresses this machine cannot route to are set aside
 * (a warning about this machine, not about the domain), and a nameserver that works over IPv4 but
 * fails over IPv6 is a warning under nameservers-inconsistent: resolvers, the CA's included, retry
 * another address of the same nameserver, so it slows lookups rather than hiding the record. A
 * nameserver that answers differently over IPv6 stays with the others and is judged like any server.
 */
import { isIPv6 } from 'node:net';
import type { Finding } from '../types';
import { failureText, list } from './describe';
import { authProblem } from './findings-servers';
import type { AuthServerResult, Observations } from './observations';

/** Socket errors that mean "no IPv6 route from here", not "the server is down". */
const NO_ROUTE = /ENETUNREACH|EADDRNOTAVAIL|EHOSTUNREACH|EAFNOSUPPORT|EPROTONOSUPPORT/;
const overIpv6 = (a: AuthServerResult): boolean => isIPv6(a.server.address);
const noRoute = (a: AuthServerResult): boolean => a.record.kind === 'network' && NO_ROUTE.test(a.record.detail);

/** Moves unroutable and IPv6-only-broken servers out of `authoritative` into `o.ipv6`. */
export function splitIpv6(o: Observations, mode: 'auto' | 'on' | 'off'): Observations {
  if (mode === 'off') return o;
  const unroutable = mode === 'auto' ? o.authoritative.filter((a) => overIpv6(a) && noRoute(a)) : [];
  const rest = o.authoritative.filter((a) => !unroutable.includes(a));
  const worksOverIpv4 = (name: string): boolean => rest.some((a) => a.server.name === name && !overIpv6(a) && authProblem(a) === undefined);
  const broken = rest.filter((a) => overIpv6(a) && authProblem(a) !== undefined && worksOverIpv4(a.server.name));
  return { ...o, authoritative: rest.filter((a) => !broken.includes(a)), ipv6: { unroutable, broken } };
}

export function ipv6Findings(o: Observations): Finding[] {
  const findings: Finding[] = [];
  const unroutable = o.ipv6?.unroutable ?? [];
  if (unroutable.length > 0) {
    const unchecked = [...new Set(unroutable.map((a) => a.server.name))].filter((name) => !o.authoritative.some((a) => a.server.name === name));
    findings.push({
      id: 'ipv6-no-route',
      cause: 'dns-unreachable',
      severity: 'warning',
      message:
        `This machine has no IPv6 route, so the nameservers' IPv6 addresses were not checked (${list(unroutable.map((a) => a.server.label))}).` +
        (unchecked.length > 0 ? ` ${list(unchecked)} ${unchecked.length > 1 ? 'have' : 'has'} no other address, so ${unchecked.length > 1 ? 'they were' : 'it was'} not checked at all; run the check from a machine with IPv6.` : ' The check used their IPv4 addresses.'),
      evidence: unroutable.map((a) => ({ text: `${a.server.label} ${failureText(a.record)}`, source: a.server.label })),
    });
  }
  const broken = o.ipv6?.broken ?? [];
  if (broken.length > 0) {
    const names = [...new Set(broken.map((a) => a.server.name))];
    findings.push({
      id: 'nameserver-fails-over-ipv6',
      cause: 'nameservers-inconsistent',
      severity: 'warning',
      message: `${list(names)} ${names.length > 1 ? 'answer' : 'answers'} over IPv4 but not over IPv6. Resolvers fall back to the IPv4 address, so this slows lookups rather than blocking the certificate; ask the DNS provider to fix the IPv6 address or remove its AAAA record.`,
      evidence: broken.map((a) => ({ text: `${a.server.label} ${authProblem(a)}`, source: a.server.label })),
    });
  }
  return findings;
}
