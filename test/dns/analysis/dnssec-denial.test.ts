/**
 * Denial of existence: RFC 5155 Appendix A's hashes (salt aabbccdd, 12 iterations) and the proofs of its
 * Appendix B (B.1 name error, B.2 no data) from that zone's NSEC3 chain; NSEC proofs in RFC 4035's
 * Appendix A zone (B.2 name error, B.3 no data).
 */
import { compareNames, nsec3Hash, proveWithNsec, proveWithNsec3, type Nsec3Record, type NsecRecord } from '../../../src/dns/analysis/dnssec-denial';

const HASHES: [string, string][] = [
  ['example', '0p9mhaveqvm6t7vbl5lop2u3t2rp3tom'],
  ['a.example', '35mthgpgcu1qg68fab165klnsnk3dpvl'],
  ['ai.example', 'gjeqe526plbf1g8mklp59enfd789njgi'],
  ['ns1.example', '2t7b4g4vsa5smi47k61mv5bv1a22bojr'],
  ['ns2.example', 'q04jkcevqvmu85r014c7dkba38o0ji5r'],
  ['w.example', 'k8udemvp1j2f7eg6jebps17vp3n8i58h'],
  ['*.w.example', 'r53bq7cc2uvmubfu5ocmm6pers9tk9en'],
  ['x.w.example', 'b4um86eghhds6nea196smvmlo4ors995'],
  ['y.w.example', 'ji6neoaepv8b5o6k4ev33abha8ht9fgc'],
  ['x.y.w.example', '2vptu5timamqttgl4luu9kg21e0aor3s'],
  ['xx.example', 't644ebqk9bibcna874givr6joj62mlhv'],
  // RFC 5155 B.1's query names.
  ['c.x.w.example', '0va5bpr2ou0vk0lbqeeljri88laipsfh'],
  ['*.x.w.example', '92pqneegtaue7pjatc3l3qnk738c6v5m'],
];

it.each(HASHES)('RFC 5155 Appendix A: H(%s) = %s', (name, hash) => {
  expect(nsec3Hash(name, 'aabbccdd', 12)).toBe(hash);
  expect(nsec3Hash(name.toUpperCase(), 'aabbccdd', 12)).toBe(hash);
});

/** The example zone's NSEC3 chain: each hash points at the next one in order. */
const TYPES: Record<string, number[]> = { example: [15, 48, 2, 6, 51, 46], 'ns1.example': [1, 46], 'x.w.example': [15, 46], 'a.example': [2, 43, 46] };
function chain(flags: number): Nsec3Record[] {
  const named = HASHES.slice(0, 11).sort((x, y) => (x[1] < y[1] ? -1 : 1));
  return named.map(([name, hash], i) => ({
    owner: `${hash}.example`,
    nsec3: { hashAlgorithm: 1, flags, iterations: 12, salt: 'aabbccdd', nextHashed: named[(i + 1) % named.length][1], types: TYPES[name] ?? [1, 46] },
  }));
}
const pick = (records: Nsec3Record[], ...hashes: string[]) => records.filter((r) => hashes.some((h) => r.owner.startsWith(h)));

