/**
 * Issue 11.3, a delegated child zone: the domain's nameservers answer `_dnsauth.<domain>` with a
 * referral (NS in the authority section, no AA bit) to another provider's servers. That is a
 * delegation, not a lame server: it is followed and the record judged by the child zone's servers.
 */
import type { Zone, ZoneRecord } from '../../support/dns-world/types';
import { EXPECTED, OLD, txt, zone } from '../../support/dns-world/standard';
import { evidenceText, finding, useWorld } from './helpers';

const delegate = (name: string): ZoneRecord => ({ name, type: 'NS', value: 'ns1.beta-dns.test', ttl: 3600 });
const child = (origin: string, records: ZoneRecord[]): Zone => ({ origin, serial: 7, records: [{ name: origin, type: 'NS', value: 'ns1.beta-dns.test', ttl: 3600 }, ...records] });

describe('a verification name delegated to a child zone', () => {
  const w = useWorld({
    zones: [zone('deleg.test', [delegate('_dnsauth.deleg.test')]), zone('delwrong.test', [delegate('_dnsauth.delwrong.test')]), zone('delempty.test', [delegate('_dnsauth.delempty.test')])],
    betaZones: [child('_dnsauth.deleg.test', [txt('_dnsauth.deleg.test', EXPECTED)]), child('_dnsauth.delwrong.test', [txt('_dnsauth.delwrong.test', OLD)]), child('_dnsauth.delempty.test', [])],
  });

  it('follows the referral and judges the record there: right in the child is not a misconfiguration', async () => {
    const d = await w.check('deleg.test', { expect: EXPECTED });
    expect(d.causes).toEqual(['ca-review-pending']);
    expect(d.findings.some((f) => f.cause === 'dns-unreachable' && f.severity !== 'info')).toBe(false);
    const f = d.findings.find((x) => x.id === 'record-in-delegated-zone');
    expect(f?.severity).toBe('info');
    expect(f?.message).toContain('_dnsauth.deleg.test is delegated to ns1.beta-dns.test; the record was read there');
    expect(evidenceText(f!)).toContain('ns1.alpha-dns.test (127.0.0.3');
    expect(w.world().log.some((q) => q.server === '127.0.0.5' && q.name === '_dnsauth.deleg.test' && !q.rd)).toBe(true);
  });

  it('a wrong value in the child zone is judged as such', async () => {
    const d = await w.check('delwrong.test', { expect: EXPECTED });
    expect(d.causes).not.toContain('ca-review-pending');
    expect(d.causes).not.toContain('dns-unreachable');
    expect(d.findings.some((f) => f.cause === 'old-record-not-deleted' || f.cause === 'record-misconfigured')).toBe(true);
  });

  it('an empty child zone is a missing record, with the child zone apex as host record', async () => {
    const d = await w.check('delempty.test', { expect: EXPECTED });
    expect(d.causes).toEqual(['record-missing']);
    expect(finding(d, 'record-missing').message).toContain('host record "@"');
  });
});

describe('a delegated child zone whose servers do not answer', () => {
  const w = useWorld({ zones: [zone('delsilent.test', [delegate('_dnsauth.delsilent.test')])], betaZones: [child('_dnsauth.delsilent.test', [txt('_dnsauth.delsilent.test', EXPECTED)])], behaviours: { beta: 'silent' } });

  it('names the delegation and its servers, never an all-clear, and does not blame the domain\'s nameservers', async () => {
    const d = await w.check('delsilent.test', { expect: EXPECTED });
    expect(d.causes).not.toContain('ca-review-pending');
    const f = d.findings.find((x) => x.id === 'delegated-zone-unreachable');
    expect(f?.severity).toBe('error');
    expect(f?.message).toContain('delsilent.test delegates _dnsauth.delsilent.test to ns1.beta-dns.test');
    expect(f?.message).toContain('127.0.0.5');
    expect(d.findings.some((x) => x.id === 'nameservers-unreachable' || x.id === 'nameserver-unreachable')).toBe(false);
  });
});

describe('a hosted zone for the verification name that the domain does not delegate to', () => {
  // Beta hosts a separate zone _dnsauth.undel.test with the record; undel.test (at Alpha) has no NS for it.
  const w = useWorld({ zones: [zone('undel.test')], betaZones: [child('_dnsauth.undel.test', [txt('_dnsauth.undel.test', EXPECTED)])] });

  it('says the record is in a zone nobody delegates to, and how to fix it', async () => {
    const d = await w.check('undel.test', { expect: EXPECTED });
    expect(d.causes).toEqual(['record-misconfigured']);
    const f = finding(d, 'record-misconfigured');
    expect(f.id).toBe('record-in-undelegated-zone');
    expect(f.message).toContain('found in a hosted zone _dnsauth.undel.test at Beta Cloud DNS that undel.test does not delegate to');
    expect(evidenceText(f)).toContain(`ns1.beta-dns.test (127.0.0.5), a nameserver of Beta Cloud DNS, answered TXT "${EXPECTED}"`);
  });
});
