/** What Slack's transport does to us: signatures, retries of events, rate limits, and a bad token at start. */
import { createSlackChannel } from '../../../src/channels/slack/app';
import { createConversationService } from '../../../src/conversation/service';
import { CertstatusError, ErrorCode } from '../../../src/core/errors';
import { createLogger, silentLogger } from '../../../src/core/logger';
import { loadFlowsDir } from '../../../src/flow/registry';
import { MemoryStore } from '../../../src/store/memory';
import { commandBody } from '../../support/fake-slack/payloads';
import { FakeSlack } from '../../support/fake-slack/server';
import { SlackTestbed } from '../../support/fake-slack/testbed';
import { gatedRunner, WRONG_PLATFORM, type GatedRunner } from './runners';

describe('Slack transport', () => {
  let bed: SlackTestbed;
  let dns: GatedRunner;
  beforeEach(async () => {
    dns = gatedRunner(WRONG_PLATFORM, false);
    bed = await new SlackTestbed({ runCheck: dns.runner }).start();
  });
  afterEach(() => bed.stop());

  const mentionEvent = { type: 'app_mention', user: 'UALICE', text: '<@UBOT> check example.com', ts: '700.1', channel: 'C1' };

  it('handles a retried event (same event_id, X-Slack-Retry-Num) only once', async () => {
    expect((await bed.event(mentionEvent, { eventId: 'EvSAME' })).status).toBe(200);
    await bed.fake.waitFor(() => bed.fake.callsOf('chat.update').length === 1, 'the diagnosis');
    const retry = await bed.event(mentionEvent, { eventId: 'EvSAME', retryNum: 1 });
    expect(retry.status).toBe(200); // acknowledged, so Slack stops retrying
    await bed.event(mentionEvent, { eventId: 'EvSAME', retryNum: 2 });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(dns.calls).toHaveLength(1);
    expect(bed.fake.posts()).toHaveLength(1);
  });

  it('refuses a forged signature and a stale timestamp with 401 and handles nothing', async () => {
    const body = commandBody('example.com', { responseUrl: bed.fake.responseUrl() });
    const forged = await bed.post(body, 'application/x-www-form-urlencoded', { secret: 'not-the-secret' });
    expect(forged.status).toBe(401);
    const stale = await bed.post(body, 'application/x-www-form-urlencoded', { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 });
    expect(stale.status).toBe(401);
    const unsigned = await fetch(bed.url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"type":"event_callback"}' });
    expect(unsigned.status).toBe(401);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(dns.calls).toHaveLength(0);
    expect(bed.fake.responses).toHaveLength(0);
    expect(bed.fake.calls.filter((call) => call.method !== 'auth.test')).toHaveLength(0);
  });

  it('refuses a request signed an hour in the future (the window applies both ways), with one warn line', async () => {
    await bed.stop();
    const lines: string[] = [];
    bed = await new SlackTestbed({ runCheck: dns.runner, logger: createLogger({ destination: { write: (line: string) => void lines.push(line) } }) }).start();
    const body = commandBody('example.com', { responseUrl: bed.fake.responseUrl() });
    const nowS = Math.floor(Date.now() / 1000);
    const future = await bed.post(body, 'application/x-www-form-urlencoded', { timestamp: nowS + 60 * 60 });
    expect(future.status).toBe(401);
    const past = await bed.post(body, 'application/x-www-form-urlencoded', { timestamp: nowS - 60 * 60 });
    expect(past.status).toBe(401);
    // Within the window, ahead or behind, the same signed request is taken.
    expect((await bed.post(body, 'application/x-www-form-urlencoded', { timestamp: nowS + 60 })).status).toBe(200);
    const warned = lines.map((line) => JSON.parse(line) as { level: number; msg: string }).filter((line) => line.level === 40 && line.msg.startsWith('Slack request refused'));
    expect(warned.map((line) => line.msg)).toEqual([
      expect.stringMatching(/^Slack request refused: its timestamp is (359\d|360\d) s ahead of this server's clock \(more than 5 minutes\)$/),
      expect.stringMatching(/^Slack request refused: its timestamp is (359\d|360\d) s behind this server's clock/),
    ]);
    await bed.fake.waitFor(() => dns.calls.length === 1, 'the one accepted check');
  });

  it('answers Slack\'s URL verification challenge', async () => {
    const response = await bed.post(JSON.stringify({ type: 'url_verification', challenge: 'abc123', token: 't' }), 'application/json');
    expect(response.status).toBe(200);
    expect(response.text).toContain('abc123');
  });

  it('retries a rate-limited Web API call after Retry-After', async () => {
    bed.fake.rateLimit('chat.postMessage', 1, 1);
    await bed.event(mentionEvent);
    await bed.fake.waitFor(() => bed.fake.callsOf('chat.postMessage').length === 1, 'the retried post', 10_000);
    expect(bed.fake.rateLimited).toHaveLength(1);
    const waited = bed.fake.callsOf('chat.postMessage')[0]!.at - bed.fake.rateLimited[0]!.at;
    console.info(`rate-limited chat.postMessage retried after ${waited} ms (Retry-After: 1)`);
    expect(waited).toBeGreaterThanOrEqual(900); // the server's Retry-After, not a guess
    await bed.fake.waitFor(() => bed.fake.callsOf('chat.update').length === 1, 'the diagnosis');
  });
});

describe('Slack start-up', () => {
  const fake = new FakeSlack();
  beforeAll(() => fake.start());
  afterAll(() => fake.stop());

  function channel(apiUrl: string) {
    const store = new MemoryStore();
    const conversations = createConversationService({ flows: loadFlowsDir(), store, runCheck: gatedRunner(WRONG_PLATFORM, false).runner });
    return createSlackChannel({ config: { botToken: 'xoxb-revoked', signingSecret: 's', apiUrl }, conversations, store, logger: silentLogger });
  }

  it('turns a rejected token into one clear configuration error', async () => {
    fake.rejectToken('invalid_auth');
    const error = await channel(fake.apiUrl).start().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CertstatusError);
    expect((error as CertstatusError).code).toBe(ErrorCode.Config);
    expect((error as CertstatusError).message).toBe(
      'Slack rejected SLACK_BOT_TOKEN (invalid_auth): check SLACK_BOT_TOKEN (Slack app > OAuth & Permissions > Bot User OAuth Token).',
    );
    expect((error as CertstatusError).message).not.toContain('xoxb-revoked');
  });

  it('says when the Slack API cannot be reached', async () => {
    const down = new FakeSlack();
    await down.start();
    const url = down.apiUrl;
    await down.stop();
    const error = await channel(url).start().catch((e: unknown) => e);
    expect((error as CertstatusError).code).toBe(ErrorCode.Config);
    expect((error as CertstatusError).message).toMatch(/^Could not reach the Slack API at http:\/\/127\.0\.0\.1:\d+\/api\/ to check SLACK_BOT_TOKEN/);
  });
});

describe('Slack shutdown', () => {
  it('lets an answer still being worked on after its ack finish before stop() resolves', async () => {
    const dns = gatedRunner(WRONG_PLATFORM);
    const bed = await new SlackTestbed({ runCheck: dns.runner }).start();
    const { id, result } = bed.command('example.com');
    await result;
    await bed.fake.waitFor(() => dns.calls.length === 1, 'the check to start');
    let stopped = false;
    const stopping = bed.channel.stop().then(() => (stopped = true));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(stopped).toBe(false);
    dns.release();
    await stopping;
    expect(bed.fake.responses.some((r) => r.id === id)).toBe(true);
    await bed.stop();
  });
});
