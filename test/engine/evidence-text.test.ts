import { evidenceText } from '../../src/engine/evidence-text';

describe('evidenceText', () => {
  it('adds the source and the TTL the fact does not state', () => {
    expect(evidenceText({ text: 'the record is visible', source: 'ns1.example.net', ttl: 300 })).toBe('the record is visible (ns1.example.net, TTL 300 s)');
  });

  it('does not repeat a source or TTL the text already names', () => {
    expect(evidenceText({ text: 'ns1.example.net answered TXT "x" (TTL 300 s)', source: 'ns1.example.net', ttl: 300 })).toBe('ns1.example.net answered TXT "x" (TTL 300 s)');
  });

  it('is the bare fact when there is nothing to add', () => {
    expect(evidenceText({ text: 'no resolver answered' })).toBe('no resolver answered');
  });
});
