/** ttl-not-elapsed: the nameservers are right, resolvers still serve a cached answer. */
import { EXPECTED, OLD, txt, zone } from '../../support/dns-world/standard';
import { evidenceText, finding, useWorld } from './helpers';

describe('resolvers that still serve a cached answer', () => {
  const w = useWorld({
    zones: [
      zone('stale.test', [txt('_dnsauth.stale.test', EXPECTED)]),
      zone('negative.test', [txt('_dnsauth.negative.test', EXPECTED)], 2026112701, 900),
      zone('slow.test', [txt('_dnsauth.slow.test', EXPECTED, 3600)]),
    ],
    resolvers: [
      {},
      {
        cache: [{ name: '_dnsauth.stale.test', type: 'TXT', ttl: 1200, values: [OLD] }],
        negativeCache: [{ name: '_dnsauth.negative.test', type: 'TXT', ttl: 240, rcode: 'NXDOMAIN' }],
      },
    ],
  });

  it('reports a stale value and when it expires', async () => {
    const d = await w.check('stale.test', { expect: EXPECTED });
    expect(d.causes).toEqual(['ttl-not-elapsed']);
    const f = finding(d, 'ttl-not-elapsed');
    expect(f.message).toContain('expires in 20 minutes (2026-11-27 10:20 UTC)');
    expect(evidenceText(f)).toContain(`resolver 127.0.0.54:${w.world().resolverPort} still serves TXT "${OLD}"`);
    // The resolver that is up to date is not blamed.
    expect(evidenceText(f)).not.toContain('127.0.0.53');
  });

  it('reports a cached "no such record" and when it expires (the SOA TTL left, under the minimum)', async () => {
    const d = await w.check('negative.test', { expect: EXPECTED });
    expect(d.causes).toEqual(['ttl-not-elapsed']);
    const f = finding(d, 'ttl-not-elapsed');
    expect(evidenceText(f)).toContain('NXDOMAIN (no such name) from its negative cache; it expires in 4 minutes');
  });

  it('only warns about a long TTL when the right record is visible everywhere', async () => {
    const d = await w.check('slow.test', { expect: EXPECTED });
    expect(d.causes).toEqual(['ca-review-pending']);
    expect(d.warnings).toEqual([expect.stringContaining('TTL is 3600 seconds, longer than the recommended 5 minutes')]);
    expect(d.findings.find((f) => f.id === 'long-ttl')?.severity).toBe('warning');
  });
});
