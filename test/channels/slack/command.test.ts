/** `/certstatus ...` end to end: the real Bolt app over HTTP, the fake Slack Web API, signed requests. */
import { blockText, button, buttonsOf } from '../../support/fake-slack/blocks';
import { decodePayload } from '../../../src/channels/kit/payload';
import { SlackTestbed } from '../../support/fake-slack/testbed';
import { gatedRunner, WRONG_PLATFORM, type GatedRunner } from './runners';

describe('/certstatus', () => {
  let bed: SlackTestbed;
  let dns: GatedRunner;

  beforeEach(async () => {
    dns = gatedRunner(WRONG_PLATFORM);
    bed = await new SlackTestbed({ runCheck: dns.runner }).start();
  });
  afterEach(() => bed.stop());

  it('checks the token with auth.test at start', () => {
    expect(bed.fake.callsOf('auth.test').length).toBeGreaterThanOrEqual(1);
    expect(bed.fake.callsOf('auth.test').every((call) => call.authorized)).toBe(true);
  });

  it('acknowledges before the DNS check answers, then posts the diagnosis ephemerally via response_url', async () => {
    const started = Date.now();
    const { id, result } = bed.command('Example.com');
    const ack = await result;
    const ackMs = Date.now() - started;
    expect(ack.status).toBe(200);
    expect(ack.json()).toMatchObject({ response_type: 'ephemeral', text: expect.stringContaining('Checking DNS for example.com') });
    // The check has been asked for but has not answered: nothing was posted yet.
    await bed.fake.waitFor(() => dns.calls.length === 1, 'the DNS check to start');
    expect(bed.fake.responses).toHaveLength(0);

    dns.release();
    await bed.fake.waitFor(() => bed.fake.responses.some((r) => r.id === id), 'the diagnosis on response_url');
    const posted = bed.fake.responses.find((r) => r.id === id)!.body;
    console.info(`slash command ack took ${ackMs} ms (DNS held back until after the ack)`);
    expect(dns.calls[0]).toEqual({ domain: 'example.com' });
    expect(posted).toMatchObject({ response_type: 'ephemeral', replace_original: true });
    const text = blockText(posted);
    expect(text).toContain('A wrong domain name management platform was selected');
    expect(text).toMatch(/1\. Find where example\.com is hosted/);
    expect(text).toContain('*Evidence*');
    expect(text).toContain('ns1.huaweicloud-dns.com answered: no TXT at _dnsauth.example.com (TTL 300 s)');
    expect(buttonsOf(posted).map((b) => b.text)).toEqual(['Check again', 'Troubleshoot step by step']);
    expect(String(posted.text)).toContain('A wrong domain name management platform was selected');
  });

  it('posts in the channel with "public"', async () => {
    dns.release();
    const { id, result } = bed.command('example.com public');
    // The channel sees the "checking" note, which the diagnosis then replaces: no stray ephemeral note is left.
    expect((await result).json()).toMatchObject({ response_type: 'in_channel', text: expect.stringContaining('Checking DNS for example.com') });
    await bed.fake.waitFor(() => bed.fake.responses.some((r) => r.id === id), 'the diagnosis');
    expect(bed.fake.responses.find((r) => r.id === id)!.body).toMatchObject({ response_type: 'in_channel', replace_original: true });
  });

  it.each([
    ['1.2.3.4', /^"1\.2\.3\.4" is not a domain name: it is an IP address/],
    ['exa mple', /^I did not understand "mple"/],
    ['localhost', /^"localhost" is not a domain name: it needs at least two labels/],
  ])('answers a bad domain %p with the CLI message, ephemeral, and checks nothing', async (input, message) => {
    const { result } = bed.command(input);
    const ack = (await result).json();
    expect(ack.response_type).toBe('ephemeral');
    expect(String(ack.text)).toMatch(message);
    expect(String(ack.text)).not.toContain('\n');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(dns.calls).toHaveLength(0);
    expect(bed.fake.responses).toHaveLength(0);
  });

  it('explains usage for "help"', async () => {
    const ack = (await bed.command('help').result).json();
    expect(ack.response_type).toBe('ephemeral');
    expect(String(ack.text)).toContain('/certstatus example.com');
  });

  it('starts the guided conversation in a direct message when given nothing', async () => {
    const { id, result } = bed.command('', { user: 'UALICE' });
    expect(String((await result).json().text)).toContain('direct message');
    await bed.fake.waitFor(() => bed.fake.responses.some((r) => r.id === id), 'the pointer to the DM');
    const dm = bed.fake.posts().filter((post) => post.channel === 'DALICE');
    expect(dm.length).toBeGreaterThanOrEqual(2);
    expect(bed.fake.callsOf('chat.postMessage')[0]?.args.channel).toBe('UALICE');
    expect(dm.at(-1)!.text).toContain('Which domain is the certificate for?');
    expect(dm.at(-1)!.thread_ts).toBeUndefined();
    expect(String(bed.fake.responses.find((r) => r.id === id)!.body.text)).toContain('<#DALICE>');
  });

  it('passes the record value to the check, and keeps it for the re-check', async () => {
    dns.release();
    const { id, result } = bed.command('example.com 20261125093000k7q2m9');
    await result;
    await bed.fake.waitFor(() => bed.fake.responses.some((r) => r.id === id), 'the diagnosis');
    expect(dns.calls).toEqual([{ domain: 'example.com', expect: '20261125093000k7q2m9' }]);
    const card = bed.fake.responses.find((r) => r.id === id)!.body;
    const click = bed.click({ channel: 'C1', ts: '1.1', ephemeral: true }, button(card, 'Check again'), 'UALICE');
    await click.result;
    await bed.fake.waitFor(() => dns.calls.length === 2, 'the re-check');
    expect(dns.calls[1]).toEqual({ domain: 'example.com', expect: '20261125093000k7q2m9' });
  });

  it('puts the canonical domain in the buttons, never the raw text typed (a long URL stays out of the value)', async () => {
    dns.release();
    const typed = `https://Example.COM/${'very-long-path/'.repeat(300)}`;
    const { id, result } = bed.command(`${typed} 20261125093000k7q2m9`);
    await result;
    await bed.fake.waitFor(() => bed.fake.responses.some((r) => r.id === id), 'the diagnosis');
    const card = bed.fake.responses.find((r) => r.id === id)!.body;
    expect(buttonsOf(card).length).toBeGreaterThan(0);
    for (const found of buttonsOf(card)) {
      expect(found.value.length).toBeLessThan(300);
      expect(decodePayload(found.value)).toMatchObject({ domain: 'example.com', expect: '20261125093000k7q2m9' });
    }
  });

  it('refuses a record value longer than one TXT string, saying what to fix', async () => {
    const { result } = bed.command(`example.com 20261125093000${'k'.repeat(300)}`);
    const answer = (await result).json();
    expect(answer).toMatchObject({ response_type: 'ephemeral', text: expect.stringContaining('That record value is 314 characters long') });
    expect(dns.calls).toHaveLength(0);
  });

  it('re-checks from the card button, replacing the card', async () => {
    dns.release();
    const first = bed.command('example.com');
    await first.result;
    await bed.fake.waitFor(() => bed.fake.responses.length === 1, 'the first diagnosis');
    const card = bed.fake.responses[0]!.body;
    const click = bed.click({ channel: 'C1', ts: '1.1', ephemeral: true }, button(card, 'Check again'), 'UALICE');
    expect((await click.result).status).toBe(200);
    await bed.fake.waitFor(() => bed.fake.responses.filter((r) => r.id === click.id).length === 2, 'checking, then the new card');
    const [checking, fresh] = bed.fake.responses.filter((r) => r.id === click.id);
    expect(checking!.body).toMatchObject({ replace_original: true, text: expect.stringContaining('Checking DNS for example.com') });
    expect(blockText(fresh!.body)).toContain('A wrong domain name management platform was selected');
    expect(dns.calls).toHaveLength(2);
  });
});
