/**
 * "No IPv6 route" cannot be staged on loopback (tests may only reach 127.0.0.0/8 and ::1), so the
 * split is tested on observations as gather() would return them.
 */
import { ipv6Findings, splitIpv6 } from '../../../src/dns/diagnose/ipv6';
import { unreachable } from '../../../src/dns/diagnose/findings-servers';
import type { AuthServerResult, Observations } from '../../../src/dns/diagnose/observations';
import type { DnsResponse } from '../../../src/dns/types';

const ok: DnsResponse = { kind: 'ok', rcode: 0, rcodeName: 'NOERROR', flags: { aa: true, tc: false, ra: false, ad: false, cd: false }, answers: [], authority: [], additional: [], transport: 'udp' };
const noRoute: DnsResponse = { kind: 'network', detail: 'ENETUNREACH', transport: 'udp' };
const silent: DnsResponse = { kind: 'timeout', detail: 'no reply within 400 ms', transport: 'udp' };

const auth = (name: string, address: string, response: DnsResponse): AuthServerResult => ({
  server: { name, address, port: 53, label: `${name} (${address})` },
  record: response,
  soa: response,
  misplaced: [],
});

const observations = (authoritative: AuthServerResult[]): Observations => ({
  base: 'shop.example',
  wildcard: false,
  verificationName: '_dnsauth.shop.example',
  misplacedNames: [],
  nsLookups: [],
  zone: 'shop.example',
  zoneNs: [...new Set(authoritative.map((a) => a.server.name))],
  parentNs: [],
  unresolvedNs: [],
  delegation: [],
  delegationNs: [],
  authoritative,
  resolvers: [],
  providerChecks: [],
  caa: [],
  baseNxdomain: false,
  budgetExhausted: false,
});

describe('splitIpv6', () => {
  const mixed = [auth('ns1.example.net', '192.0.2.1', ok), auth('ns1.example.net', '2001:db8::1', noRoute), auth('ns2.example.net', '2001:db8::2', noRoute)];

  it("in 'auto', takes no route over IPv6 as this machine's limit: a warning, not dns-unreachable", () => {
    const o = splitIpv6(observations(mixed), 'auto');
    expect(o.authoritative.map((a) => a.server.address)).toEqual(['192.0.2.1']);
    expect(unreachable(o)).toEqual([]);
    const [f] = ipv6Findings(o);
    expect(f).toMatchObject({ id: 'ipv6-no-route', severity: 'warning' });
    expect(f.message).toContain('This machine has no IPv6 route');
    expect(f.message).toContain('ns2.example.net has no other address, so it was not checked at all');
  });

  it("in 'on', an unroutable IPv6-only nameserver is unreachable (a warning while another answers), and one with IPv4 is a warning", () => {
    const o = splitIpv6(observations(mixed), 'on');
    expect(unreachable(o).map((f) => [f.id, f.severity])).toEqual([['nameserver-unreachable', 'warning']]);
    expect(ipv6Findings(o).map((f) => [f.id, f.cause, f.severity])).toEqual([['nameserver-fails-over-ipv6', 'nameservers-inconsistent', 'warning']]);
  });

  it('leaves a nameserver that fails over both families to the unreachable findings', () => {
    const o = splitIpv6(observations([auth('ns1.example.net', '192.0.2.1', silent), auth('ns1.example.net', '2001:db8::1', silent), auth('ns2.example.net', '192.0.2.2', ok)]), 'auto');
    expect(o.authoritative).toHaveLength(3);
    expect(ipv6Findings(o)).toEqual([]);
    expect(unreachable(o)[0].evidence.map((e) => e.text)).toContain('ns1.example.net (2001:db8::1) did not answer (no reply within 400 ms)');
  });

  it("in 'off', changes nothing", () => {
    const o = observations(mixed);
    expect(splitIpv6(o, 'off')).toBe(o);
  });
});
