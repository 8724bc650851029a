/** Reading `/certstatus ...`, mentions and DMs. */
import { parseIntent, stripMentions } from '../../../src/channels/slack/intent';
import { conversationKey, placeFromKey } from '../../../src/channels/slack/places';

const command = (text: string) => parseIntent(text, { conversationActive: false, allowText: false });
const chat = (text: string, active = false) => parseIntent(text, { conversationActive: active, allowText: true });

describe('parseIntent', () => {
  it('reads slash command text', () => {
    expect(command('')).toEqual({ kind: 'start' });
    expect(command('  help ')).toEqual({ kind: 'help' });
    expect(command('example.com')).toEqual({ kind: 'diagnose', domain: 'example.com', public: false });
    expect(command('https://www.Example.com/x public')).toEqual({ kind: 'diagnose', domain: 'https://www.Example.com/x', public: true });
    expect(command('<http://example.com|example.com>')).toMatchObject({ kind: 'diagnose', domain: '<http://example.com|example.com>' });
    expect(command('check example.com')).toMatchObject({ kind: 'diagnose', domain: 'example.com' });
  });

  it('takes the record value the CA asked for, in any position after the domain, quotes removed', () => {
    expect(command('example.com 20261125093000k7q2m9')).toEqual({ kind: 'diagnose', domain: 'example.com', expect: '20261125093000k7q2m9', public: false });
    expect(command('example.com public "20261125093000k7q2m9"')).toEqual({ kind: 'diagnose', domain: 'example.com', expect: '20261125093000k7q2m9', public: true });
    expect(command('example.com 20261125093000a 20261125093000b')).toEqual({ kind: 'invalid', message: 'Give one record value. Usage: /certstatus DOMAIN [RECORD-VALUE] [public]' });
  });

  it('gives the CLI\'s one-line message for a bad domain', () => {
    expect(command('192.0.2.1')).toEqual({ kind: 'invalid', message: '"192.0.2.1" is not a domain name: it is an IP address; give the domain the certificate is for.' });
    expect(command('nodots')).toMatchObject({ kind: 'invalid', message: expect.stringContaining('at least two labels') });
    expect(command('example.com loudly')).toEqual({ kind: 'invalid', message: 'I did not understand "loudly". Usage: /certstatus DOMAIN [RECORD-VALUE] [public]' });
    expect(chat('<@UBOT> check')).toEqual({ kind: 'invalid', message: 'Give a domain name, for example check example.com.' });
  });

  it('reads mentions and DMs: start, check, a bare domain, or other words', () => {
    expect(chat('<@UBOT>')).toEqual({ kind: 'start' });
    expect(chat('<@UBOT> check example.com')).toMatchObject({ kind: 'diagnose', domain: 'example.com' });
    expect(chat('<@UBOT> example.com')).toMatchObject({ kind: 'diagnose', domain: 'example.com' });
    expect(chat('<@UBOT> my certificate is stuck')).toEqual({ kind: 'text', text: 'my certificate is stuck' });
  });

  it('treats words as answers while a conversation waits, except "check DOMAIN"', () => {
    expect(chat('example.com', true)).toEqual({ kind: 'text', text: 'example.com' });
    expect(chat('help', true)).toEqual({ kind: 'text', text: 'help' });
    expect(chat('yes', true)).toEqual({ kind: 'text', text: 'yes' });
    expect(chat('check example.com', true)).toMatchObject({ kind: 'diagnose' });
  });

  it('strips every mention', () => {
    expect(stripMentions('<@UBOT|certstatus>  hi <@U2> there')).toBe('hi there');
  });
});

describe('conversation keys', () => {
  it('key a thread and a DM, and read the place back from a key', () => {
    const thread = { teamId: 'T1', channel: 'C1', threadTs: '100.200' };
    expect(conversationKey(thread)).toBe('slack:T1:C1:100.200');
    expect(placeFromKey('slack:T1:C1:100.200')).toEqual(thread);
    expect(conversationKey({ teamId: 'T1', channel: 'D1' })).toBe('slack:T1:D1');
    expect(placeFromKey('slack:T1:D1')).toEqual({ teamId: 'T1', channel: 'D1' });
    expect(placeFromKey('teams:whatever')).toBeUndefined();
  });
});
