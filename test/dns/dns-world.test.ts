/** The test world itself behaves like DNS: referrals, authoritative answers, resolution, caches. */
import { query } from '../../src/dns/transport';
import type { DnsReply, DnsResponse } from '../../src/dns/types';
import { ALPHA1, EXPECTED, OLD, ROOT, standardWorld } from '../support/dns-world/standard';
import { startWorld, type RunningWorld } from '../support/dns-world/world';

const ok = (r: DnsResponse): DnsReply => {
  if (r.kind !== 'ok') throw new Error(`${r.kind}: ${r.detail}`);
  return r;
};

describe('the DNS test world', () => {
  let world: RunningWorld;
  beforeAll(async () => {
    world = await startWorld(
      standardWorld({
        resolvers: [{}, { cache: [{ name: '_dnsauth.shop.test', type: 'TXT', ttl: 1200, values: [OLD] }], dnssecBogus: ['shop.test'] }],
      }),
    );
  });
  afterAll(() => world.stop());
  const auth = (address: string) => ({ address, port: world.authPort });

  it('refers from the top zone with NS and glue', async () => {
    const r = ok(await query(auth(ROOT), { name: 'shop.test', type: 'NS' }, { recursion: false, timeoutMs: 1000 }));
    expect(r.flags.aa).toBe(false);
    expect(r.authority.map((a) => a.target).sort()).toEqual(['ns1.alpha-dns.test', 'ns2.alpha-dns.test']);
    expect(r.additional.map((a) => a.address).sort()).toEqual(['127.0.0.3', '127.0.0.4']);
  });

  it('answers authoritatively from the domain servers', async () => {
    const r = ok(await query(auth(ALPHA1), { name: '_dnsauth.shop.test', type: 'TXT' }, { recursion: false, timeoutMs: 1000 }));
    expect(r.flags.aa).toBe(true);
    expect(r.answers[0].txt).toEqual([EXPECTED]);
  });

  it('resolves through the resolver, and serves a stale cache or SERVFAIL where configured', async () => {
    const [plain, stale] = world.resolvers;
    const fresh = ok(await query(plain, { name: '_dnsauth.shop.test', type: 'TXT' }, { recursion: true, timeoutMs: 1000 }));
    expect(fresh.answers[0].txt).toEqual([EXPECTED]);
    const old = ok(await query(stale, { name: '_dnsauth.shop.test', type: 'TXT' }, { recursion: true, timeoutMs: 1000 }));
    expect(old.answers[0]).toEqual(expect.objectContaining({ ttl: 1200, txt: [OLD] }));
    const bogus = ok(await query(stale, { name: 'shop.test', type: 'SOA' }, { recursion: true, timeoutMs: 1000 }));
    expect(bogus.rcodeName).toBe('SERVFAIL');
    const cd = ok(await query(stale, { name: 'shop.test', type: 'SOA' }, { recursion: true, checkingDisabled: true, timeoutMs: 1000 }));
    expect(cd.answers[0].soa?.serial).toBe(2026112701);
  });

  it('answers NXDOMAIN with the zone SOA for names that do not exist', async () => {
    const r = ok(await query(world.resolvers[0], { name: 'nope.test', type: 'SOA' }, { recursion: true, timeoutMs: 1000 }));
    expect(r.rcodeName).toBe('NXDOMAIN');
    expect(r.authority[0].name).toBe('test');
  });
});
