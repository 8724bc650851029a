/**
 * dns-unreachable: silent, refusing, lame or broken servers, each named with its address. While some
 * nameservers answer, the record is judged by them and the broken ones are a warning (a CA's resolver
 * retries another server); dns-unreachable is the cause only when none answers. Our own resolver failing
 * is could-not-check. And TCP fallback on truncation.
 */
import { EXPECTED } from '../../support/dns-world/standard';
import { evidenceText, finding, useWorld } from './helpers';

describe('one silent nameserver', () => {
  const w = useWorld({ behaviours: { ns2: 'silent' } });

  it('judges the record by the server that answers and warns, naming the silent one with its address', async () => {
    const d = await w.check('shop.test', { expect: EXPECTED });
    expect(d.causes).toEqual(['ca-review-pending']);
    const f = finding(d, 'dns-unreachable');
    expect(f).toMatchObject({ id: 'nameserver-unreachable', severity: 'warning' });
    expect(f.message).toContain('do not answer properly: ns2.alpha-dns.test (127.0.0.4)');
    expect(f.message).toContain('judged by the ones that answer (ns1.alpha-dns.test)');
    expect(evidenceText(f)).toContain('ns2.alpha-dns.test (127.0.0.4) did not answer (no reply within 400 ms)');
    expect(d.warnings).toContainEqual(f.message);
  });

  it('still finds a cause on the server that answers', async () => {
    const d = await w.check('shop.test', { expect: '20261126093000zzzzzzzzzzzz' });
    expect(d.causes[0]).not.toBe('ca-review-pending');
    expect(d.causes).not.toContain('dns-unreachable');
  });
});

describe.each([
  ['garbage', 'sent a reply that is not valid DNS'],
  ['wrong-id', 'sent a reply that does not match the question'],
  ['refused', 'REFUSED'],
  ['servfail', 'SERVFAIL'],
] as const)('a nameserver that answers %s', (behaviour, words) => {
  const w = useWorld({ behaviours: { ns1: behaviour } });

  it('is a warning about that server, not a crash; the other one answers', async () => {
    const d = await w.check('shop.test', { expect: EXPECTED });
    expect(d.causes).toEqual(['ca-review-pending']);
    expect(evidenceText(finding(d, 'dns-unreachable'))).toContain(`ns1.alpha-dns.test (127.0.0.3) ${behaviour === 'refused' || behaviour === 'servfail' ? '' : words}`);
    expect(evidenceText(finding(d, 'dns-unreachable'))).toContain(words);
  });
});

describe('a nameserver that truncates over UDP', () => {
  const w = useWorld({ behaviours: { ns1: 'truncate-udp', ns2: 'truncate-udp' } });

  it('is read over TCP and the check goes on', async () => {
    const d = await w.check('shop.test', { expect: EXPECTED });
    expect(d.causes).toEqual(['ca-review-pending']);
    const tcp = w.world().log.filter((q) => q.via === 'tcp' && q.name === '_dnsauth.shop.test');
    expect([...new Set(tcp.map((q) => q.server))].sort()).toEqual(['127.0.0.3', '127.0.0.4']);
  });
});

describe('every nameserver silent', () => {
  const w = useWorld({ behaviours: { ns1: 'silent', ns2: 'silent' } });

  it('says none answers', async () => {
    const d = await w.check('shop.test', { expect: EXPECTED });
    expect(d.causes).toEqual(['dns-unreachable']);
    expect(finding(d, 'dns-unreachable').id).toBe('nameservers-unreachable');
  });
});

describe('every server silent, resolvers included', () => {
  const w = useWorld({ behaviours: { root: 'silent', ns1: 'silent', ns2: 'silent', beta: 'silent' }, resolvers: [{ behaviour: 'silent' }, { behaviour: 'silent' }] });

  it('ends within its budget and reports could-not-check naming the resolvers, not the domain\'s servers', async () => {
    const d = await w.check('shop.test', { expect: EXPECTED, timeoutMs: 1500, queryTimeoutMs: 1000 });
    expect(d.causes).toEqual(['could-not-check']);
    const f = finding(d, 'could-not-check');
    expect(f.id).toBe('resolvers-unreachable');
    expect(evidenceText(f)).toContain(`resolver 127.0.0.53:${w.world().resolverPort} did not answer`);
  });
});

describe('contacting only the resolvers given', () => {
  const w = useWorld();

  it('sends recursive queries only to the given resolver and RD=0 queries to learned or listed nameservers', async () => {
    const world = w.world();
    world.log.length = 0;
    await w.check('shop.test', { expect: EXPECTED });
    const recursive = new Set(world.log.filter((q) => q.rd).map((q) => q.server));
    expect([...recursive]).toEqual(['127.0.0.53']);
    const direct = new Set(world.log.filter((q) => !q.rd).map((q) => q.server));
    // A healthy domain: other providers (Beta on 127.0.0.5) are not probed, and the whole check stays small (issue 16.2).
    expect([...direct].sort()).toEqual(['127.0.0.2', '127.0.0.3', '127.0.0.4']);
    expect(world.log.length).toBeLessThanOrEqual(30);
  });
});

describe('one of two resolvers silent', () => {
  const w = useWorld({ resolvers: [{ behaviour: 'silent' }, {}] });

  it('uses the other and only warns', async () => {
    const d = await w.check('shop.test', { expect: EXPECTED });
    expect(d.causes).toEqual(['ca-review-pending']);
    expect(d.warnings).toEqual([expect.stringContaining(`Some resolvers did not answer (resolver 127.0.0.53:${w.world().resolverPort})`)]);
  });
});
