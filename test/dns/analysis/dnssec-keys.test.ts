import { canonicalName, decodeDnskey, decodeDs, dsDigest, encodeDnskey, encodeDs, keyTag, type DnskeyData } from '../../../src/dns/analysis/dnssec-keys';

// RFC 4034 section 5.4 (SHA-1 DS) and RFC 4509 section 2.3 (SHA-256 DS of the same key).
const DSKEY: DnskeyData = {
  flags: 256,
  protocol: 3,
  algorithm: 5,
  publicKey:
    'AQOeiiR0GOMYkDshWoSKz9XzfwJr1AYtsmx3TGkJaNXVbfi/2pHm822aJ5iI9BMzNXxeYCmZDRD99WYwYqUSdjMmmAphXdvxegXd/M5+X7OrzKBaMbCVdFLUUh6DhweJBjEVv5f2wwjM9XzcnOf+EPbtG9DMBmADjFDc2w/rljwvFw==',
};

describe('DNSSEC key computations', () => {
  it('computes the key tag of the RFC 4034 example key (60485)', () => {
    expect(keyTag(DSKEY)).toBe(60485);
  });

  it('computes the RFC 4034 SHA-1 and RFC 4509 SHA-256 DS digests, whatever the owner name case', () => {
    expect(dsDigest('dskey.example.com', DSKEY, 1)).toBe('2BB183AF5F22588179A53B0A98631FAD1A292118');
    expect(dsDigest('DSKEY.Example.COM.', DSKEY, 2)).toBe('D4B7D520E7BB5F0F67674A0CCEB1E3E0614B93C4F9E99B8383F6A1E4469DA50A');
  });

  it('gives no digest for a digest type it cannot compute', () => {
    expect(dsDigest('dskey.example.com', DSKEY, 3)).toBeUndefined();
  });

  it('writes owner names in canonical wire form', () => {
    expect(canonicalName('Ab.c.').toString('hex')).toBe('0261620163' + '00');
    expect(canonicalName('').toString('hex')).toBe('00');
  });

  it('round-trips DS and DNSKEY rdata and refuses short rdata', () => {
    const ds = { keyTag: 60485, algorithm: 5, digestType: 1, digest: '2BB183AF5F22588179A53B0A98631FAD1A292118' };
    expect(decodeDs(encodeDs(ds))).toEqual(ds);
    expect(decodeDnskey(encodeDnskey(DSKEY))).toEqual(DSKEY);
    expect(() => decodeDs(Buffer.from([1, 2, 3]))).toThrow(/shorter than 5/);
    expect(() => decodeDnskey(Buffer.from([1]))).toThrow(/shorter than 4/);
  });
});
