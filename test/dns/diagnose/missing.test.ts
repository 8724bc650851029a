/** record-missing, and nameservers-inconsistent when only some servers have it. */
import { ALPHA2, EXPECTED, txt, zone } from '../../support/dns-world/standard';
import { evidenceText, finding, useWorld } from './helpers';

describe('a missing verification record', () => {
  const w = useWorld({ zones: [zone('shop.test')] });

  it('is record-missing, with what every server answered', async () => {
    const d = await w.check('shop.test', { expect: EXPECTED });
    expect(d.causes).toEqual(['record-missing']);
    const f = finding(d, 'record-missing');
    expect(f.message).toContain('no TXT record at _dnsauth.shop.test');
    expect(evidenceText(f)).toContain('ns1.alpha-dns.test (127.0.0.3) answered NXDOMAIN: _dnsauth.shop.test does not exist');
    expect(evidenceText(f)).toContain('ns2.alpha-dns.test (127.0.0.4)');
  });

  it('checks a CNAME verification method when asked', async () => {
    const d = await w.check('shop.test', { recordType: 'CNAME' });
    expect(d.causes).toEqual(['record-missing']);
    expect(finding(d, 'record-missing').message).toContain('no CNAME record');
  });
});

describe('nameservers that disagree', () => {
  const w = useWorld({
    zones: [zone('shop.test', [txt('_dnsauth.shop.test', EXPECTED)], 2026112702), zone('serial.test', [txt('_dnsauth.serial.test', EXPECTED)], 5)],
    ns2Zones: [zone('shop.test', [], 2026112701), zone('serial.test', [txt('_dnsauth.serial.test', EXPECTED)], 4)],
  });

  it('reports which server lacks the record and the differing serials', async () => {
    const d = await w.check('shop.test', { expect: EXPECTED });
    expect(d.causes).toContain('nameservers-inconsistent');
    const f = d.findings.find((x) => x.id === 'nameservers-disagree-on-record');
    expect(f?.evidence.map((e) => e.text)).toEqual([
      expect.stringContaining(`ns1.alpha-dns.test (127.0.0.3) answered TXT "${EXPECTED}"`),
      expect.stringContaining('ns2.alpha-dns.test (127.0.0.4) answered NXDOMAIN'),
    ]);
    expect(evidenceText(d.findings.find((x) => x.id === 'soa-serials-differ')!)).toContain(`${ALPHA2}) serves zone serial 2026112701`);
  });

  it('reports differing SOA serials even when the record agrees', async () => {
    const d = await w.check('serial.test', { expect: EXPECTED });
    expect(d.causes).toEqual(['nameservers-inconsistent']);
    expect(finding(d, 'nameservers-inconsistent').id).toBe('soa-serials-differ');
  });
});
