/** verdict(): a name's diagnosis in one line; could-not-check is never "right". */
import { verdict } from '../../src/certs/sweep';
import type { Diagnosis } from '../../src/dns/types';

const target = { domain: 'shop.test', expect: '20261125093000k7q2m9x4w8p3', recordName: '_dnsauth.{domain}', recordType: 'TXT' as const };
const diagnosis = (causes: string[], findings: Diagnosis['findings']): Diagnosis => ({ domain: 'shop.test', verificationName: '_dnsauth.shop.test', recordType: 'TXT', causes, findings, warnings: [], durationMs: 1 });

describe('verdict', () => {
  it('is "unchecked" for could-not-check, with the finding\'s message', () => {
    const d = diagnosis(['could-not-check'], [{ id: 'not-confirmed', cause: 'could-not-check', severity: 'error', message: 'Could not confirm it.', evidence: [] }]);
    expect(verdict({ target, diagnosis: d })).toEqual({ state: 'unchecked', causes: [], reason: 'Could not confirm it.' });
  });

  it('is "right" only for ca-review-pending with an expected value', () => {
    const d = diagnosis(['ca-review-pending'], [{ id: 'dns-is-right', cause: 'ca-review-pending', severity: 'info', message: 'DNS is right.', evidence: [] }]);
    expect(verdict({ target, diagnosis: d }).state).toBe('right');
    expect(verdict({ target: { ...target, expect: undefined }, diagnosis: d }).state).toBe('unchecked');
  });

  it('is "stuck" for a cause', () => {
    const d = diagnosis(['record-missing'], [{ id: 'no-record', cause: 'record-missing', severity: 'error', message: 'No record.', evidence: [] }]);
    expect(verdict({ target, diagnosis: d })).toEqual({ state: 'stuck', causes: ['record-missing'], reason: 'No record.' });
  });
});
