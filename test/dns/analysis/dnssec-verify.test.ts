/**
 * RRSIG verification against the RFCs' own examples: RFC 5702 s6.1 (RSASHA256), RFC 6605 s6.1/s6.2
 * (ECDSA P-256/P-384; randomised signatures, so verified rather than compared) and RFC 8080 s6
 * (Ed25519, Ed448; the signatures as corrected by erratum 4935). Then each way a signature fails.
 */
import { generateKeyPairSync, sign } from 'node:crypto';
import { keyTag } from '../../../src/dns/analysis/dnssec-keys';
import { canonicalRdata, checkRrset, signatureTime, signedData, verifySignature, worstFailure, type SignedRecord } from '../../../src/dns/analysis/dnssec-verify';
import { nameToWire, type DnskeyData, type RrsigData } from '../../../src/dns/transport/rdata';

/** "20100909100439" -> seconds since 1970, as RRSIG presentation format writes times. */
const t = (s: string): number => Date.UTC(+s.slice(0, 4), +s.slice(4, 6) - 1, +s.slice(6, 8), +s.slice(8, 10), +s.slice(10, 12), +s.slice(12, 14)) / 1000;
const dnskey = (flags: number, algorithm: number, publicKey: string): DnskeyData => ({ flags, protocol: 3, algorithm, publicKey });
const a = (address: string): SignedRecord => ({ type: 'A', rdata: Buffer.from(address.split('.').map(Number)) });
const mx = (preference: number, exchange: string): SignedRecord => ({ type: 'MX', rdata: Buffer.concat([Buffer.from([preference >> 8, preference & 0xff]), nameToWire(exchange)]) });

interface Vector {
  name: string;
  key: DnskeyData;
  tag: number;
  owner: string;
  records: SignedRecord[];
  sig: RrsigData;
}

const rrsig = (type: number, algorithm: number, labels: number, ttl: number, expiration: number, inception: number, tag: number, signer: string, signature: string): RrsigData => ({
  typeCovered: type,
  algorithm,
  labels,
  originalTtl: ttl,
  expiration,
  inception,
  keyTag: tag,
  signerName: signer,
  signature,
});

