/** The typed message codec over dns2: typed records in and out, and garbage as a tagged result. */
import { randomBytes } from 'node:crypto';
import { decodeMessage, encodeMessage, type WireMessage, type WireRecord } from '../../../src/dns/transport/wire';

const header = { id: 4242, qr: true, opcode: 0, aa: true, tc: false, rd: true, ra: false, ad: false, cd: true, rcode: 3 };
const rr = (name: string, type: number, data: WireRecord['data'], rdata?: Buffer): WireRecord => ({ name, type, class: 1, ttl: 300, data, rdata });

const message: WireMessage = {
  header,
  questions: [{ name: '_dnsauth.example.com', type: 16, class: 1 }],
  answers: [
    rr('_dnsauth.example.com', 16, { type: 'TXT', strings: [Buffer.from('2026k7q2'), Buffer.from('m9')] }),
    rr('example.com', 2, { type: 'NS', target: 'ns1.example.com' }),
    rr('www.example.com', 5, { type: 'CNAME', target: 'example.com' }),
    rr('example.com', 1, { type: 'A', address: '192.0.2.1' }),
    rr('example.com', 28, { type: 'AAAA', address: '2001:db8::1' }),
    rr('example.com', 257, { type: 'CAA', caa: { flags: 0, tag: 'issue', value: 'letsencrypt.org' } }),
    rr('example.com', 99, { type: 'unknown' }, Buffer.from('v=spf1 -all')),
  ],
  authorities: [rr('example.com', 6, { type: 'SOA', soa: { primary: 'ns1.example.com', admin: 'hostmaster.example.com', serial: 2026112701, refresh: 3600, retry: 600, expire: 86400, minimum: 300 } })],
  additionals: [rr('_dnsauth.example.com', 46, { type: 'RRSIG', rrsig: { typeCovered: 16, algorithm: 13, labels: 3, originalTtl: 300, expiration: 1767225600, inception: 1764547200, keyTag: 12345, signerName: 'example.com', signature: Buffer.alloc(64, 9).toString('base64') } })],
  edns: { udpPayloadSize: 1232, dnssecOk: true, version: 0 },
};

describe('encodeMessage / decodeMessage', () => {
  it('round-trips every record type we read, with names compressed on the wire', () => {
    const bytes = encodeMessage(message);
    // "example.com" appears a dozen times but is spelled out twice: once, and in the RRSIG signer name,
    // which RFC 4034 s3.1.7 forbids compressing.
    const label = Buffer.from('\x07example\x03com', 'latin1');
    const spelled = [...Array(bytes.length).keys()].filter((i) => bytes.subarray(i, i + label.length).equals(label));
    expect(spelled).toHaveLength(2);
    const decoded = decodeMessage(bytes);
    expect(decoded.kind).toBe('ok');
    if (decoded.kind !== 'ok') return;
    expect(decoded.message.header).toEqual(header);
    expect(decoded.message.edns).toEqual({ udpPayloadSize: 1232, dnssecOk: true, version: 0 });
    expect(decoded.message.questions).toEqual(message.questions);
    expect(decoded.message.answers.map((r) => r.data)).toEqual(message.answers.map((r) => r.data));
    expect(decoded.message.authorities[0].data).toEqual(message.authorities[0].data);
    expect(decoded.message.additionals.map((r) => r.data)).toEqual(message.additionals.map((r) => r.data));
    expect(decoded.message.answers[6].rdata).toEqual(Buffer.from('v=spf1 -all'));
  });

  it('gives names in rdata uncompressed, as a signature covers them', () => {
    const decoded = decodeMessage(encodeMessage(message));
    if (decoded.kind !== 'ok') throw new Error(decoded.detail);
    expect(decoded.message.answers[1].rdata).toEqual(Buffer.from('\x03ns1\x07example\x03com\x00', 'latin1'));
  });

  it('carries an rcode above 15 in the OPT record (RFC 6891 s6.1.3)', () => {
    const decoded = decodeMessage(encodeMessage({ ...message, header: { ...header, rcode: 16 } }));
    expect(decoded.kind === 'ok' && decoded.message.header.rcode).toBe(16);
  });

  it.each([
    ['an empty buffer', Buffer.alloc(0)],
    ['text', Buffer.from('this is not dns at all, just text')],
    ['a header that promises a question', Buffer.from('000081800001000000000000', 'hex')],
    ['a name pointer loop', Buffer.from('0000818000010000000000000c' + 'c00c' + '00010001', 'hex')],
    ['a record whose rdata runs past the end', Buffer.concat([encodeMessage(message).subarray(0, 80)])],
    ['an A record of 3 bytes', Buffer.from('000081800000000100000000' + '00' + '0001000100000e100003' + '010203', 'hex')],
  ])('returns malformed for %s', (_what, bytes) => {
    const decoded = decodeMessage(bytes);
    expect(decoded).toEqual({ kind: 'malformed', detail: expect.any(String) });
  });

  it('never throws, whatever the bytes (random and mutated messages)', () => {
    const good = encodeMessage(message);
    for (let i = 0; i < 2000; i++) {
      const bytes = i % 2 ? randomBytes(i % 300) : Buffer.from(good);
      if (i % 2 === 0) for (let j = 0; j < 1 + (i % 7); j++) bytes[(i * 31 + j * 97) % bytes.length] = (i * 13 + j) & 0xff;
      const decoded = decodeMessage(bytes);
      expect(['ok', 'malformed']).toContain(decoded.kind);
    }
  });

  it('keeps a DNSSEC record whose rdata does not decode, saying why', () => {
    const bad = { ...message, answers: [rr('example.com', 46, { type: 'unknown' }, Buffer.from([1, 2, 3]))], authorities: [], additionals: [] };
    const decoded = decodeMessage(encodeMessage(bad));
    if (decoded.kind !== 'ok') throw new Error(decoded.detail);
    expect(decoded.message.answers[0].data).toEqual({ type: 'malformed', detail: 'RRSIG rdata of 3 bytes is shorter than 19' });
  });
});
