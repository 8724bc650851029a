/** From a certificate to DNS check targets: order, record names, values, and the notices. */
import { ErrorCode } from '../../src/core/errors';
import { planCertificate, recordNameTemplate } from '../../src/certs/targets';
import type { Certificate } from '../../src/certs/types';

const cert = (over: Partial<Certificate>): Certificate => ({ id: 'scs1000000000001', status: 'CHECKING', validationMethod: 'DNS', names: [], records: [], ...over });

describe('planCertificate', () => {
  it('one target per name in the certificate\'s order, each with its own record', () => {
    const plan = planCertificate(
      cert({
        names: ['example.com', '*.example.com', 'shop.example.net'],
        records: [
          { domain: 'shop.example.net', recordName: '_dnsauth.shop.example.net', recordType: 'CNAME', recordValue: 'v-shop.ca.test' },
          { domain: 'example.com', recordName: '_dnsauth.example.com', recordType: 'TXT', recordValue: 'v-apex' },
          { domain: '*.example.com', recordName: '_dnsauth.example.com', recordType: 'TXT', recordValue: 'v-wild' },
        ],
      }),
    );
    expect(plan.notices).toEqual([]);
    expect(plan.targets).toEqual([
      { domain: 'example.com', expect: 'v-apex', recordName: '_dnsauth.{domain}', recordType: 'TXT' },
      { domain: '*.example.com', expect: 'v-wild', recordName: '_dnsauth.{domain}', recordType: 'TXT' },
      { domain: 'shop.example.net', expect: 'v-shop.ca.test', recordName: '_dnsauth.{domain}', recordType: 'CNAME' },
    ]);
  });

  it('a wildcard without its own record uses the record of its base name', () => {
    const plan = planCertificate(cert({ names: ['*.example.com'], records: [{ domain: 'example.com', recordName: '_dnsauth.example.com', recordType: 'TXT', recordValue: 'v' }] }));
    expect(plan.targets[0].expect).toBe('v');
  });

  it('a name without a record is checked without a value, and says so', () => {
    const plan = planCertificate(cert({ names: ['a.test', 'b.test'], records: [{ domain: 'a.test', recordName: '_dnsauth.a.test', recordType: 'TXT', recordValue: 'v' }] }));
    expect(plan.targets[1]).toEqual({ domain: 'b.test', recordName: '_dnsauth.{domain}', recordType: 'TXT', note: 'The certificate service gave no record for b.test; checked without an expected value.' });
  });

  it.each([
    ['EMAIL', /by an email the CA sends/],
    ['FILE', /by a file on the web server/],
  ])('%s validation: a CcmNotDns notice, no values', (method, words) => {
    const plan = planCertificate(cert({ validationMethod: method, names: ['a.test'], records: [{ domain: 'a.test', recordName: '_dnsauth.a.test', recordType: 'TXT', recordValue: 'v' }] }));
    expect(plan.notices.map((n) => n.code)).toEqual([ErrorCode.CcmNotDns]);
    expect(plan.notices[0].message).toMatch(words);
    expect(plan.targets[0].expect).toBeUndefined();
    expect(plan.targets[0].note).toMatch(/^Ownership of a\.test is proved by .*; DNS holds nothing to compare\.$/);
  });

  it('issued already: a CcmIssued notice, the record still checked', () => {
    const plan = planCertificate(cert({ status: 'ISSUED', names: ['a.test'], records: [{ domain: 'a.test', recordName: '_dnsauth.a.test', recordType: 'TXT', recordValue: 'v' }] }));
    expect(plan.notices.map((n) => n.code)).toEqual([ErrorCode.CcmIssued]);
    expect(plan.targets[0].expect).toBe('v');
  });
});

describe('recordNameTemplate', () => {
  it.each([
    ['_dnsauth.example.com', 'example.com', '_dnsauth.{domain}'],
    ['_dnsauth.example.com.', '*.example.com', '_dnsauth.{domain}'],
    ['_dnsauth', 'example.com', '_dnsauth.{domain}'],
    ['example.com', 'example.com', '{domain}'],
    ['_acme.other.test', 'example.com', '_acme.other.test'],
  ])('%s for %s is %s', (name, domain, template) => {
    expect(recordNameTemplate(name, domain)).toBe(template);
  });
});
