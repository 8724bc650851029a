/** DS and DNSKEY records in replies: decoded into fields, a too-short DS reported in words, not thrown. */
import { encodeDs } from '../../../src/dns/analysis/dnssec-keys';
import { decodeReply, type DecodedReply } from '../../../src/dns/transport/packet';
import { encodeMessage, type WireRecord } from '../../../src/dns/transport/wire';

function reply(records: Omit<WireRecord, 'name' | 'class' | 'ttl'>[]): DecodedReply {
  const bytes = encodeMessage({
    header: { id: 7, qr: true, opcode: 0, aa: true, tc: false, rd: false, ra: false, ad: false, cd: false, rcode: 0 },
    questions: [{ name: 'zone.test', type: 43, class: 1 }],
    answers: records.map((r) => ({ name: 'zone.test', class: 1, ttl: 3600, ...r })),
    authorities: [],
    additionals: [],
  });
  const decoded = decodeReply(bytes);
  if (decoded.kind !== 'ok') throw new Error(decoded.detail);
  return decoded.reply;
}

describe('DNSSEC records in replies', () => {
  it('decodes DS rdata, which dns2 leaves raw', () => {
    const ds = { keyTag: 60485, algorithm: 5, digestType: 1, digest: '2BB183AF5F22588179A53B0A98631FAD1A292118' };
    const [record] = reply([{ type: 43, data: { type: 'unknown' }, rdata: encodeDs(ds) }]).answers;
    expect(record.ds).toEqual(ds);
    expect(record.value).toBe('60485 5 1 2BB183AF5F22588179A53B0A98631FAD1A292118 (SHA-1)');
  });

  it('says a DS too short to hold a digest is malformed', () => {
    const [record] = reply([{ type: 43, data: { type: 'unknown' }, rdata: Buffer.from([1, 2, 3]) }]).answers;
    expect(record).toMatchObject({ type: 'DS', value: 'malformed DS record (DS rdata of 3 bytes is shorter than 5)' });
    expect(record.ds).toBeUndefined();
  });

  it('gives a DNSKEY its fields and key tag', () => {
    const publicKey = Buffer.alloc(64, 1).toString('base64');
    const [record] = reply([{ type: 48, data: { type: 'DNSKEY', dnskey: { flags: 257, protocol: 3, algorithm: 13, publicKey } } }]).answers;
    expect(record.dnskey).toEqual({ flags: 257, protocol: 3, algorithm: 13, publicKey });
    expect(record.value).toMatch(/^257 3 13 \(key tag \d+\)$/);
  });
});
