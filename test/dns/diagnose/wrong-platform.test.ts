/** wrong-platform: the record sits at a provider that does not host the domain. */
import { EXPECTED, zone, txt } from '../../support/dns-world/standard';
import { evidenceText, finding, useWorld } from './helpers';

describe('a record added at another DNS provider', () => {
  const w = useWorld({
    zones: [zone('shop.test'), zone('blog.test')],
    // Beta Cloud DNS also has a zone for shop.test, with the record, but nobody delegates to it.
    betaZones: [zone('shop.test', [txt('_dnsauth.shop.test', EXPECTED)])],
  });

  it('proves it by finding the record on that provider while the domain is delegated elsewhere', async () => {
    const d = await w.check('shop.test', { expect: EXPECTED });
    expect(d.causes).toEqual(['wrong-platform']);
    expect(d.recordPlatform).toEqual({ id: 'beta', name: 'Beta Cloud DNS' });
    expect(d.provider?.id).toBe('alpha');
    const f = finding(d, 'wrong-platform');
    expect(f.message).toContain('found at Beta Cloud DNS while the domain is delegated to Alpha DNS');
    expect(evidenceText(f)).toContain(`ns1.beta-dns.test (127.0.0.5), a nameserver of Beta Cloud DNS, answered TXT "${EXPECTED}"`);
  });

  it('finds the proof without being told the platform, and also when told it', async () => {
    const d = await w.check('shop.test', { platform: 'beta' });
    expect(d.causes).toEqual(['wrong-platform']);
    expect(d.recordPlatform?.id).toBe('beta');
  });

  it('names both platforms when the user says where they added it, even without proof', async () => {
    const d = await w.check('blog.test', { platform: 'Beta Cloud DNS' });
    expect(d.causes).toEqual(['wrong-platform']);
    expect(d.recordPlatform).toBeUndefined();
    expect(finding(d, 'wrong-platform').message).toMatch(/added the record at Beta Cloud DNS, but the domain is hosted by Alpha DNS/);
  });

  it('is record-missing when the user names the platform that does host the domain', async () => {
    const d = await w.check('blog.test', { platform: 'alpha' });
    expect(d.causes).toEqual(['record-missing']);
  });

  it('refuses an unknown platform as a usage error', async () => {
    await expect(w.check('blog.test', { platform: 'nosuchdns' })).rejects.toThrow(/Unknown DNS platform "nosuchdns"/);
  });
});

describe('a zone that lists other nameservers than its delegation', () => {
  const w = useWorld({
    // The parent delegates to Alpha, but the zone (on Alpha) names Beta's server as its nameserver,
    // as after a half-done move: the record is added at Beta, which nobody is delegated to.
    zones: [{ origin: 'moved.test', serial: 1, records: [{ name: 'moved.test', type: 'NS', value: 'ns1.beta-dns.test' }] }],
    betaZones: [{ origin: 'moved.test', serial: 2, records: [{ name: 'moved.test', type: 'NS', value: 'ns1.beta-dns.test' }, txt('_dnsauth.moved.test', EXPECTED)] }],
  });

  it('warns that the delegation and the zone disagree, and asks the delegated servers', async () => {
    const d = await w.check('moved.test', { expect: EXPECTED });
    expect(d.warnings).toContainEqual(expect.stringContaining('delegates moved.test to ns1.alpha-dns.test and ns2.alpha-dns.test, but the zone itself lists ns1.beta-dns.test'));
    expect(d.provider?.id).toBe('alpha');
  });
});
