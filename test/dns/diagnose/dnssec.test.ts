/** dnssec-failure explained from the DS at the parent and the zone's DNSKEYs. */
import { dsDigest, keyTag, type DnskeyData, type DsData } from '../../../src/dns/analysis/dnssec-keys';
import type { ZoneRecord } from '../../support/dns-world/types';
import { EXPECTED, txt, zone } from '../../support/dns-world/standard';
import { evidenceText, finding, useWorld } from './helpers';

// Algorithm 13 (ECDSA P-256) keys: 64 bytes of public key each; the bytes only need to differ.
const key = (seed: number, flags = 257): DnskeyData => ({ flags, protocol: 3, algorithm: 13, publicKey: Buffer.alloc(64, seed).toString('base64') });
const NEW_KSK = key(1);
const NEW_ZSK = key(2, 256);
const OLD_KSK = key(3);
const ds = (owner: string, k: DnskeyData): DsData => ({ keyTag: keyTag(k), algorithm: 13, digestType: 2, digest: dsDigest(owner, k, 2) as string });
const dsRecord = (owner: string, value: DsData): ZoneRecord => ({ name: owner, type: 'DS', value, ttl: 3600 });
const keys = (owner: string, ...list: DnskeyData[]): ZoneRecord[] => list.map((value) => ({ name: owner, type: 'DNSKEY', value, ttl: 3600 }));
const signedZone = (origin: string, ...list: DnskeyData[]) => zone(origin, [txt(`_dnsauth.${origin}`, EXPECTED), ...keys(origin, ...list)]);

const wrongDigest = { ...ds('mismatch.test', NEW_KSK), digest: ds('other.test', NEW_KSK).digest };

describe('a broken DNSSEC chain, explained', () => {
  const w = useWorld({
    zones: [signedZone('stale.test', NEW_KSK, NEW_ZSK), signedZone('mismatch.test', NEW_KSK, NEW_ZSK), signedZone('unsigned.test'), signedZone('good.test', NEW_KSK, NEW_ZSK), zone('plain.test', [txt('_dnsauth.plain.test', EXPECTED)])],
    rootRecords: [
      dsRecord('stale.test', ds('stale.test', OLD_KSK)),
      dsRecord('mismatch.test', wrongDigest),
      dsRecord('unsigned.test', ds('unsigned.test', OLD_KSK)),
      dsRecord('good.test', ds('good.test', NEW_KSK)),
    ],
    resolvers: [{ dnssecBogus: ['stale.test', 'mismatch.test', 'unsigned.test', 'good.test'] }],
  });

  it('names a stale DS whose key tag is none of the zone keys', async () => {
    const d = await w.check('stale.test', { expect: EXPECTED });
    expect(d.causes).toEqual(['dnssec-failure']);
    const f = finding(d, 'dnssec-failure');
    expect(f.message).toContain(`The parent zone publishes DS key tag ${keyTag(OLD_KSK)} (algorithm 13, SHA-256) for stale.test, but the zone's DNSKEYs are ${keyTag(NEW_KSK)} and ${keyTag(NEW_ZSK)}: the DS is stale`);
    expect(f.message).toContain('Remove or replace the DS at the registrar');
    expect(f.message).not.toContain('do not all serve the same DNSKEYs');
    const evidence = evidenceText(f);
    expect(evidence).toContain(`ns.nic.test (127.0.0.2), a server of the parent zone test, answered DS key tag ${keyTag(OLD_KSK)} (algorithm 13, SHA-256) digest ${ds('stale.test', OLD_KSK).digest}`);
    expect(evidence).toContain(`ns1.alpha-dns.test (127.0.0.3) answered DNSKEY ${keyTag(NEW_KSK)} (KSK, algorithm 13), DNSKEY ${keyTag(NEW_ZSK)} (ZSK, algorithm 13)`);
    // These zones carry no signatures at all: said so, beside the DS verdict.
    expect(evidence).toContain('ns1.alpha-dns.test (127.0.0.3) and ns2.alpha-dns.test (127.0.0.4): no RRSIG over _dnsauth.stale.test');
    expect(w.world().log.some((q) => q.server === '127.0.0.2' && q.type === 'DS' && q.name === 'stale.test' && !q.rd)).toBe(true);
  });

  it('finds a DS whose key tag matches but whose digest does not', async () => {
    const f = finding(await w.check('mismatch.test', { expect: EXPECTED }), 'dnssec-failure');
    expect(f.message).toContain(`names the zone's DNSKEY ${keyTag(NEW_KSK)}, but its digest ${wrongDigest.digest} is not that key's (${ds('mismatch.test', NEW_KSK).digest})`);
  });

  it('says the zone is not signed when the parent has a DS and the zone no DNSKEY', async () => {
    const d = await w.check('unsigned.test', { expect: EXPECTED });
    const f = finding(d, 'dnssec-failure');
    expect(f.message).toContain("but the zone's nameservers serve no DNSKEY at all: the zone is not signed at its current DNS provider");
    expect(evidenceText(f)).toContain('ns2.alpha-dns.test (127.0.0.4) answered no DNSKEY record for unsigned.test');
  });

  it('says the DS is fine when it matches a zone key', async () => {
    const f = finding(await w.check('good.test', { expect: EXPECTED }), 'dnssec-failure');
    expect(f.message).toContain(`matches the zone's DNSKEY ${keyTag(NEW_KSK)}: the DS is fine.`);
    // The break is then in the signatures, which these hand-made zones lack.
    expect(f.message).toContain('The DNSKEY set of good.test has no signature (RRSIG), though the parent\'s DS says the zone is signed.');
    expect(f.message).toContain('_dnsauth.good.test has no signature (RRSIG), though the zone is signed.');
  });

  it('an unsigned zone without DS gives no DNSSEC finding; its DS and DNSKEY are asked in the same round trip as the record', async () => {
    const before = w.world().log.length;
    const d = await w.check('plain.test', { expect: EXPECTED });
    expect(d.causes).toEqual(['ca-review-pending']);
    expect(d.findings.some((f) => f.cause === 'dnssec-failure')).toBe(false);
    const asked = w.world().log.slice(before);
    expect(asked.filter((q) => q.type === 'DS').map((q) => q.server)).toEqual(['127.0.0.2']);
    expect(asked.filter((q) => q.type === 'DNSKEY').map((q) => q.server).sort()).toEqual(['127.0.0.3', '127.0.0.4']);
  });
});

describe('nameservers that serve different DNSKEYs', () => {
  const w = useWorld({
    zones: [signedZone('split.test', NEW_KSK, NEW_ZSK)],
    ns2Zones: [signedZone('split.test')],
    rootRecords: [dsRecord('split.test', ds('split.test', NEW_KSK))],
    resolvers: [{ dnssecBogus: ['split.test'] }],
  });

  it('says so beside the DS verdict', async () => {
    const f = finding(await w.check('split.test', { expect: EXPECTED }), 'dnssec-failure');
    expect(f.message).toContain('the DS is fine');
    expect(f.message).toContain("The zone's nameservers do not all serve the same DNSKEYs");
    expect(evidenceText(f)).toContain('ns2.alpha-dns.test (127.0.0.4) answered no DNSKEY record for split.test');
  });
});
