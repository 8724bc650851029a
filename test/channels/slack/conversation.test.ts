/** Guided conversations in Slack threads and DMs, end to end over HTTP with signed requests. */
import { blockText, button, buttonsOf } from '../../support/fake-slack/blocks';
import { SlackTestbed } from '../../support/fake-slack/testbed';
import { gatedRunner, WRONG_PLATFORM, type GatedRunner } from './runners';

const CAUSE_TITLE = 'A wrong domain name management platform was selected';

describe('Slack conversations', () => {
  let bed: SlackTestbed;
  let dns: GatedRunner;
  beforeEach(async () => {
    dns = gatedRunner(WRONG_PLATFORM, false);
    bed = await new SlackTestbed({ runCheck: dns.runner }).start();
  });
  afterEach(() => bed.stop());

  const threadPosts = (threadTs: string) => bed.fake.posts().filter((post) => post.thread_ts === threadTs);
  const lastPost = (threadTs: string) => threadPosts(threadTs).at(-1)!;
  const waitQuestion = (threadTs: string, text: string) =>
    bed.fake.waitFor(() => threadPosts(threadTs).some((post) => post.text.includes(text)), `"${text}" in ${threadTs}`);

  async function mention(text: string, ts: string, threadTs?: string, user = 'UALICE') {
    const response = await bed.event({ type: 'app_mention', user, text, ts, channel: 'C1', ...(threadTs ? { thread_ts: threadTs } : {}) });
    expect(response.status).toBe(200);
  }

  async function reply(text: string, ts: string, threadTs: string, user: string, channelType = 'channel', channel = 'C1') {
    const response = await bed.event({ type: 'message', channel_type: channelType, user, text, ts, thread_ts: threadTs, channel });
    expect(response.status).toBe(200);
  }

  it('works in a group DM like in a channel: a mention starts a conversation in its thread, replies there answer', async () => {
    const response = await bed.event({ type: 'app_mention', user: 'UALICE', text: '<@UBOT>', ts: '150.1', channel: 'G1' });
    expect(response.status).toBe(200);
    const inGroup = () => bed.fake.posts().filter((post) => post.channel === 'G1' && post.thread_ts === '150.1');
    await bed.fake.waitFor(() => inGroup().some((post) => post.text.includes('Which domain is the certificate for?')), 'the domain question in the group DM thread');
    await reply('example.com', '150.2', '150.1', 'UBOB', 'mpim', 'G1');
    await bed.fake.waitFor(() => inGroup().some((post) => post.text.includes('Step 1 of 4')), 'step 1 after Bob answered');
  });

  it('answers a mention with a domain in the message\'s thread', async () => {
    await mention('<@UBOT> check example.com', '100.1');
    await bed.fake.waitFor(() => bed.fake.callsOf('chat.update').length === 1, 'the checking message replaced by the card');
    const [checking] = threadPosts('100.1');
    expect(checking!.text).toContain('Checking DNS for example.com');
    const update = bed.fake.callsOf('chat.update')[0]!.args;
    expect(update).toMatchObject({ channel: 'C1', ts: checking!.ts });
    expect(blockText(update)).toContain(CAUSE_TITLE);
    expect(buttonsOf(update).map((b) => b.text)).toEqual(['Check again', 'Troubleshoot step by step']);
  });

  it('runs a conversation in a thread that two people answer, by text and by button, to the cause', async () => {
    await mention('<@UBOT>', '200.1');
    await waitQuestion('200.1', 'Which domain is the certificate for?');
    expect(threadPosts('200.1')[0]!.text).toContain('Let\'s find out why');

    // Bob, not the one who mentioned the bot, answers in the thread by typing.
    await reply('example.com', '200.2', '200.1', 'UBOB');
    await bed.fake.waitFor(() => lastPost('200.1').text.includes('Step 1 of 4'), 'step 1');
    const step1 = lastPost('200.1');
    // The typed answer replaced the domain question's prompt: answered by Bob.
    await bed.fake.waitFor(() => bed.fake.callsOf('chat.update').length === 1, 'the domain question marked answered');
    expect(blockText(bed.fake.callsOf('chat.update')[0]!.args)).toContain('✅ example.com — answered by <@UBOB>');

    // Alice clicks "Yes, it is verified".
    const click = bed.click(step1, button(step1, 'Yes, it is verified'), 'UALICE');
    expect((await click.result).status).toBe(200);
    await bed.fake.waitFor(() => lastPost('200.1').text.includes('paste the record value'), 'the record value question');
    const updated = bed.fake.callsOf('chat.update').find((call) => call.args.ts === step1.ts)!.args;
    expect(blockText(updated)).toContain('✅ Yes, it is verified — chosen by <@UALICE>');
    expect(buttonsOf(updated)).toHaveLength(0);

    await reply('skip', '200.3', '200.1', 'UBOB');
    await bed.fake.waitFor(() => threadPosts('200.1').some((post) => blockText(post).includes(CAUSE_TITLE)), 'the cause');
    const card = threadPosts('200.1').find((post) => blockText(post).includes(CAUSE_TITLE))!;
    expect(blockText(card)).toContain('The record is on Cloudflare but the domain uses Huawei Cloud DNS');
    expect(buttonsOf(card).map((b) => b.text)).toEqual(expect.arrayContaining(['Check again', 'Start over']));
    // Everything stayed in the thread.
    expect(bed.fake.posts().every((post) => post.thread_ts === '200.1')).toBe(true);

    // The conversation has ended; "recheck" typed under the card (no mention) checks the domain again.
    const cards = () => threadPosts('200.1').filter((post) => blockText(post).includes(CAUSE_TITLE)).length;
    const checksBefore = dns.calls.length;
    await reply('recheck', '200.4', '200.1', 'UALICE');
    await bed.fake.waitFor(() => cards() === 2, 'a second cause card after recheck');
    expect(dns.calls.length).toBe(checksBefore + 1);
  });

  it('marks a question answered even when the answer is typed the instant it appears', async () => {
    // No waiting between the mention and the reply: the reply is applied after the question is posted.
    await mention('<@UBOT>', '250.1');
    await reply('example.com', '250.2', '250.1', 'UBOB');
    await waitQuestion('250.1', 'Step 1 of 4');
    await bed.fake.waitFor(() => bed.fake.callsOf('chat.update').length === 1, 'the domain question marked answered');
    const question = threadPosts('250.1').find((post) => post.text.includes('Which domain'))!;
    expect(bed.fake.callsOf('chat.update')[0]!.args).toMatchObject({ ts: question.ts });
  });

  it('handles a mention inside a conversation\'s thread once, though Slack sends it as app_mention and as message', async () => {
    await mention('<@UBOT>', '260.1');
    await waitQuestion('260.1', 'Which domain');
    const before = threadPosts('260.1').length;
    const text = '<@UBOT> example.com';
    await bed.event({ type: 'message', channel_type: 'channel', user: 'UALICE', text, ts: '260.2', thread_ts: '260.1', channel: 'C1' });
    await mention(text, '260.2', '260.1');
    await waitQuestion('260.1', 'Step 1 of 4');
    await new Promise((resolve) => setTimeout(resolve, 200));
    // Exactly one new message: step 1. Handled twice, the raw "<@UBOT> example.com" would also get an error.
    expect(threadPosts('260.1').slice(before).map((post) => post.text)).toEqual([expect.stringContaining('Step 1 of 4')]);
  });

  it('applies a click once: a repeated click and a click on an old question get a note only the clicker sees', async () => {
    await mention('<@UBOT> start', '300.1');
    await waitQuestion('300.1', 'Which domain');
    await reply('example.com', '300.2', '300.1', 'UALICE');
    await bed.fake.waitFor(() => lastPost('300.1').text.includes('Step 1 of 4'), 'step 1');
    const step1 = lastPost('300.1');
    const yes = button(step1, 'Yes, it is verified');

    await bed.click(step1, yes, 'UALICE').result;
    await bed.fake.waitFor(() => lastPost('300.1').text.includes('paste the record value'), 'the next question');
    const postsAfterFirst = bed.fake.posts().length;

    // The same button again (a double click, or Bob late): not applied, told who answered.
    await bed.click(step1, yes, 'UBOB').result;
    await bed.fake.waitFor(() => bed.fake.callsOf('chat.postEphemeral').length === 1, 'the note to Bob');
    expect(bed.fake.callsOf('chat.postEphemeral')[0]!.args).toMatchObject({
      channel: 'C1', user: 'UBOB', thread_ts: '300.1', text: expect.stringContaining('<@UALICE> already answered this question (Yes, it is verified)'),
    });
    // A different choice of the old question: also refused.
    await bed.click(step1, button(step1, 'No, not yet'), 'UBOB').result;
    await bed.fake.waitFor(() => bed.fake.callsOf('chat.postEphemeral').length === 2, 'the second note');
    expect(bed.fake.posts()).toHaveLength(postsAfterFirst);
    expect((await bed.channel.app.client.auth.test()).ok).toBe(true); // the app is still healthy
  });

  it('applies only one of two simultaneous clicks on the same question', async () => {
    await mention('<@UBOT>', '350.1');
    await waitQuestion('350.1', 'Which domain');
    await reply('example.com', '350.2', '350.1', 'UALICE');
    await waitQuestion('350.1', 'Step 1 of 4');
    const step1 = lastPost('350.1');
    const clicks = [
      bed.click(step1, button(step1, 'Yes, it is verified'), 'UALICE').result,
      bed.click(step1, button(step1, 'No, not yet'), 'UBOB').result,
    ];
    expect((await Promise.all(clicks)).map((r) => r.status)).toEqual([200, 200]);
    await bed.fake.waitFor(() => bed.fake.callsOf('chat.postEphemeral').length === 1, 'one refusal');
    await bed.fake.waitFor(() => bed.fake.callsOf('chat.update').some((call) => call.args.ts === step1.ts), 'one answer');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(bed.fake.callsOf('chat.update').filter((call) => call.args.ts === step1.ts)).toHaveLength(1);
    expect(bed.fake.callsOf('chat.postEphemeral')).toHaveLength(1);
  });

  it('refuses a click after the conversation expired', async () => {
    await mention('<@UBOT>', '400.1');
    await waitQuestion('400.1', 'Which domain');
    await reply('example.com', '400.2', '400.1', 'UALICE');
    await bed.fake.waitFor(() => lastPost('400.1').text.includes('Step 1 of 4'), 'step 1');
    const step1 = lastPost('400.1');
    bed.time += 25 * 60 * 60 * 1000;
    await bed.click(step1, button(step1, 'No, not yet'), 'UALICE').result;
    await bed.fake.waitFor(() => bed.fake.callsOf('chat.postEphemeral').length === 1, 'the expiry note');
    expect(String(bed.fake.callsOf('chat.postEphemeral')[0]!.args.text)).toContain('expired');
    expect(bed.fake.callsOf('chat.update')).toHaveLength(1); // only the domain answer, never this click
  });

  it('ignores thread replies where there is no conversation, bot messages and edits', async () => {
    await reply('example.com', '500.2', '500.1', 'UALICE');
    await bed.event({ type: 'message', channel_type: 'channel', bot_id: 'BOTHER', user: 'UOTHER', text: 'hi', ts: '500.3', thread_ts: '500.1', channel: 'C1' });
    await bed.event({ type: 'message', subtype: 'message_changed', channel_type: 'channel', ts: '500.4', channel: 'C1' });
    await bed.event({ type: 'message', channel_type: 'channel', user: 'UALICE', text: 'not in a thread', ts: '500.5', channel: 'C1' });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(bed.fake.posts()).toHaveLength(0);
  });

  it('talks directly in a DM, from the first message to the cause', async () => {
    const dm = (text: string, ts: string) => bed.event({ type: 'message', channel_type: 'im', user: 'UALICE', text, ts, channel: 'DALICE' });
    const dmPosts = () => bed.fake.posts().filter((post) => post.channel === 'DALICE');
    await dm('hello', '600.1');
    await bed.fake.waitFor(() => dmPosts().some((post) => post.text.includes('Which domain')), 'the first question');
    await dm('example.com', '600.2');
    await bed.fake.waitFor(() => dmPosts().some((post) => post.text.includes('Step 1 of 4')), 'step 1');
    await dm('yes', '600.3');
    await bed.fake.waitFor(() => dmPosts().some((post) => post.text.includes('paste the record value')), 'the value question');
    await dm('skip', '600.4');
    await bed.fake.waitFor(() => dmPosts().some((post) => blockText(post).includes(CAUSE_TITLE)), 'the cause');
    expect(dmPosts().every((post) => post.thread_ts === undefined)).toBe(true);
  });
});
