/**
 * Signatures checked by us, on zones the test world signs itself (keys made with node:crypto at test
 * time): the record's RRSIGs, the DNSKEY set against the parent's DS, and the NSEC/NSEC3 proof when the
 * record is absent; each fault named in one sentence, with the RRSIG fields as evidence.
 */
import { keyTag } from '../../../src/dns/analysis/dnssec-keys';
import type { Diagnosis } from '../../../src/dns/types';
import { signZone, dsRecordFor, type SigningOptions } from '../../support/dns-world/signing';
import { EXPECTED, NOW, txt, zone } from '../../support/dns-world/standard';
import type { Zone, ZoneRecord } from '../../support/dns-world/types';
import { nsec3Hash } from '../../../src/dns/analysis/dnssec-denial';
import type { Nsec3Data } from '../../../src/dns/transport/rdata';
import { evidenceText, finding, useWorld } from './helpers';

const sign = (origin: string, options: Partial<SigningOptions> = {}, withRecord = true) =>
  signZone(zone(origin, withRecord ? [txt(`_dnsauth.${origin}`, EXPECTED)] : []), { now: NOW, ...options });

const fault = (origin: string, type: 'TXT' | 'DNSKEY' | 'SOA', kind: NonNullable<SigningOptions['faults']>[number]['fault'], name = type === 'TXT' ? `_dnsauth.${origin}` : origin) => ({
  faults: [{ name, type, fault: kind }],
});

const ok = sign('ok.test');
const rsa = sign('rsa.test', { algorithm: 8 });
const ed = sign('ed.test', { algorithm: 15, nsec3: { salt: 'aabbccdd', iterations: 5 } });
const p384 = sign('p384.test', { algorithm: 14 });
const expired = sign('expired.test', fault('expired.test', 'TXT', 'expired'));
const early = sign('early.test', fault('early.test', 'TXT', 'not-yet-valid'));
const stranger = sign('stranger.test', fault('stranger.test', 'TXT', 'unknown-key'));
const corrupt = sign('corrupt.test', fault('corrupt.test', 'TXT', 'corrupt'));
const unsigned = sign('unsigned.test', fault('unsigned.test', 'TXT', 'unsigned'));
const keysExpired = sign('keys.test', fault('keys.test', 'DNSKEY', 'expired'));
const missingNsec = sign('gone.test', {}, false);
const missingNsec3 = sign('gone3.test', { nsec3: { salt: '', iterations: 0 } }, false);
const badNsec = sign('badnsec.test', { faults: [{ name: 'badnsec.test', type: 'NSEC' as never, fault: 'corrupt' }] }, false);
const holeNsec3 = ((): ReturnType<typeof sign> => {
  // The NSEC3 chain with the record covering the hash of _dnsauth.hole.test taken out: a denial that proves nothing.
  const names = ['www', 'mail', 'api'].map((l): ZoneRecord => ({ name: `${l}.hole.test`, type: 'A', value: '127.0.0.80' }));
  const s = signZone(zone('hole.test', names), { now: NOW, nsec3: { salt: '01', iterations: 1 } });
  const h = nsec3Hash('_dnsauth.hole.test', '01', 1);
  const covers = (r: ZoneRecord) => {
    const owner = r.name.split('.')[0];
    const next = (r.value as Nsec3Data).nextHashed;
    return owner < next ? owner < h && h < next : owner < h || h < next;
  };
  return { ...s, zone: { ...s.zone, records: s.zone.records.filter((r) => r.type !== 'NSEC3' || !covers(r)) } };
})();
const island = sign('island.test', fault('island.test', 'TXT', 'expired'));
const bogusToo = sign('bogus.test', fault('bogus.test', 'TXT', 'expired'));

const zones: Zone[] = [ok, rsa, ed, p384, expired, early, stranger, corrupt, unsigned, keysExpired, missingNsec, missingNsec3, badNsec, holeNsec3, island, bogusToo].map((s) => s.zone);
const withDs = [ok, rsa, ed, p384, expired, early, stranger, corrupt, unsigned, keysExpired, missingNsec, missingNsec3, badNsec, holeNsec3, bogusToo];

