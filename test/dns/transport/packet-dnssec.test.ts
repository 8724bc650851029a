/** DS and DNSKEY records in replies: decoded into fields, a too-short DS reported in words, not thrown. */
import { encodeDs } from '../../../src/dns/analysis/dnssec-keys';
import { decodeReply } from '../../../src/dns/transport/packet';

// eslint-disable-next-line @typescript-eslint/no-require-imports, @typescript-eslint/no-explicit-any
const { Packet }: any = require('dns2');

function reply(resources: Record<string, unknown>[]): Buffer {
  const packet = new Packet();
  packet.header = new Packet.Header({ id: 7, qr: 1, aa: 1 });
  packet.questions.push({ name: 'zone.test', type: 43, class: 1 });
  packet.answers.push(...resources.map((r) => ({ name: 'zone.test', class: 1, ttl: 3600, ...r })));
  return packet.toBuffer();
}

describe('DNSSEC records in replies', () => {
  it('decodes DS rdata, which dns2 leaves raw', () => {
    const ds = { keyTag: 60485, algorithm: 5, digestType: 1, digest: '2BB183AF5F22588179A53B0A98631FAD1A292118' };
    const [record] = decodeReply(reply([{ type: 43, data: encodeDs(ds) }])).answers;
    expect(record.ds).toEqual(ds);
    expect(record.value).toBe('60485 5 1 2BB183AF5F22588179A53B0A98631FAD1A292118 (SHA-1)');
  });

  it('says a DS too short to hold a digest is malformed', () => {
    const [record] = decodeReply(reply([{ type: 43, data: Buffer.from([1, 2, 3]) }])).answers;
    expect(record).toMatchObject({ type: 'DS', value: 'malformed DS record' });
    expect(record.ds).toBeUndefined();
  });

  it('gives a DNSKEY its fields and key tag', () => {
    const publicKey = Buffer.alloc(64, 1).toString('base64');
    const [record] = decodeReply(reply([{ type: 48, flags: 257, protocol: 3, algorithm: 13, key: publicKey }])).answers;
    expect(record.dnskey).toEqual({ flags: 257, protocol: 3, algorithm: 13, publicKey });
    expect(record.value).toMatch(/^257 3 13 \(key tag \d+\)$/);
  });
});
