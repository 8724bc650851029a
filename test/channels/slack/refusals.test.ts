/**
 * When Slack refuses a message's blocks anyway (invalid_blocks, msg_too_long, msg_blocks_too_long), the
 * user still gets the answer, as plain text, and the "Checking DNS…" note never stays on screen alone.
 * End to end: the real Bolt app, signed requests, the fake Slack told to refuse.
 */
import { createLogger } from '../../../src/core/logger';
import { blockText } from '../../support/fake-slack/blocks';
import { SlackTestbed } from '../../support/fake-slack/testbed';
import { gatedRunner, WRONG_PLATFORM } from './runners';

const CAUSE_TITLE = 'A wrong domain name management platform was selected';

describe('Slack refusing a message', () => {
  let bed: SlackTestbed;
  const logLines: string[] = [];
  beforeEach(async () => {
    logLines.length = 0;
    const logger = createLogger({ level: 'info', destination: { write: (line: string) => void logLines.push(line) } });
    bed = await new SlackTestbed({ runCheck: gatedRunner(WRONG_PLATFORM, false).runner, logger }).start();
  });
  afterEach(() => bed.stop());

  const warned = (error: string) => logLines.map((line) => JSON.parse(line) as Record<string, unknown>).some((line) => line.level === 40 && line.error === error);

  it('replaces the checking note with the answer as plain text when the card is refused (invalid_blocks)', async () => {
    bed.fake.refuseBlocks('chat.update', 'invalid_blocks');
    await bed.event({ type: 'app_mention', user: 'UALICE', text: '<@UBOT> check example.com', ts: '100.1', channel: 'C1' });
    await bed.fake.waitFor(() => bed.fake.callsOf('chat.update').some((call) => call.result.ok === true), 'the plain-text update');
    const [refused, plain] = bed.fake.callsOf('chat.update');
    expect(refused!.result).toEqual({ ok: false, error: 'invalid_blocks' });
    expect(blockText(refused!.args)).toContain(CAUSE_TITLE);
    // Same message (the checking note), now the answer in words: title, procedure, evidence; no blocks.
    expect(plain!.args.ts).toBe(refused!.args.ts);
    expect(plain!.args.blocks ?? []).toEqual([]);
    expect(String(plain!.args.text)).toContain(CAUSE_TITLE);
    expect(String(plain!.args.text)).toContain('ns1.huaweicloud-dns.com answered');
    expect(warned('invalid_blocks')).toBe(true);
  });

  it('posts a question as plain text when chat.postMessage refuses it (msg_blocks_too_long)', async () => {
    bed.fake.refuseBlocks('chat.postMessage', 'msg_blocks_too_long', 5);
    await bed.event({ type: 'app_mention', user: 'UALICE', text: '<@UBOT>', ts: '200.1', channel: 'C1' });
    await bed.fake.waitFor(() => bed.fake.posts().some((post) => post.text.includes('Which domain is the certificate for?')), 'the domain question as text');
    expect(bed.fake.refused.length).toBeGreaterThan(0);
    for (const post of bed.fake.posts()) expect(post.blocks).toEqual([]);
  });

  it('answers a slash command as plain text when its response_url refuses the blocks (msg_too_long)', async () => {
    bed.fake.refuseBlocks('response', 'msg_too_long');
    const { id, result } = bed.command('example.com');
    expect((await result).status).toBe(200);
    await bed.fake.waitFor(() => bed.fake.responses.some((response) => response.id === id), 'the plain-text response');
    const response = bed.fake.responses.find((r) => r.id === id)!.body;
    expect(response).toMatchObject({ replace_original: true, response_type: 'ephemeral', blocks: [] });
    expect(String(response.text)).toContain(CAUSE_TITLE);
    expect(bed.fake.refused).toEqual([{ method: 'response', error: 'msg_too_long' }]);
  });

  it('posts the answer after the note, and says so in the note, when the note cannot be replaced at all', async () => {
    bed.fake.failNext('chat.update', 'message_not_found');
    await bed.event({ type: 'app_mention', user: 'UALICE', text: '<@UBOT> check example.com', ts: '300.1', channel: 'C1' });
    await bed.fake.waitFor(() => bed.fake.callsOf('chat.update').some((call) => call.result.ok === true), 'the note updated');
    const inThread = bed.fake.posts().filter((post) => post.thread_ts === '300.1');
    expect(inThread[0]!.text).toContain('Checking DNS for example.com');
    expect(blockText(inThread[1]!)).toContain(CAUSE_TITLE);
    const note = bed.fake.callsOf('chat.update').find((call) => call.result.ok === true)!;
    expect(note.args.ts).toBe(inThread[0]!.ts);
    expect(String(note.args.text)).toContain('Checked DNS for example.com: the answer is below.');
  });
});