describe('signatures checked by us', () => {
  const w = useWorld({ zones, rootRecords: withDs.map(dsRecordFor), resolvers: [{ dnssecBogus: ['bogus.test'] }] });
  const dnssecFinding = (d: Diagnosis) => finding(d, 'dnssec-failure');

  it.each([
    ['ok.test', 'ECDSAP256SHA256', 13],
    ['rsa.test', 'RSASHA256', 8],
    ['ed.test', 'ED25519', 15],
    ['p384.test', 'ECDSAP384SHA384', 14],
  ])('%s: every signature verifies (%s): DNS is right, and the evidence says DNSSEC holds', async (domain, mnemonic, algorithm) => {
    const d = await w.check(domain, { expect: EXPECTED });
    expect(d.causes).toEqual(['ca-review-pending']);
    const f = d.findings.find((x) => x.id === 'dnssec-verified');
    expect(f?.severity).toBe('info');
    expect(f?.message).toContain(`the signatures on the DNSKEY set of ${domain} and _dnsauth.${domain} verify (valid until 2026-12-27)`);
    expect(evidenceText(f as never)).toContain(`RRSIG TXT algorithm ${algorithm} (${mnemonic}), key tag ${keyTag(ok.zsk.algorithm === algorithm ? ok.zsk : algorithm === 8 ? rsa.zsk : algorithm === 15 ? ed.zsk : p384.zsk)}, signer ${domain}, labels 3`);
    expect(w.world().log.some((q) => q.type === 'DNSKEY' && q.name === domain && !q.rd)).toBe(true);
  });

  it('names expired signatures with their date, though the resolver asked here does not validate', async () => {
    const d = await w.check('expired.test', { expect: EXPECTED });
    expect(d.causes).toEqual(['dnssec-failure']);
    const f = dnssecFinding(d);
    expect(f.id).toBe('dnssec-signatures-invalid');
    expect(f.message).toContain('The signatures on _dnsauth.expired.test expired on 2025-03-01.');
    expect(f.message).toContain("The DNS provider's signer has stopped re-signing the zone");
    expect(evidenceText(f)).toContain(
      `ns1.alpha-dns.test (127.0.0.3) and ns2.alpha-dns.test (127.0.0.4): RRSIG TXT algorithm 13 (ECDSAP256SHA256), key tag ${keyTag(expired.zsk)}, signer expired.test, labels 3, valid 2025-02-01 00:00 UTC to 2025-03-01 00:00 UTC over _dnsauth.expired.test: expired on 2025-03-01`,
    );
  });

  it('says when signatures are not valid yet', async () => {
    expect(dnssecFinding(await w.check('early.test', { expect: EXPECTED })).message).toContain('The signatures on _dnsauth.early.test are not valid before 2026-12-04.');
  });

  it('names a key tag the zone does not publish', async () => {
    const f = dnssecFinding(await w.check('stranger.test', { expect: EXPECTED }));
    const tags = [stranger.ksk, stranger.zsk].map((k) => `${keyTag(k)} (algorithm 13)`);
    expect(f.message).toMatch(new RegExp(`_dnsauth\\.stranger\\.test is signed by key tag \\d+, which the zone does not publish \\(its DNSKEYs: ${tags[0].replace(/[()]/g, '\\$&')} and ${tags[1].replace(/[()]/g, '\\$&')}\\)`));
    expect(f.message).toContain('A key rollover went wrong');
  });

  it('says a corrupted signature does not verify', async () => {
    expect(dnssecFinding(await w.check('corrupt.test', { expect: EXPECTED })).message).toContain(`The signature on _dnsauth.corrupt.test (key tag ${keyTag(corrupt.zsk)}) does not verify.`);
  });

  it('says a record in a signed zone has no signature', async () => {
    const f = dnssecFinding(await w.check('unsigned.test', { expect: EXPECTED }));
    expect(f.message).toContain('_dnsauth.unsigned.test has no signature (RRSIG), though the zone is signed.');
  });

  it('checks the DNSKEY set against the key the DS names', async () => {
    const f = dnssecFinding(await w.check('keys.test', { expect: EXPECTED }));
    expect(f.message).toContain('The signatures on the DNSKEY set of keys.test expired on 2025-03-01.');
    expect(evidenceText(f)).toContain(`RRSIG DNSKEY algorithm 13 (ECDSAP256SHA256), key tag ${keyTag(keysExpired.ksk)}, signer keys.test`);
  });

  it('a missing record with a valid NSEC proof is record-missing, not a DNSSEC failure', async () => {
    const d = await w.check('gone.test', { expect: EXPECTED });
    expect(d.causes).not.toContain('dnssec-failure');
    expect(d.causes).not.toContain('ca-review-pending');
    const f = d.findings.find((x) => x.id === 'dnssec-verified');
    expect(f?.message).toContain('the denial of _dnsauth.gone.test');
    expect(evidenceText(f as never)).toContain('NSEC gone.test -> gone.test (A NS SOA RRSIG NSEC DNSKEY) covers _dnsauth.gone.test and the wildcard *.gone.test');
  });

  it('proves an NSEC3 denial: hash of the closest encloser, next closer name and wildcard', async () => {
    const d = await w.check('gone3.test', { expect: EXPECTED });
    expect(d.causes).not.toContain('dnssec-failure');
    const text = evidenceText(d.findings.find((x) => x.id === 'dnssec-verified') as never);
    expect(text).toContain('matches the closest encloser gone3.test');
    expect(text).toContain('covers the next closer name _dnsauth.gone3.test');
    expect(text).toContain('covers the wildcard *.gone3.test');
    expect(text).toContain('SHA-1, 0 iterations, salt -');
  });

  it('a corrupted NSEC signature breaks the denial', async () => {
    const f = dnssecFinding(await w.check('badnsec.test', { expect: EXPECTED }));
    expect(f.message).toContain(`The signature on the NSEC record proving _dnsauth.badnsec.test does not exist (key tag ${keyTag(badNsec.zsk)}) does not verify.`);
  });

  it('an NSEC3 chain with a hole does not prove the record absent', async () => {
    const f = dnssecFinding(await w.check('hole.test', { expect: EXPECTED }));
    expect(f.message).toContain(`The proof that _dnsauth.hole.test does not exist (NXDOMAIN) does not hold: no NSEC3 record covers the next closer name _dnsauth.hole.test (hash ${nsec3Hash('_dnsauth.hole.test', '01', 1).slice(0, 8)}…).`);
  });

  it('ignores broken signatures in a zone whose parent has no DS (validators treat it as unsigned)', async () => {
    const d = await w.check('island.test', { expect: EXPECTED });
    expect(d.causes).toEqual(['ca-review-pending']);
  });

  it('explains a resolver SERVFAIL with the signature that fails', async () => {
    const f = dnssecFinding(await w.check('bogus.test', { expect: EXPECTED }));
    expect(f.id).toBe('dnssec-validation-fails');
    expect(f.message).toContain(`The parent's DS key tag ${keyTag(bogusToo.ksk)} (algorithm 13, SHA-256) matches the zone's DNSKEY ${keyTag(bogusToo.ksk)}: the DS is fine. The signatures on _dnsauth.bogus.test expired on 2025-03-01.`);
    expect(evidenceText(f)).toContain('with DNSSEC checking disabled (CD bit) it answers NOERROR');
  });
});
