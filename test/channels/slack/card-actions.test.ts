/** The buttons under cause cards: re-check and start troubleshooting, from one-shot and conversation cards. */
import { blockText, button } from '../../support/fake-slack/blocks';
import { SlackTestbed } from '../../support/fake-slack/testbed';
import { gatedRunner, WRONG_PLATFORM, type GatedRunner } from './runners';

const CAUSE_TITLE = 'A wrong domain name management platform was selected';

describe('Slack cause card buttons', () => {
  let bed: SlackTestbed;
  let dns: GatedRunner;
  beforeEach(async () => {
    dns = gatedRunner(WRONG_PLATFORM, false);
    bed = await new SlackTestbed({ runCheck: dns.runner }).start();
  });
  afterEach(() => bed.stop());

  const inThread = (threadTs: string) => bed.fake.posts().filter((post) => post.thread_ts === threadTs);

  it('"Troubleshoot step by step" on a card in a thread starts the conversation there, with the domain known', async () => {
    await bed.event({ type: 'app_mention', user: 'UALICE', text: '<@UBOT> example.com', ts: '800.1', channel: 'C1' });
    await bed.fake.waitFor(() => bed.fake.callsOf('chat.update').length === 1, 'the card');
    const checking = inThread('800.1')[0]!;
    const card = { ...checking, blocks: bed.fake.callsOf('chat.update')[0]!.args.blocks as unknown[] };
    await bed.click(card, button(card, 'Troubleshoot step by step'), 'UBOB').result;
    await bed.fake.waitFor(() => inThread('800.1').some((post) => post.text.includes('Step 1 of 4: Is the ownership of example.com')), 'step 1 in the thread');
    // The domain came from the card: the bot did not ask for it.
    expect(inThread('800.1').some((post) => post.text.includes('Which domain'))).toBe(false);
  });

  it('"Troubleshoot step by step" on an ephemeral /certstatus card continues in a DM with the clicker', async () => {
    const { result } = bed.command('example.com');
    await result;
    await bed.fake.waitFor(() => bed.fake.responses.length === 1, 'the card');
    const card = bed.fake.responses[0]!.body;
    await bed.click({ channel: 'C1', ts: '1.1', ephemeral: true }, button(card, 'Troubleshoot step by step'), 'UCAROL').result;
    await bed.fake.waitFor(() => bed.fake.posts().some((post) => post.channel === 'DCAROL' && post.text.includes('Step 1 of 4')), 'step 1 in the DM');
    expect(bed.fake.posts().filter((post) => post.channel === 'C1')).toHaveLength(0);
  });

  it('"Check again" on a conversation\'s cause card runs the check again in that conversation', async () => {
    await bed.event({ type: 'app_mention', user: 'UALICE', text: '<@UBOT>', ts: '810.1', channel: 'C1' });
    await bed.fake.waitFor(() => inThread('810.1').some((post) => post.text.includes('Which domain')), 'the domain question');
    for (const [text, ts, next] of [['example.com', '810.2', 'Step 1 of 4'], ['yes', '810.3', 'paste the record value'], ['skip', '810.4', CAUSE_TITLE]] as const) {
      await bed.event({ type: 'message', channel_type: 'channel', user: 'UALICE', text, ts, thread_ts: '810.1', channel: 'C1' });
      await bed.fake.waitFor(() => inThread('810.1').some((post) => `${post.text}${blockText(post)}`.includes(next)), next);
    }
    const card = inThread('810.1').find((post) => blockText(post).includes(CAUSE_TITLE))!;
    expect(dns.calls).toHaveLength(1);
    await bed.click(card, button(card, 'Check again'), 'UBOB').result;
    await bed.fake.waitFor(() => inThread('810.1').filter((post) => blockText(post).includes(CAUSE_TITLE)).length === 2, 'a second card');
    expect(dns.calls).toHaveLength(2);
  });
});
