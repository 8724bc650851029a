/** One versioned button payload for Slack values and Teams submits; every field is checked on the way back. */
import { cardPayload, decodePayload, encodePayload, type ActionPayload } from '../../../src/channels/kit/payload';

describe('action payloads', () => {
  const samples: ActionPayload[] = [
    { kind: 'choice', key: 'slack:T1:C1:100.1', question: 'step1#2', choice: 'no' },
    { kind: 'choice', question: 'step1#2', choice: 'verified' },
    { kind: 'card', action: 'recheck', key: 'slack:T1:D1' },
    { kind: 'card', action: 'watch', domain: 'example.com', expect: '20261125093000abc', public: true, cause: 'ttl-not-elapsed' },
  ];

  it.each(samples)('round-trips %j, as a Slack value and as a Teams submit', (payload) => {
    const encoded = encodePayload(payload);
    expect(encoded.startsWith('cs1:')).toBe(true);
    expect(decodePayload(encoded)).toEqual(payload);
    expect(decodePayload({ certstatus: encoded })).toEqual(payload);
  });

  it('builds the same card payload for a conversation card and a one-shot card on every platform', () => {
    expect(cardPayload('recheck', { key: 'teams:c' }, 'x')).toEqual({ kind: 'card', action: 'recheck', key: 'teams:c' });
    expect(cardPayload('watch', { domain: 'a.test', public: false }, 'ttl-not-elapsed')).toEqual({ kind: 'card', action: 'watch', domain: 'a.test', cause: 'ttl-not-elapsed' });
    expect(cardPayload('recheck', { domain: 'a.test', expect: 'v' }, 'ttl-not-elapsed')).toEqual({ kind: 'card', action: 'recheck', domain: 'a.test', expect: 'v' });
  });

  it('refuses an action id it does not know, instead of casting it (Slack\'s decodeCard passed "format-disk" on)', () => {
    expect(decodePayload('{"a":"format-disk","k":"slack:T1:C1:1.2"}')).toBeUndefined();
    expect(decodePayload(`cs1:${JSON.stringify({ t: 'a', a: 'format-disk', k: 'slack:T1:C1:1.2' })}`)).toBeUndefined();
    expect(decodePayload({ certstatus: 'action', action: 'format-disk' })).toBeUndefined();
  });

  it('refuses fields of the wrong type, empty or oversized', () => {
    for (const wire of [
      { t: 'q', q: 'step1#2', c: 7 },
      { t: 'q', q: '', c: 'x' },
      { t: 'a', a: 'recheck', d: ['example.com'] },
      { t: 'a', a: 'recheck', d: 'a.test', p: true },
      { t: 'a', a: 'recheck', k: 'x'.repeat(600) },
      { t: 'z', a: 'recheck' },
    ]) {
      expect([wire, decodePayload(`cs1:${JSON.stringify(wire)}`)]).toEqual([wire, undefined]);
    }
    expect(decodePayload('cs1:{not json')).toBeUndefined();
    expect(decodePayload('cs1:[1,2]')).toBeUndefined();
    expect(decodePayload(`cs1:${'x'.repeat(3000)}`)).toBeUndefined();
  });

  it('ignores values that are not ours', () => {
    expect(decodePayload('not json')).toBeUndefined();
    expect(decodePayload('{"k":"x"}')).toBeUndefined();
    expect(decodePayload('{"a":"recheck"}')).toBeUndefined();
    expect(decodePayload({ verb: 'approve' })).toBeUndefined();
    expect(decodePayload(undefined)).toBeUndefined();
    expect(decodePayload(null)).toBeUndefined();
    expect(decodePayload(42)).toBeUndefined();
  });

  it('still reads buttons posted before version 1 (Slack JSON values, Teams tagged objects), with the same checks', () => {
    expect(decodePayload('{"k":"slack:T1:C1:100.1","q":"step1#2","c":"no"}')).toEqual({ kind: 'choice', key: 'slack:T1:C1:100.1', question: 'step1#2', choice: 'no' });
    // An old Slack choice always named its conversation.
    expect(decodePayload('{"q":"step1#2","c":"no"}')).toBeUndefined();
    expect(decodePayload('{"a":"watch","d":"a.test","pub":true,"c":"ttl-not-elapsed"}')).toEqual({ kind: 'card', action: 'watch', domain: 'a.test', public: true, cause: 'ttl-not-elapsed' });
    expect(decodePayload({ certstatus: 'choice', questionId: 'q#1', choiceId: 'yes' })).toEqual({ kind: 'choice', question: 'q#1', choice: 'yes' });
    expect(decodePayload({ certstatus: 'action', action: 'recheck', domain: 'a.test' })).toEqual({ kind: 'card', action: 'recheck', domain: 'a.test' });
    expect(decodePayload({ certstatus: 'choice', questionId: 'q#1' })).toBeUndefined();
  });
});
