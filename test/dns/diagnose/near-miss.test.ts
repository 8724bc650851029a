/**
 * Near misses (issue 11.3): the record where people put it by mistake, named "found at X, must be at Y":
 * www for the apex and the apex for www, the zone's name typed after a subdomain's record, the parent
 * domain. Names that may rightly hold another certificate's record only count with the expected value.
 * And a domain whose nameservers belong to two providers is named as such.
 */
import { EXPECTED, PROVIDERS, txt, zone } from '../../support/dns-world/standard';
import { evidenceText, finding, useWorld } from './helpers';

describe('near misses', () => {
  const w = useWorld({
    zones: [
      zone('apex.test', [txt('_dnsauth.www.apex.test', EXPECTED), { name: 'www.apex.test', type: 'A', value: '127.0.0.80' }]),
      zone('wwwcert.test', [txt('_dnsauth.wwwcert.test', EXPECTED), { name: 'www.wwwcert.test', type: 'A', value: '127.0.0.80' }]),
      zone('zone.test', [txt('_dnsauth.shop.zone.test.zone.test', EXPECTED), { name: 'shop.zone.test', type: 'A', value: '127.0.0.80' }]),
      zone('parent.test', [txt('_dnsauth.parent.test', EXPECTED), { name: 'shop.parent.test', type: 'A', value: '127.0.0.80' }]),
    ],
  });

  it.each([
    ['apex.test', '_dnsauth.www.apex.test', 'for www.apex.test'],
    ['www.wwwcert.test', '_dnsauth.wwwcert.test', 'without www'],
    ['shop.zone.test', '_dnsauth.shop.zone.test.zone.test', 'typed in full'],
    ['shop.parent.test', '_dnsauth.parent.test', 'parent domain parent.test'],
  ])('%s: found at %s', async (domain, at, why) => {
    const d = await w.check(domain, { expect: EXPECTED });
    expect(d.causes).toEqual(['record-misconfigured']);
    const f = finding(d, 'record-misconfigured');
    expect(f.message).toContain(`found at ${at} (`);
    expect(f.message).toContain(why);
    expect(f.message).toContain(`it must be at _dnsauth.${domain}`);
    expect(evidenceText(f)).toContain(EXPECTED);
  });

  it('without the expected value, the apex\'s own record is not taken for a misplaced www record', async () => {
    const d = await w.check('www.wwwcert.test');
    expect(d.causes).toEqual(['record-missing']);
  });
});

describe('a healthy domain asks no near-miss name and no other provider', () => {
  const w = useWorld();

  it('stays within 30 queries', async () => {
    w.world().log.length = 0;
    const d = await w.check('shop.test', { expect: EXPECTED });
    expect(d.causes).toEqual(['ca-review-pending']);
    expect(w.world().log.some((q) => q.name.startsWith('dnsauth.') || q.server === '127.0.0.5')).toBe(false);
    expect(w.world().log.length).toBeLessThanOrEqual(30);
  });
});

describe('nameservers of two providers', () => {
  const mixed = { origin: 'mixed.test', records: [{ name: 'mixed.test', type: 'NS' as const, value: 'ns1.alpha-dns.test' }, { name: 'mixed.test', type: 'NS' as const, value: 'ns1.beta-dns.test' }, txt('_dnsauth.mixed.test', EXPECTED)] };
  const w = useWorld({ zones: [mixed], betaZones: [mixed] });

  it('names both providers and their nameservers', async () => {
    const d = await w.check('mixed.test', { expect: EXPECTED, providers: PROVIDERS });
    const f = d.findings.find((x) => x.id === 'mixed-providers');
    expect(f?.severity).toBe('warning');
    expect(f?.message).toContain('Alpha DNS (ns1.alpha-dns.test and ns2.alpha-dns.test)');
    expect(f?.message).toContain('Beta Cloud DNS (ns1.beta-dns.test)');
  });
});
