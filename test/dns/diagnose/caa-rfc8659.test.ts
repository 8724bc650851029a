/**
 * CAA as RFC 8659 has CAs read it, on the test world's real servers: the relevant set at each level of
 * the climb (up to the TLD), an alias taking its target's set without climbing the target's parents,
 * issuewild for wildcard names, unknown critical tags, RFC 8657 parameters, and failed lookups.
 */
import type { ZoneRecord } from '../../support/dns-world/types';
import { dsRecordFor, signZone } from '../../support/dns-world/signing';
import { EXPECTED, NOW, txt, zone } from '../../support/dns-world/standard';
import { evidenceText, finding, useWorld } from './helpers';

const caa = (name: string, tag: string, value: string, flags = 0): ZoneRecord => ({ name, type: 'CAA', value: { flags, tag, value } });
const cname = (name: string, target: string): ZoneRecord => ({ name, type: 'CNAME', value: target });
const a = (name: string): ZoneRecord => ({ name, type: 'A', value: '127.0.0.80' });
const verified = (name: string) => txt(`_dnsauth.${name}`, EXPECTED);

describe('CAA per RFC 8659', () => {
  const failSigned = signZone(zone('failsig.test', [verified('failsig.test')]), { now: NOW });
  const w = useWorld({
    zones: [
      zone('alias.test', [verified('www.alias.test'), cname('www.alias.test', 'edge.cdn.test'), verified('www2.alias.test'), cname('www2.alias.test', 'edge2.cdn.test')]),
      zone('cdn.test', [caa('cdn.test', 'issue', 'letsencrypt.org'), a('edge.cdn.test'), caa('edge.cdn.test', 'issue', 'letsencrypt.org'), a('edge2.cdn.test')]),
      zone('crit.test', [verified('crit.test'), caa('crit.test', 'issue', 'digicert.com'), caa('crit.test', 'tbs', 'unknown', 128)]),
      zone('critok.test', [verified('critok.test'), caa('critok.test', 'issue', 'digicert.com', 128), caa('critok.test', 'tbs', 'unknown')]),
      zone('wild2.test', [verified('wild2.test'), caa('wild2.test', 'issue', ';'), caa('wild2.test', 'issuewild', 'digicert.com')]),
      zone('vm.test', [verified('vm.test'), caa('vm.test', 'issue', 'digicert.com; validationmethods=http-01')]),
      zone('fail.test', [verified('fail.test')]),
      failSigned.zone,
    ],
    rootRecords: [dsRecordFor(failSigned)],
    resolvers: [{ failing: [{ name: 'fail.test', type: 'CAA' }, { name: 'failsig.test', type: 'CAA' }] }],
  });

  it('an alias takes the CAA set of its CNAME target', async () => {
    const d = await w.check('www.alias.test', { expect: EXPECTED });
    expect(d.causes).toEqual(['caa-blocks-ca']);
    const f = finding(d, 'caa-blocks-ca');
    expect(f.message).toContain('CAA at www.alias.test (an alias of edge.cdn.test, whose CAA records apply) allows only letsencrypt.org');
    expect(f.message).toContain('The CAA records come from edge.cdn.test, the target of the CNAME at www.alias.test: ask its operator to add a CAA record "0 issue \\"digicert.com\\""');
    expect(evidenceText(f)).toContain('CAA at edge.cdn.test (the CNAME target of www.alias.test): 0 issue "letsencrypt.org"');
  });

  it("climbs from the alias's own parent, not the target's (cdn.test's records do not apply)", async () => {
    const d = await w.check('www2.alias.test', { expect: EXPECTED });
    expect(d.causes).toEqual(['ca-review-pending']);
    // Every level up to the TLD was asked.
    const asked = w.world().log.filter((q) => q.type === 'CAA').map((q) => q.name);
    expect(asked).toEqual(expect.arrayContaining(['www2.alias.test', 'alias.test', 'test']));
  });

  it('an unknown tag marked critical blocks every CA; the flag on a known tag does not', async () => {
    const f = finding(await w.check('crit.test', { expect: EXPECTED }), 'caa-blocks-ca');
    expect(f.message).toContain('has the tag "tbs" marked critical (flag 128), which CAs do not understand, so none may issue; remove it or clear the flag: crit.test. CAA 0 tbs "unknown"');
    expect((await w.check('critok.test', { expect: EXPECTED })).causes).toEqual(['ca-review-pending']);
  });

  it('issuewild decides for the wildcard name, issue for the plain one', async () => {
    expect((await w.check('*.wild2.test', { expect: EXPECTED })).causes).toEqual(['ca-review-pending']);
    const f = finding(await w.check('wild2.test', { expect: EXPECTED }), 'caa-blocks-ca');
    expect(f.message).toContain('CAA at wild2.test forbids every CA (issue ";")');
  });

  it('RFC 8657 validationmethods without dns-01 blocks a check by DNS record', async () => {
    const f = finding(await w.check('vm.test', { expect: EXPECTED }), 'caa-blocks-ca');
    expect(f.message).toContain('only with validationmethods=http-01 (RFC 8657)');
  });

  it('a failed CAA lookup is a warning in an unsigned zone', async () => {
    const d = await w.check('fail.test', { expect: EXPECTED });
    expect(d.causes).toEqual(['ca-review-pending']);
    const f = d.findings.find((x) => x.id === 'caa-lookup-failed');
    expect(f?.severity).toBe('warning');
    expect(f?.message).toContain('The CAA records of fail.test could not be read (answered SERVFAIL)');
    expect(d.warnings.join('\n')).toContain('A CA may retry and then issue');
  });

  it('and blocks issuance in a DNSSEC-signed zone (Baseline Requirements 3.2.2.8)', async () => {
    const d = await w.check('failsig.test', { expect: EXPECTED });
    expect(d.causes).toEqual(['caa-blocks-ca']);
    expect(finding(d, 'caa-blocks-ca').message).toContain('The zone is DNSSEC-signed, so the CA must not issue until the CAA lookup works');
  });
});

describe('CAA above the customer\'s domain', () => {
  const w = useWorld({ rootRecords: [caa('test', 'issue', 'letsencrypt.org')] });

  it('a set at the TLD applies, and the fix goes at the domain, which takes precedence', async () => {
    const d = await w.check('shop.test', { expect: EXPECTED });
    expect(d.causes).toEqual(['caa-blocks-ca']);
    const f = finding(d, 'caa-blocks-ca');
    expect(f.message).toContain('CAA at test allows only letsencrypt.org');
    expect(f.message).toContain('and test is above shop.test, outside the customer\'s zone: add a CAA record "0 issue \\"digicert.com\\"" at shop.test, which takes precedence over the records at test.');
  });
});
