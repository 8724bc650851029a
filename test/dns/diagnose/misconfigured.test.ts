/** record-misconfigured: wrong host record, wrong type, or a value that differs from the one asked for. */
import { EXPECTED, txt, zone } from '../../support/dns-world/standard';
import { evidenceText, finding, useWorld } from './helpers';

describe('a misconfigured verification record', () => {
  const w = useWorld({
    zones: [
      zone('dup.test', [txt('_dnsauth.dup.test.dup.test', EXPECTED)]),
      zone('nounder.test', [txt('dnsauth.nounder.test', EXPECTED)]),
      zone('apex.test', [txt('apex.test', 'v=spf1 -all'), txt('apex.test', EXPECTED)]),
      zone('cname.test', [{ name: '_dnsauth.cname.test', type: 'CNAME', value: 'verify.elsewhere.test' }]),
      zone('quoted.test', [txt('_dnsauth.quoted.test', `"${EXPECTED}"`)]),
      zone('typo.test', [txt('_dnsauth.typo.test', EXPECTED.replace('k7q2', 'k7g2'))]),
      zone('space.test', [txt('_dnsauth.space.test', ` ${EXPECTED}`)]),
      zone('cnamemethod.test', [txt('_dnsauth.cnamemethod.test', EXPECTED)]),
    ],
  });

  it.each([
    ['dup.test', '_dnsauth.dup.test.dup.test', 'typed twice'],
    ['nounder.test', 'dnsauth.nounder.test', 'underscore'],
    ['apex.test', 'apex.test', 'at the domain itself'],
  ])('finds the record of %s at %s', async (domain, at, why) => {
    const d = await w.check(domain, { expect: EXPECTED });
    expect(d.causes).toEqual(['record-misconfigured']);
    const f = finding(d, 'record-misconfigured');
    expect(f.id).toBe('record-at-wrong-name');
    expect(f.message).toContain(`at ${at} (`);
    expect(f.message).toContain(why);
    expect(f.message).toContain('host record to "_dnsauth"');
    expect(evidenceText(f)).toContain(EXPECTED);
  });

  it('finds the duplicated name without the expected value, from the date stamp', async () => {
    const d = await w.check('dup.test');
    expect(d.causes).toEqual(['record-misconfigured']);
  });

  it('finds a CNAME where a TXT is expected', async () => {
    const d = await w.check('cname.test', { expect: EXPECTED });
    expect(d.causes).toEqual(['record-misconfigured']);
    expect(finding(d, 'record-misconfigured').message).toContain('is a CNAME (to verify.elsewhere.test)');
  });

  it('finds a TXT where the CNAME method expects a CNAME', async () => {
    const d = await w.check('cnamemethod.test', { recordType: 'CNAME', expect: 'dcv.ca.test' });
    expect(d.causes).toEqual(['record-misconfigured']);
    expect(finding(d, 'record-misconfigured').id).toBe('txt-instead-of-cname');
  });

  it.each([
    ['quoted.test', /quot/i],
    ['typo.test', /typo|differ/i],
    ['space.test', /space/i],
  ])('says how the value of %s differs', async (domain, how) => {
    const d = await w.check(domain, { expect: EXPECTED });
    expect(d.causes).toEqual(['record-misconfigured']);
    const f = finding(d, 'record-misconfigured');
    expect(f.id).toBe('value-differs');
    expect(f.message).toMatch(how);
  });

  it('spots stray quotes even without the expected value', async () => {
    const d = await w.check('quoted.test');
    expect(d.causes).toEqual(['record-misconfigured']);
  });
});
