/** A nameserver reachable only over IPv6 (::1), learned through its AAAA record. */
import { ipv6LoopbackAvailable } from '../../support/dns-world/ports';
import { EXPECTED, NOW, PROVIDERS, standardWorld, txt } from '../../support/dns-world/standard';
import { startWorld, type RunningWorld } from '../../support/dns-world/world';
import { diagnose } from '../../../src/dns/diagnose';

describe('an IPv6-only nameserver', () => {
  let world: RunningWorld | undefined;
  beforeAll(async () => {
    if (!(await ipv6LoopbackAvailable())) {
      console.warn('skipping the IPv6 nameserver scenario: ::1 cannot be bound on this machine');
      return;
    }
    const spec = standardWorld({
      rootRecords: [
        { name: 'v6.test', type: 'NS', value: 'ns6.alpha-dns.test' },
        { name: 'ns6.alpha-dns.test', type: 'AAAA', value: '::1' },
      ],
    });
    spec.servers.push({
      address: '::1',
      zones: [{ origin: 'v6.test', serial: 7, records: [{ name: 'v6.test', type: 'NS', value: 'ns6.alpha-dns.test' }, txt('_dnsauth.v6.test', EXPECTED)] }],
    });
    world = await startWorld(spec);
  });
  afterAll(() => world?.stop());

  it('is asked over IPv6 and the record is found', async () => {
    if (!world) return;
    const d = await diagnose('v6.test', { expect: EXPECTED, resolvers: world.resolvers, authPort: world.authPort, providers: PROVIDERS, now: NOW, queryTimeoutMs: 400, timeoutMs: 3000 });
    expect(d.causes).toEqual(['ca-review-pending']);
    expect(d.findings[0].evidence.map((e) => e.text)).toContain(`ns6.alpha-dns.test (::1) answered TXT "${EXPECTED}" (TTL 300 s)`);
    expect(world.log.some((q) => q.server === '::1' && q.name === '_dnsauth.v6.test' && !q.rd)).toBe(true);
  });

  it('refuses a domain whose verification name would be too long', async () => {
    const long = `${Array.from({ length: 4 }, () => 'a'.repeat(60)).join('.')}.test`;
    await expect(diagnose(long, { resolvers: [{ address: '127.0.0.1', port: 9 }], authPort: 9, providers: PROVIDERS, timeoutMs: 500 })).rejects.toThrow(/would exceed 253 characters/);
  });
});
