/** One grammar for `/certstatus ...`, mentions, DMs, Teams messages: the same words mean the same everywhere. */
import { isConversationCommand, isWatchListOrCancel, parseCommand, stripMentions, usage } from '../../../src/channels/kit/grammar';

const command = (text: string) => parseCommand(text, { conversationActive: false, freeText: false });
const chat = (text: string, active = false) => parseCommand(text, { conversationActive: active, freeText: true });

describe('parseCommand', () => {
  it('reads a certificate id: cert:ID, certificate ID, or the id alone, after check and before public', () => {
    expect(command('cert:scs1590053258704')).toEqual({ kind: 'certificate', id: 'scs1590053258704', public: false });
    expect(command('CERT:scs1590053258704 public')).toEqual({ kind: 'certificate', id: 'scs1590053258704', public: true });
    expect(chat('<@UBOT> check scs1590053258704')).toEqual({ kind: 'certificate', id: 'scs1590053258704', public: false });
    expect(chat('certificate scs1590053258704')).toEqual({ kind: 'certificate', id: 'scs1590053258704', public: false });
    expect(chat('scs1590053258704')).toEqual({ kind: 'certificate', id: 'scs1590053258704', public: false });
    // Whatever follows cert: is the id; the service says whether it is one.
    expect(command('cert:nonsense')).toEqual({ kind: 'certificate', id: 'nonsense', public: false });
    expect(command('cert:scs1590053258704 loudly')).toMatchObject({ kind: 'invalid', message: expect.stringContaining('I did not understand "loudly" after the certificate id') });
  });

  it('a bare id typed while a question waits is an answer; cert:ID and check ID are still commands', () => {
    expect(chat('scs1590053258704', true)).toEqual({ kind: 'text', text: 'scs1590053258704' });
    expect(chat('check scs1590053258704', true)).toEqual({ kind: 'certificate', id: 'scs1590053258704', public: false });
    expect(chat('cert:scs1590053258704', true)).toEqual({ kind: 'certificate', id: 'scs1590053258704', public: false });
  });

  it('reads several names as one several-name check, in the order given, duplicates once', () => {
    expect(command('a.com www.a.com public')).toEqual({ kind: 'diagnose-many', domains: ['a.com', 'www.a.com'], public: true });
    expect(chat('check a.com www.a.com A.com shop.a.com')).toEqual({ kind: 'diagnose-many', domains: ['a.com', 'www.a.com', 'shop.a.com'], public: false });
    expect(command('a.com A.COM')).toEqual({ kind: 'diagnose', domain: 'a.com', public: false });
  });

  it('refuses a record value with several names, a bad name among them, and too many names', () => {
    expect(command('a.com www.a.com 20261125093000abc')).toMatchObject({ kind: 'invalid', message: expect.stringContaining('A record value goes with one name') });
    expect(command('a.com 192.0.2.1')).toMatchObject({ kind: 'invalid', message: expect.stringContaining('is not a domain name') });
    const many = Array.from({ length: 21 }, (_, i) => `n${i}.a.com`).join(' ');
    expect(command(many)).toEqual({ kind: 'invalid', message: 'Give at most 20 names at once (you gave 21).' });
  });

  it('cleans a pasted value and command the same way as the CLI (dns/pasted.ts)', () => {
    expect(command('example.com \u200b\u201c20261125093000k7q2m9\u201d\u200b')).toEqual({ kind: 'diagnose', domain: 'example.com', expect: '20261125093000k7q2m9', public: false });
    expect(command('example.com\u00a0\'20261125093000k7q2m9\'')).toEqual({ kind: 'diagnose', domain: 'example.com', expect: '20261125093000k7q2m9', public: false });
    expect(command('_dnsauth.example.com')).toMatchObject({ kind: 'diagnose', domain: '_dnsauth.example.com' });
    expect(command('co.uk')).toEqual({ kind: 'invalid', message: expect.stringContaining('public suffix') });
    expect(command('_acme.example.com')).toEqual({ kind: 'invalid', message: expect.stringContaining('underscore') });
    expect(command(`example.com 20261125093000${'x'.repeat(300)}`)).toEqual({ kind: 'invalid', message: expect.stringContaining('at most 255') });
  });

  it('reads slash command text', () => {
    expect(command('')).toEqual({ kind: 'poke' });
    expect(command('  help ')).toEqual({ kind: 'help' });
    expect(command('example.com')).toEqual({ kind: 'diagnose', domain: 'example.com', public: false });
    expect(command('https://www.Example.com/x public')).toEqual({ kind: 'diagnose', domain: 'https://www.Example.com/x', public: true });
    expect(command('<http://example.com|example.com>')).toMatchObject({ kind: 'diagnose', domain: '<http://example.com|example.com>' });
    expect(command('check example.com')).toMatchObject({ kind: 'diagnose', domain: 'example.com' });
  });

  it('takes the record value the CA asked for, in any position after the domain, quotes removed', () => {
    expect(command('example.com 20261125093000k7q2m9')).toEqual({ kind: 'diagnose', domain: 'example.com', expect: '20261125093000k7q2m9', public: false });
    expect(command('example.com public "20261125093000k7q2m9"')).toEqual({ kind: 'diagnose', domain: 'example.com', expect: '20261125093000k7q2m9', public: true });
    expect(command('example.com 20261125093000a 20261125093000b')).toEqual({ kind: 'invalid', message: 'Give one record value. Usage: check DOMAIN [RECORD-VALUE] [public]' });
  });

  it('reads "public" as public in every channel, never as the record value (Teams took it as one)', () => {
    // Teams messages and Slack mentions go through the same call.
    expect(chat('check example.com public')).toEqual({ kind: 'diagnose', domain: 'example.com', public: true });
    expect(chat('certstatus example.com public')).toEqual({ kind: 'diagnose', domain: 'example.com', public: true });
    expect(chat('check example.com 20261125093000abc public')).toEqual({ kind: 'diagnose', domain: 'example.com', expect: '20261125093000abc', public: true });
  });

  it('refuses a second word that is no record value, where Teams used to compare with it', () => {
    expect(chat('check example.com loudly')).toEqual({ kind: 'invalid', message: 'I did not understand "loudly". Usage: check DOMAIN [RECORD-VALUE] [public]' });
  });

  it('gives the CLI\'s one-line message for a bad domain', () => {
    expect(command('192.0.2.1')).toEqual({ kind: 'invalid', message: '"192.0.2.1" is not a domain name: it is an IP address; give the domain the certificate is for.' });
    expect(command('nodots')).toMatchObject({ kind: 'invalid', message: expect.stringContaining('at least two labels') });
    expect(chat('<@UBOT> check')).toEqual({ kind: 'invalid', message: 'Give a domain name, for example check example.com.' });
  });

  it('reads mentions, DMs and Teams messages: start, check, a bare domain, or other words', () => {
    expect(chat('<@UBOT>')).toEqual({ kind: 'poke' });
    expect(chat('<@UBOT> check example.com')).toMatchObject({ kind: 'diagnose', domain: 'example.com' });
    expect(chat('<@UBOT> example.com')).toMatchObject({ kind: 'diagnose', domain: 'example.com' });
    expect(chat('CHECK Example.COM')).toMatchObject({ kind: 'diagnose', domain: 'Example.COM' });
    expect(chat('certstatus example.com')).toMatchObject({ kind: 'diagnose', domain: 'example.com' });
    expect(chat('<@UBOT> my certificate is stuck')).toEqual({ kind: 'text', text: 'my certificate is stuck' });
  });

  it('starts guided troubleshooting, with the domain (in ASCII) when given', () => {
    expect(chat('troubleshoot')).toEqual({ kind: 'start' });
    expect(chat('certstatus')).toEqual({ kind: 'poke' });
    expect(chat('troubleshoot Shop.TEST')).toEqual({ kind: 'start', domain: 'shop.test' });
    expect(chat('troubleshoot 192.0.2.1')).toMatchObject({ kind: 'invalid' });
    // "start over" is the engine's restart, not a domain.
    expect(chat('start over')).toEqual({ kind: 'text', text: 'start over' });
  });

  it('treats words as answers while a conversation waits, except "check DOMAIN"', () => {
    expect(chat('example.com', true)).toEqual({ kind: 'text', text: 'example.com' });
    expect(chat('help', true)).toEqual({ kind: 'text', text: 'help' });
    expect(chat('yes', true)).toEqual({ kind: 'text', text: 'yes' });
    // Alone, "check" is the engine's re-check.
    expect(chat('check', true)).toEqual({ kind: 'text', text: 'check' });
    expect(chat('check example.com', true)).toMatchObject({ kind: 'diagnose' });
  });

  it('leaves the engine\'s own words to the conversation, even those that start with "check"', () => {
    expect(chat('check again')).toEqual({ kind: 'text', text: 'check again' });
    expect(chat('<@UBOT> check again', true)).toEqual({ kind: 'text', text: 'check again' });
    expect(chat('stop watching')).toEqual({ kind: 'text', text: 'stop watching' });
  });

  it('strips every mention', () => {
    expect(stripMentions('<@UBOT|certstatus>  hi <@U2> there')).toBe('hi there');
  });

  it('has one usage text, ending with the platform\'s line', () => {
    const text = usage('• Somewhere: mention me.');
    expect(text).toContain('`check example.com`');
    expect(text).toContain('`public`');
    expect(text).toContain('`watches`');
    expect(text.split('\n').at(-1)).toBe('• Somewhere: mention me.');
  });
});

describe('typed commands', () => {
  test('recognises every command word, with or without the bot mention', () => {
    for (const text of ['recheck', 'Restart', 'back', 'help', 'watch', '<@UBOT> notify me', 'Notify me when it takes effect', 'watches', '<@UBOT|certstatus> stop watching', 'unwatch']) {
      expect([text, isConversationCommand(text)]).toEqual([text, true]);
    }
  });

  test('sentences that merely contain a command word are not commands', () => {
    for (const text of ['<@UBOT> check shop.test', 'please watch my domain', 'can you recheck it later?', '']) {
      expect([text, isConversationCommand(text)]).toEqual([text, false]);
    }
  });

  test('only "watches" and "unwatch" reach a thread that has nothing but a watch', () => {
    expect(['watches', 'unwatch', 'stop watching', 'watch', 'recheck'].map(isWatchListOrCancel)).toEqual([true, true, true, false, false]);
  });
});
