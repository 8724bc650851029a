/** DNS is right: the only cause is the CA's own review (FAQ step 4), whatever form the domain is typed in. */
import { EXPECTED, txt, zone } from '../../support/dns-world/standard';
import { useWorld } from './helpers';

describe('a domain whose verification record is right everywhere', () => {
  const w = useWorld({
    zones: [
      zone('shop.test', [txt('_dnsauth.shop.test', EXPECTED), txt('_dnsauth.www.shop.test', EXPECTED)]),
      zone('xn--bcher-kva.test', [txt('_dnsauth.xn--bcher-kva.test', EXPECTED)]),
    ],
  });

  it('reports ca-review-pending only, with the hosting provider', async () => {
    const d = await w.check('shop.test', { expect: EXPECTED });
    expect(d.causes).toEqual(['ca-review-pending']);
    expect(d.domain).toBe('shop.test');
    expect(d.verificationName).toBe('_dnsauth.shop.test');
    expect(d.provider).toEqual({ id: 'alpha', name: 'Alpha DNS', nameservers: ['ns1.alpha-dns.test', 'ns2.alpha-dns.test'] });
    expect(d.findings.map((f) => f.id)).toEqual(['dns-is-right']);
    // The evidence is what each nameserver and resolver answered, with its TTL.
    const evidence = d.findings[0].evidence.map((e) => e.text);
    expect(evidence).toEqual([
      `ns1.alpha-dns.test (127.0.0.3) answered TXT "${EXPECTED}" (TTL 300 s)`,
      `ns2.alpha-dns.test (127.0.0.4) answered TXT "${EXPECTED}" (TTL 300 s)`,
      expect.stringMatching(new RegExp(`^resolver 127\\.0\\.0\\.53:\\d+ answered TXT "${EXPECTED}" \\(TTL \\d+ s\\)$`)),
    ]);
    expect(d.warnings).toEqual([]);
  });

  it('accepts a URL in any case and checks its host', async () => {
    const d = await w.check('HTTPS://Shop.Test./path?q=1');
    expect(d.domain).toBe('shop.test');
    expect(d.causes).toEqual(['ca-review-pending']);
  });

  it('checks a wildcard at its base name', async () => {
    const d = await w.check('*.shop.test', { expect: EXPECTED });
    expect(d.domain).toBe('*.shop.test');
    expect(d.verificationName).toBe('_dnsauth.shop.test');
    expect(d.causes).toEqual(['ca-review-pending']);
  });

  it('converts a Unicode name to punycode', async () => {
    const d = await w.check('bücher.test', { expect: EXPECTED });
    expect(d.domain).toBe('xn--bcher-kva.test');
    expect(d.verificationName).toBe('_dnsauth.xn--bcher-kva.test');
    expect(d.causes).toEqual(['ca-review-pending']);
  });

  it('checks a subdomain inside its parent zone', async () => {
    const d = await w.check('www.shop.test', { expect: EXPECTED });
    expect(d.verificationName).toBe('_dnsauth.www.shop.test');
    expect(d.causes).toEqual(['ca-review-pending']);
  });

  it('refuses an IP address with the domain parser message', async () => {
    await expect(w.check('192.0.2.1')).rejects.toThrow(/IP address/);
  });
});