const VECTORS: Vector[] = [
  {
    name: 'RFC 5702 s6.1 RSASHA256',
    key: dnskey(256, 8, 'AwEAAcFcGsaxxdgiuuGmCkVImy4h99CqT7jwY3pexPGcnUFtR2Fh36BponcwtkZ4cAgtvd4Qs8PkxUdp6p/DlUmObdk='),
    tag: 9033,
    owner: 'www.example.net',
    records: [a('192.0.2.91')],
    sig: rrsig(1, 8, 3, 3600, t('20300101000000'), t('20000101000000'), 9033, 'example.net', 'kRCOH6u7l0QGy9qpC9l1sLncJcOKFLJ7GhiUOibu4teYp5VE9RncriShZNz85mwlMgNEacFYK/lPtPiVYP4bwg=='),
  },
  {
    name: 'RFC 6605 s6.1 ECDSAP256SHA256',
    key: dnskey(257, 13, 'GojIhhXUN/u4v54ZQqGSnyhWJwaubCvTmeexv7bR6edbkrSqQpF64cYbcB7wNcP+e+MAnLr+Wi9xMWyQLc8NAA=='),
    tag: 55648,
    owner: 'www.example.net',
    records: [a('192.0.2.1')],
    sig: rrsig(1, 13, 3, 3600, t('20100909100439'), t('20100812100439'), 55648, 'example.net', 'qx6wLYqmh+l9oCKTN6qIc+bw6ya+KJ8oMz0YP107epXAyGmt+3SNruPFKG7tZoLBLlUzGGus7ZwmwWep666VCw=='),
  },
  {
    name: 'RFC 6605 s6.2 ECDSAP384SHA384',
    key: dnskey(257, 14, 'xKYaNhWdGOfJ+nPrL8/arkwf2EY3MDJ+SErKivBVSum1w/egsXvSADtNJhyem5RCOpgQ6K8X1DRSEkrbYQ+OB+v8/uX45NBwY8rp65F6Glur8I/mlVNgF6W/qTI37m40'),
    tag: 10771,
    owner: 'www.example.net',
    records: [a('192.0.2.1')],
    sig: rrsig(1, 14, 3, 3600, t('20100909102025'), t('20100812102025'), 10771, 'example.net', '/L5hDKIvGDyI1fcARX3z65qrmPsVz73QD1Mr5CEqOiLP95hxQouuroGCeZOvzFaxsT8Glr74hbavRKayJNuydCuzWTSSPdz7wnqXL5bdcJzusdnI0RSMROxxwGipWcJm'),
  },
  {
    name: 'RFC 8080 s6.1 ED25519',
    key: dnskey(257, 15, 'l02Woi0iS8Aa25FQkUd9RMzZHJpBoRQwAQEX1SxZJA4='),
    tag: 3613,
    owner: 'example.com',
    records: [mx(10, 'mail.example.com')],
    sig: rrsig(15, 15, 2, 3600, 1440021600, 1438207200, 3613, 'example.com', 'oL9krJun7xfBOIWcGHi7mag5/hdZrKWw15jPGrHpjQeRAvTdszaPD+QLs3fx8A4M3e23mRZ9VrbpMngwcrqNAg=='),
  },
  {
    name: 'RFC 8080 s6.1 ED25519, second key',
    key: dnskey(257, 15, 'zPnZ/QwEe7S8C5SPz2OfS5RR40ATk2/rYnE9xHIEijs='),
    tag: 35217,
    owner: 'example.com',
    records: [mx(10, 'mail.example.com')],
    sig: rrsig(15, 15, 2, 3600, 1440021600, 1438207200, 35217, 'example.com', 'zXQ0bkYgQTEFyfLyi9QoiY6D8ZdYo4wyUhVioYZXFdT410QPRITQSqJSnzQoSm5poJ7gD7AQR0O7KuI5k2pcBg=='),
  },
  {
    name: 'RFC 8080 s6.2 ED448',
    key: dnskey(257, 16, '3kgROaDjrh0H2iuixWBrc8g2EpBBLCdGzHmn+G2MpTPhpj/OiBVHHSfPodx1FYYUcJKm1MDpJtIA'),
    tag: 9713,
    owner: 'example.com',
    records: [mx(10, 'mail.example.com')],
    sig: rrsig(
      15,
      16,
      2,
      3600,
      1440021600,
      1438207200,
      9713,
      'example.com',
      '3cPAHkmlnxcDHMyg7vFC34l0blBhuG1qpwLmjInI8w1CMB29FkEAIJUA0amxWndkmnBZ6SKiwZSAxGILn/NBtOXft0+Gj7FSvOKxE/07+4RQvE581N3Aj/JtIyaiYVdnYtyMWbSNyGEY2213WKsJlwEA',
    ),
  },
];

/** Inside each example's validity window. */
const during = (sig: RrsigData): Date => new Date(((sig.inception + sig.expiration) / 2) * 1000);

describe('RFC example signatures', () => {
  it.each(VECTORS.map((v) => [v.name, v] as const))('%s: key tag and signature verify', (_name, v) => {
    expect(keyTag(v.key)).toBe(v.tag);
    const check = checkRrset({ owner: v.owner, type: v.records[0].type, records: v.records, rrsigs: [v.sig], keys: [v.key], zone: v.sig.signerName, now: during(v.sig) });
    expect(check.signatures.map((s) => s.outcome)).toEqual(['valid']);
    expect(check.valid).toBe(true);
    expect(check.validKeyTag).toBe(v.tag);
  });

  it.each(VECTORS.map((v) => [v.name, v] as const))('%s: one changed bit in the data or the signature fails', (_name, v) => {
    const data = signedData(v.sig, v.owner, v.records);
    const signature = Buffer.from(v.sig.signature, 'base64');
    expect(verifySignature(v.key, data, signature)).toBe(true);
    const changed = Buffer.from(data);
    changed[changed.length - 1] ^= 1;
    expect(verifySignature(v.key, changed, signature)).toBe(false);
    const flipped = Buffer.from(signature);
    flipped[5] ^= 0x10;
    expect(verifySignature(v.key, data, flipped)).toBe(false);
  });

  it('owner names and embedded names are compared case-insensitively (RFC 4034 s6.2)', () => {
    const v = VECTORS[1];
    const check = checkRrset({ owner: 'WWW.Example.NET', type: 'A', records: v.records, rrsigs: [v.sig], keys: [v.key], zone: 'example.net', now: during(v.sig) });
    expect(check.valid).toBe(true);
    expect(canonicalRdata('CNAME', nameToWire('Mail.EXAMPLE.com'))).toEqual(nameToWire('mail.example.com'));
    // RFC 6840 s5.1: NSEC's next name keeps its case.
    expect(canonicalRdata('NSEC', nameToWire('Mail.example.com'))).toEqual(nameToWire('Mail.example.com'));
  });
});

