/** Identical answers across servers on one line, the differing one first; other lines untouched. */
import { groupEvidence } from '../../src/core/evidence-groups';

const line = (source: string, rest: string, ttl?: number) => ({ text: `${source} ${rest}`, source, ...(ttl !== undefined ? { ttl } : {}) });

describe('groupEvidence', () => {
  it('groups the same answer of several servers and puts the odd one first', () => {
    const grouped = groupEvidence([
      line('ns1 (192.0.2.1)', 'answered TXT "new" (TTL 300 s)', 300),
      line('ns2 (192.0.2.2)', 'answered TXT "new" (TTL 300 s)', 300),
      line('ns3 (192.0.2.3)', 'answered no TXT record'),
      { text: 'a line without a server' },
    ]);
    expect(grouped.map((e) => e.text)).toEqual(['ns3 (192.0.2.3) answered no TXT record', 'ns1 (192.0.2.1), ns2 (192.0.2.2) answered TXT "new" (TTL 300 s)', 'a line without a server']);
    expect(grouped[1]).toMatchObject({ source: 'ns1 (192.0.2.1), ns2 (192.0.2.2)', ttl: 300 });
  });

  it('leaves everything as it is when all agree or nothing repeats', () => {
    const same = [line('ns1', 'answered A'), line('ns2', 'answered A')];
    expect(groupEvidence(same).map((e) => e.text)).toEqual(['ns1, ns2 answered A']);
    const one = [line('ns1', 'answered A')];
    expect(groupEvidence(one)).toEqual(one);
  });
});
