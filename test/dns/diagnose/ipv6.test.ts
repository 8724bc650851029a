/** Nameservers over IPv6 (::1): an IPv6-only one, and IPv4 nameservers whose IPv6 address fails or differs. */
import { ipv6LoopbackAvailable } from '../../support/dns-world/ports';
import { EXPECTED, NOW, OLD, PROVIDERS, standardWorld, txt, zone } from '../../support/dns-world/standard';
import { startWorld, type RunningWorld } from '../../support/dns-world/world';
import { diagnose } from '../../../src/dns/diagnose';
import type { DiagnoseOptions } from '../../../src/dns/types';
import { evidenceText } from './helpers';

describe('nameservers over IPv6', () => {
  let world: RunningWorld | undefined;
  beforeAll(async () => {
    if (!(await ipv6LoopbackAvailable())) {
      console.warn('skipping the IPv6 nameserver scenarios: ::1 cannot be bound on this machine');
      return;
    }
    const spec = standardWorld({
      zones: [zone('shop.test', [txt('_dnsauth.shop.test', EXPECTED)]), zone('calm.test', [txt('_dnsauth.calm.test', EXPECTED)])],
      rootRecords: [
        { name: 'v6.test', type: 'NS', value: 'ns6.alpha-dns.test' },
        { name: 'ns6.alpha-dns.test', type: 'AAAA', value: '::1' },
        // ns1 of Alpha also has an IPv6 address, where it serves an older copy of shop.test and not calm.test at all.
        { name: 'ns1.alpha-dns.test', type: 'AAAA', value: '::1' },
      ],
    });
    spec.servers.push({
      address: '::1',
      zones: [
        { origin: 'v6.test', serial: 7, records: [{ name: 'v6.test', type: 'NS', value: 'ns6.alpha-dns.test' }, txt('_dnsauth.v6.test', EXPECTED)] },
        zone('shop.test', [txt('_dnsauth.shop.test', OLD)]),
      ],
    });
    world = await startWorld(spec);
  });
  afterAll(() => world?.stop());

  const check = (domain: string, extra: Partial<DiagnoseOptions> = {}) =>
    diagnose(domain, { expect: EXPECTED, resolvers: world!.resolvers, authPort: world!.authPort, providers: PROVIDERS, now: NOW, queryTimeoutMs: 400, timeoutMs: 3000, ...extra });

  it('asks an IPv6-only nameserver over IPv6 and finds the record', async () => {
    if (!world) return;
    const d = await check('v6.test');
    expect(d.causes).toEqual(['ca-review-pending']);
    expect(d.findings[0].evidence.map((e) => e.text)).toContain(`ns6.alpha-dns.test (::1) answered TXT "${EXPECTED}" (TTL 300 s)`);
    expect(world.log.some((q) => q.server === '::1' && q.name === '_dnsauth.v6.test' && !q.rd)).toBe(true);
  });

  it('warns when a nameserver answers over IPv4 but not over IPv6, without making it a cause', async () => {
    if (!world) return;
    const d = await check('calm.test');
    expect(d.causes).toEqual(['ca-review-pending']);
    const f = d.findings.find((x) => x.id === 'nameserver-fails-over-ipv6');
    expect(f?.severity).toBe('warning');
    expect(f?.cause).toBe('nameservers-inconsistent');
    expect(f?.message).toContain('ns1.alpha-dns.test answers over IPv4 but not over IPv6');
    expect(evidenceText(f!)).toContain('ns1.alpha-dns.test (::1) refused to answer for the zone (REFUSED)');
  });

  it('finds a nameserver that serves another value over IPv6 inconsistent', async () => {
    if (!world) return;
    const d = await check('shop.test');
    expect(d.causes).toContain('nameservers-inconsistent');
    const f = d.findings.find((x) => x.id === 'nameservers-disagree-on-record');
    expect(evidenceText(f!)).toContain(`ns1.alpha-dns.test (::1) answered TXT "${OLD}"`);
    expect(evidenceText(f!)).toContain(`ns1.alpha-dns.test (127.0.0.3) answered TXT "${EXPECTED}"`);
  });

  it("with ipv6 'off', asks a nameserver that has IPv4 only over IPv4", async () => {
    if (!world) return;
    const before = world.log.length;
    const d = await check('shop.test', { ipv6: 'off' });
    expect(d.causes).toEqual(['ca-review-pending']);
    expect(world.log.slice(before).some((q) => q.server === '::1')).toBe(false);
  });

  it('refuses a domain whose verification name would be too long', async () => {
    const long = `${Array.from({ length: 4 }, () => 'a'.repeat(60)).join('.')}.test`;
    await expect(diagnose(long, { resolvers: [{ address: '127.0.0.1', port: 9 }], authPort: 9, providers: PROVIDERS, timeoutMs: 500 })).rejects.toThrow(/would exceed 253 characters/);
  });
});
