import { judgeDs } from '../../../src/dns/analysis/dnssec-chain';
import type { DnskeyData } from '../../../src/dns/analysis/dnssec-keys';

// RFC 4034 5.4 / RFC 4509 2.3: dskey.example.com, key tag 60485, algorithm 5.
const KEY: DnskeyData = {
  flags: 256,
  protocol: 3,
  algorithm: 5,
  publicKey:
    'AQOeiiR0GOMYkDshWoSKz9XzfwJr1AYtsmx3TGkJaNXVbfi/2pHm822aJ5iI9BMzNXxeYCmZDRD99WYwYqUSdjMmmAphXdvxegXd/M5+X7OrzKBaMbCVdFLUUh6DhweJBjEVv5f2wwjM9XzcnOf+EPbtG9DMBmADjFDc2w/rljwvFw==',
};
const SHA256 = 'D4B7D520E7BB5F0F67674A0CCEB1E3E0614B93C4F9E99B8383F6A1E4469DA50A';
const ZONE = 'dskey.example.com';

describe('judgeDs', () => {
  it('says the link holds when one DS matches, even beside a stale one', () => {
    const stale = { keyTag: 12345, algorithm: 13, digestType: 2, digest: 'AB' };
    const good = { keyTag: 60485, algorithm: 5, digestType: 2, digest: SHA256 };
    expect(judgeDs(ZONE, [stale, good], [KEY])).toEqual({ kind: 'ds-matches', ds: good, key: KEY });
  });

  it('finds a digest mismatch behind a matching key tag', () => {
    const ds = { keyTag: 60485, algorithm: 5, digestType: 2, digest: SHA256.replace('D4', 'D5') };
    expect(judgeDs(ZONE, [ds], [KEY])).toEqual({ kind: 'digest-mismatch', ds, key: KEY, computed: SHA256 });
  });

  it('calls a DS stale when no key has its tag and algorithm', () => {
    expect(judgeDs(ZONE, [{ keyTag: 60485, algorithm: 13, digestType: 2, digest: SHA256 }], [KEY]).kind).toBe('stale-ds');
  });

  it('tells an unsigned zone, a parent without DS and an uncomputable digest type apart', () => {
    expect(judgeDs(ZONE, [{ keyTag: 1, algorithm: 13, digestType: 2, digest: 'AB' }], []).kind).toBe('unsigned-zone');
    expect(judgeDs(ZONE, [], [KEY]).kind).toBe('no-ds');
    expect(judgeDs(ZONE, [{ keyTag: 60485, algorithm: 5, digestType: 3, digest: 'AB' }], [KEY]).kind).toBe('digest-unchecked');
  });
});
