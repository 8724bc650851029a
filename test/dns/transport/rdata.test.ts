/** Our own rdata codecs: round trips, the RFC examples' wire forms, and bytes that do not decode. */
import { CAA, DNSKEY, DS, NSEC, NSEC3, RRSIG, TXT, decodeTypeBitmap, encodeTypeBitmap, fromBase32Hex, readName, toBase32Hex } from '../../../src/dns/transport/rdata';

describe('type bit maps (RFC 4034 s4.1.2)', () => {
  it('encodes the RFC 4034 s4.3 example: A MX RRSIG NSEC TYPE1234', () => {
    const bytes = encodeTypeBitmap([1, 15, 46, 47, 1234]);
    expect(bytes.toString('hex')).toBe('0006400100000003' + '041b' + '00'.repeat(26) + '20');
    expect(decodeTypeBitmap(bytes)).toEqual([1, 15, 46, 47, 1234]);
  });

  it('refuses a window whose length runs past the end', () => {
    expect(() => decodeTypeBitmap(Buffer.from([0, 5, 0x40]))).toThrow('bad length');
  });
});

describe('base32hex (RFC 4648 s7), as NSEC3 owner names use it', () => {
  it('matches the RFC 5155 appendix A hash of example', () => {
    const hash = fromBase32Hex('0p9mhaveqvm6t7vbl5lop2u3t2rp3tom');
    expect(hash.length).toBe(20);
    expect(toBase32Hex(hash)).toBe('0p9mhaveqvm6t7vbl5lop2u3t2rp3tom');
  });
});

describe('record codecs', () => {
  it('round-trips RRSIG, NSEC, NSEC3, DS, DNSKEY, CAA and TXT', () => {
    const rrsig = { typeCovered: 16, algorithm: 13, labels: 3, originalTtl: 300, expiration: 1767225600, inception: 1764547200, keyTag: 12345, signerName: 'example.com', signature: Buffer.alloc(64, 7).toString('base64') };
    expect(RRSIG.decode(RRSIG.encode(rrsig))).toEqual(rrsig);
    const nsec = { nextName: 'B.example.com', types: [1, 2, 6, 46, 47, 48] };
    expect(NSEC.decode(NSEC.encode(nsec))).toEqual(nsec);
    const nsec3 = { hashAlgorithm: 1, flags: 1, iterations: 12, salt: 'aabbccdd', nextHashed: '2t7b4g4vsa5smi47k61mv5bv1a22bojr', types: [1, 15, 46] };
    expect(NSEC3.decode(NSEC3.encode(nsec3))).toEqual(nsec3);
    expect(NSEC3.decode(NSEC3.encode({ ...nsec3, salt: '' })).salt).toBe('');
    const ds = { keyTag: 60485, algorithm: 5, digestType: 1, digest: '2BB183AF5F22588179A53B0A98631FAD1A292118' };
    expect(DS.decode(DS.encode(ds))).toEqual(ds);
    const key = { flags: 256, protocol: 3, algorithm: 15, publicKey: Buffer.alloc(32, 3).toString('base64') };
    expect(DNSKEY.decode(DNSKEY.encode(key))).toEqual(key);
    const caa = { flags: 128, tag: 'issue', value: 'digicert.com; cansignhttpexchanges=yes' };
    expect(CAA.decode(CAA.encode(caa))).toEqual(caa);
    const strings = [Buffer.from('v=spf1'), Buffer.from([0xff, 0x00, 0x80])];
    expect(TXT.decode(TXT.encode(strings))).toEqual(strings);
  });

  it('lower-cases the RRSIG signer but keeps the NSEC next name as sent (RFC 6840 s5.1)', () => {
    const sig = RRSIG.decode(RRSIG.encode({ typeCovered: 1, algorithm: 8, labels: 2, originalTtl: 1, expiration: 2, inception: 1, keyTag: 1, signerName: 'Example.COM', signature: 'AAAA' }));
    expect(sig.signerName).toBe('example.com');
    expect(NSEC.decode(NSEC.encode({ nextName: 'Www.Example.com', types: [1] })).nextName).toBe('Www.Example.com');
  });

  it.each([
    ['RRSIG without a signature', () => RRSIG.decode(Buffer.concat([Buffer.alloc(18), Buffer.from([0])]))],
    ['RRSIG cut inside the signer name', () => RRSIG.decode(Buffer.concat([Buffer.alloc(18), Buffer.from([7, 0x61])]))],
    ['NSEC whose next name is a compression pointer', () => NSEC.decode(Buffer.from([0xc0, 0x0c]))],
    ['NSEC3 whose salt overruns', () => NSEC3.decode(Buffer.from([1, 0, 0, 1, 200, 1]))],
    ['CAA whose tag overruns', () => CAA.decode(Buffer.from([0, 9, 0x61]))],
    ['TXT whose string overruns', () => TXT.decode(Buffer.from([5, 0x61]))],
    ['DNSKEY shorter than its fixed part', () => DNSKEY.decode(Buffer.from([1, 1]))],
  ])('throws a plain-words error for %s', (_what, decode) => {
    expect(decode).toThrow(/\w+/);
  });

  it('reads names label by label', () => {
    expect(readName(Buffer.from([3, 0x77, 0x77, 0x77, 0]), 0)).toEqual({ name: 'www', end: 5 });
  });
});
