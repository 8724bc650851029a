/** caa-blocks-ca, dnssec-failure and domain-not-found. */
import { EXPECTED, txt, zone } from '../../support/dns-world/standard';
import { evidenceText, finding, useWorld } from './helpers';

const caa = (name: string, tag: string, value: string, flags = 0) => ({ name, type: 'CAA' as const, value: { flags, tag, value } });

describe('CAA records', () => {
  const w = useWorld({
    zones: [
      zone('shop.test', [txt('_dnsauth.shop.test', EXPECTED), caa('shop.test', 'issue', 'letsencrypt.org')]),
      zone('wild.test', [txt('_dnsauth.wild.test', EXPECTED), caa('wild.test', 'issue', 'digicert.com'), caa('wild.test', 'issuewild', ';')]),
      zone('ok.test', [txt('_dnsauth.ok.test', EXPECTED), caa('ok.test', 'issue', 'digicert.com')]),
      zone('sub.test', [txt('_dnsauth.www.sub.test', EXPECTED), caa('sub.test', 'issue', 'letsencrypt.org')]),
    ],
  });

  it('blocks a CA the records do not name', async () => {
    const d = await w.check('shop.test', { expect: EXPECTED });
    expect(d.causes).toEqual(['caa-blocks-ca']);
    const f = finding(d, 'caa-blocks-ca');
    expect(f.message).toContain('issue \\"digicert.com\\"');
    expect(evidenceText(f)).toContain('CAA at shop.test: 0 issue "letsencrypt.org"');
  });

  it('uses issuewild for a wildcard certificate', async () => {
    expect((await w.check('wild.test', { expect: EXPECTED })).causes).toEqual(['ca-review-pending']);
    expect((await w.check('*.wild.test', { expect: EXPECTED })).causes).toEqual(['caa-blocks-ca']);
  });

  it('lets a named CA issue when the records allow it', async () => {
    expect((await w.check('ok.test', { expect: EXPECTED })).causes).toEqual(['ca-review-pending']);
    expect((await w.check('shop.test', { expect: EXPECTED, caId: 'letsencrypt.org' })).causes).toEqual(['ca-review-pending']);
  });

  it('climbs to the parent name for a subdomain', async () => {
    const d = await w.check('www.sub.test', { expect: EXPECTED });
    expect(d.causes).toEqual(['caa-blocks-ca']);
  });
});

describe('a broken DNSSEC chain', () => {
  const w = useWorld({
    zones: [zone('shop.test', [txt('_dnsauth.shop.test', EXPECTED)])],
    resolvers: [{ dnssecBogus: ['shop.test'] }],
  });

  it('is dnssec-failure, confirmed with the CD bit', async () => {
    const d = await w.check('shop.test', { expect: EXPECTED });
    expect(d.causes).toEqual(['dnssec-failure']);
    const f = finding(d, 'dnssec-failure');
    expect(evidenceText(f)).toContain('answered SERVFAIL for _dnsauth.shop.test; with DNSSEC checking disabled (CD bit) it answers NOERROR');
    expect(evidenceText(f)).toContain('ns1.alpha-dns.test (127.0.0.3) answers for the zone normally');
  });
});

describe('a domain that does not exist', () => {
  const w = useWorld();

  it('is domain-not-found, confirmed by the parent zone', async () => {
    const d = await w.check('nope.test');
    expect(d.causes).toEqual(['domain-not-found']);
    const f = finding(d, 'domain-not-found');
    expect(evidenceText(f)).toContain('answered NXDOMAIN (no such name) for nope.test');
    expect(evidenceText(f)).toContain('ns.nic.test (127.0.0.2), a server of the parent zone, answered NXDOMAIN: nope.test is not registered in test');
    expect(d.provider).toBeUndefined();
  });
});