describe('what goes wrong with a signature', () => {
  const pair = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const jwk = pair.publicKey.export({ format: 'jwk' });
  const key = dnskey(256, 13, Buffer.concat([Buffer.from(jwk.x as string, 'base64url'), Buffer.from(jwk.y as string, 'base64url')]).toString('base64'));
  const now = new Date('2026-11-27T10:00:00Z');
  const seconds = now.getTime() / 1000;
  const txt = (s: string): SignedRecord => ({ type: 'TXT', rdata: Buffer.concat([Buffer.from([s.length]), Buffer.from(s)]) });
  const records = [txt('b-value'), txt('a-value'), txt('a-value')];
  const make = (over: Partial<RrsigData> = {}, signed = records): RrsigData => {
    const base = rrsig(16, 13, 3, 300, seconds + 86400, seconds - 86400, keyTag(key), 'shop.test', '');
    const fields = { ...base, ...over };
    const signature = sign('sha256', signedData(fields, '_dnsauth.shop.test', signed), { key: pair.privateKey, dsaEncoding: 'ieee-p1363' });
    return { ...fields, signature: over.signature ?? signature.toString('base64') };
  };
  const check = (sigs: RrsigData[], set = records) => checkRrset({ owner: '_dnsauth.shop.test', type: 'TXT', records: set, rrsigs: sigs, keys: [key], zone: 'shop.test', now });

  it('signs the RRset in canonical order, duplicates once: any order of the records verifies', () => {
    const sig = make();
    expect(check([sig]).valid).toBe(true);
    expect(check([sig], [records[1], records[0]]).valid).toBe(true);
    expect(check([sig], [records[0]]).valid).toBe(false);
  });

  it('expired, not yet valid, unknown key, corrupted, foreign signer, too many labels', () => {
    const expired = make({ expiration: t('20250301000000'), inception: t('20250201000000') });
    const c = check([expired]);
    expect(worstFailure(c)?.outcome).toBe('expired');
    expect(worstFailure(c)?.expiration.toISOString()).toBe('2025-03-01T00:00:00.000Z');
    expect(worstFailure(check([make({ inception: seconds + 3600 })]))?.outcome).toBe('not-yet-valid');
    expect(worstFailure(check([make({ keyTag: 12345 })]))?.outcome).toBe('unknown-key');
    const good = make();
    const bytes = Buffer.from(good.signature, 'base64');
    bytes[0] ^= 1;
    expect(worstFailure(check([{ ...good, signature: bytes.toString('base64') }]))?.outcome).toBe('bad-signature');
    expect(worstFailure(check([make({ signerName: 'other.test' })]))?.outcome).toBe('bad-fields');
    expect(worstFailure(check([make({ labels: 4 })]))?.outcome).toBe('bad-fields');
    expect(worstFailure(check([make({ algorithm: 12 })]))?.outcome).toBe('unsupported-algorithm');
    expect(check([]).unsigned).toBe(true);
  });

  it('one good signature beside a bad one is enough (RFC 4035 s5.3.3)', () => {
    const c = check([make({ keyTag: 12345 }), make()]);
    expect(c.valid).toBe(true);
    expect(worstFailure(c)).toBeUndefined();
  });

  it('a wildcard-synthesised answer is verified over the wildcard owner (RFC 4035 s5.3.2)', () => {
    const fields = rrsig(16, 13, 2, 300, seconds + 86400, seconds - 86400, keyTag(key), 'shop.test', '');
    const signature = sign('sha256', signedData(fields, '*.shop.test', records), { key: pair.privateKey, dsaEncoding: 'ieee-p1363' }).toString('base64');
    expect(check([{ ...fields, signature }]).valid).toBe(true);
  });

  it('times wrap around 2106 by serial arithmetic (RFC 4034 s3.1.5)', () => {
    const late = new Date('2106-02-01T00:00:00Z'); // 2^32 seconds is 2106-02-07T06:28:16Z
    expect(signatureTime(100, late).getTime()).toBeGreaterThan(late.getTime());
    expect(signatureTime(t('20250301000000'), now).toISOString()).toBe('2025-03-01T00:00:00.000Z');
  });
});