describe('NSEC3 proofs (RFC 5155 Appendix B)', () => {
  it('B.1: a.c.x.w.example does not exist: closest encloser x.w.example, next closer and wildcard covered', () => {
    // The three NSEC3 records the RFC's response carries.
    const records = pick(chain(0), '0p9mhave', 'b4um86eg', '35mthgpg');
    const v = proveWithNsec3({ name: 'a.c.x.w.example', type: 'A', nxdomain: true, zone: 'example' }, records);
    expect(v.kind).toBe('proven');
    const text = v.kind === 'proven' ? v.steps.map((s) => s.text).join('\n') : '';
    expect(text).toContain('matches the closest encloser x.w.example (hash b4um86eg…');
    expect(text).toContain('covers the next closer name c.x.w.example (hash 0va5bpr2…)');
    expect(text).toContain('covers the wildcard *.x.w.example (hash 92pqneeg…)');
  });

  it('B.1 with the RFC zone as published (every NSEC3 opt-out): insecure, not bogus', () => {
    const v = proveWithNsec3({ name: 'a.c.x.w.example', type: 'A', nxdomain: true, zone: 'example' }, pick(chain(1), '0p9mhave', 'b4um86eg', '35mthgpg'));
    expect(v.kind).toBe('opt-out');
  });

  it('B.1 without the record covering the wildcard, or the next closer name, is not a proof', () => {
    const noWildcard = proveWithNsec3({ name: 'a.c.x.w.example', type: 'A', nxdomain: true, zone: 'example' }, pick(chain(0), '0p9mhave', 'b4um86eg'));
    expect(noWildcard).toMatchObject({ kind: 'not-proven', missing: expect.stringContaining('no NSEC3 record covers the wildcard *.x.w.example') });
    const noNextCloser = proveWithNsec3({ name: 'a.c.x.w.example', type: 'A', nxdomain: true, zone: 'example' }, pick(chain(0), 'b4um86eg', '35mthgpg'));
    expect(noNextCloser).toMatchObject({ kind: 'not-proven', missing: expect.stringContaining('next closer name c.x.w.example') });
    const noEncloser = proveWithNsec3({ name: 'a.c.x.w.example', type: 'A', nxdomain: true, zone: 'example' }, pick(chain(0), '0p9mhave', '35mthgpg'));
    expect(noEncloser.kind).toBe('not-proven');
  });

  it('B.2: ns1.example has no MX: the matching NSEC3 lists A RRSIG only', () => {
    expect(proveWithNsec3({ name: 'ns1.example', type: 'MX', nxdomain: false, zone: 'example' }, pick(chain(0), '2t7b4g4v')).kind).toBe('proven');
    expect(proveWithNsec3({ name: 'ns1.example', type: 'A', nxdomain: false, zone: 'example' }, pick(chain(0), '2t7b4g4v'))).toMatchObject({ kind: 'not-proven' });
    // A record of another hash proves nothing about ns1.example.
    expect(proveWithNsec3({ name: 'ns1.example', type: 'MX', nxdomain: false, zone: 'example' }, pick(chain(0), '0p9mhave')).kind).toBe('not-proven');
  });

  it('ignores records of another zone and unknown hash algorithms', () => {
    const foreign = chain(0).map((r) => ({ ...r, owner: r.owner.replace(/\.example$/, '.other') }));
    expect(proveWithNsec3({ name: 'a.c.x.w.example', type: 'A', nxdomain: true, zone: 'example' }, foreign).kind).toBe('absent');
    const sha256 = chain(0).map((r) => ({ ...r, nsec3: { ...r.nsec3, hashAlgorithm: 2 } }));
    expect(proveWithNsec3({ name: 'a.c.x.w.example', type: 'A', nxdomain: true, zone: 'example' }, sha256).kind).toBe('unsupported');
  });
});

describe('NSEC proofs (RFC 4035 Appendix A zone)', () => {
  // Its NSEC chain, in canonical order.
  const names = ['example', 'a.example', 'ai.example', 'b.example', 'ns1.example', 'ns2.example', '*.w.example', 'x.w.example', 'x.y.w.example', 'xx.example'];
  const nsec: NsecRecord[] = names.map((owner, i) => ({ owner, nsec: { nextName: names[(i + 1) % names.length], types: owner === 'ns1.example' ? [1, 46, 47] : [15, 46, 47] } }));

  it('orders names canonically (RFC 4034 s6.1)', () => {
    const shuffled = ['z.example', 'a.example', 'example', 'Z.a.example', 'yljkjljk.a.example', '*.z.example', '\\200.z.example', 'zABC.a.EXAMPLE'];
    expect([...shuffled].sort(compareNames)).toEqual(['example', 'a.example', 'yljkjljk.a.example', 'Z.a.example', 'zABC.a.EXAMPLE', 'z.example', '*.z.example', '\\200.z.example']);
  });

  it('B.2: ml.example does not exist: covered by b.example -> ns1.example, no wildcard under example', () => {
    const v = proveWithNsec({ name: 'ml.example', type: 'A', nxdomain: true, zone: 'example' }, nsec.filter((r) => r.owner === 'b.example' || r.owner === 'example'));
    expect(v.kind).toBe('proven');
    expect(v.kind === 'proven' && v.steps.map((s) => s.text).join('\n')).toContain('covers the wildcard *.example');
  });

  it('B.2 without the wildcard proof, or with an NSEC that does not cover the name, is not a proof', () => {
    expect(proveWithNsec({ name: 'ml.example', type: 'A', nxdomain: true, zone: 'example' }, nsec.filter((r) => r.owner === 'b.example'))).toMatchObject({ kind: 'not-proven', missing: expect.stringContaining('wildcard *.example') });
    expect(proveWithNsec({ name: 'ml.example', type: 'A', nxdomain: true, zone: 'example' }, nsec.filter((r) => r.owner === 'ai.example'))).toMatchObject({ kind: 'not-proven', missing: 'no NSEC record covers ml.example' });
  });

  it('B.3: ns1.example has no MX; the last NSEC wraps to the apex', () => {
    expect(proveWithNsec({ name: 'ns1.example', type: 'MX', nxdomain: false, zone: 'example' }, nsec).kind).toBe('proven');
    expect(proveWithNsec({ name: 'ns1.example', type: 'A', nxdomain: false, zone: 'example' }, nsec).kind).toBe('not-proven');
    expect(proveWithNsec({ name: 'zz.example', type: 'A', nxdomain: true, zone: 'example' }, nsec.filter((r) => r.owner === 'xx.example' || r.owner === 'example')).kind).toBe('proven');
    // An empty non-terminal: y.w.example exists only because x.y.w.example does.
    expect(proveWithNsec({ name: 'y.w.example', type: 'A', nxdomain: false, zone: 'example' }, nsec).kind).toBe('proven');
  });
});
