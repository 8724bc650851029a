/** Slack: the watch button on a conversation's cause card, typed watch commands, and the notice in the thread. */
import { createSlackChannel, type SlackChannel } from '../../../src/channels/slack/app';
import { createSlackWatchNotifier } from '../../../src/channels/slack/adapter';
import { createConversationService } from '../../../src/conversation/service';
import { silentLogger } from '../../../src/core/logger';
import { loadFlowsDir } from '../../../src/flow/registry';
import { createHttpServer, type RunningServer } from '../../../src/server/server';
import { openStore } from '../../../src/store/open-store';
import { setUpWatches, type WatchesSetup } from '../../../src/watch/setup';
import { blockText, button } from '../../support/fake-slack/blocks';
import { clickBody, eventBody, type PostedMessage } from '../../support/fake-slack/payloads';
import { FakeSlack } from '../../support/fake-slack/server';
import { signedHeaders } from '../../support/fake-slack/sign';
import { SIGNING_SECRET } from '../../support/fake-slack/testbed';
import { SettableRunner } from '../../watch/helpers';

const TTL_TITLE = 'The configuration has not taken effect yet (TTL)';

describe('Slack watches', () => {
  const fake = new FakeSlack();
  const runner = new SettableRunner();
  let time = Date.now();
  const now = () => time;
  let channel: SlackChannel;
  let server: RunningServer;
  let watches: WatchesSetup;
  let url = '';

  beforeAll(async () => {
    await fake.start();
    const flows = loadFlowsDir();
    const store = await openStore({ memory: true, now });
    watches = setUpWatches({ store, runCheck: runner.run, causes: () => flows.defaultFlow, logger: silentLogger, now })!;
    const conversations = createConversationService({ flows, store, runCheck: runner.run, now, watches: watches.scheduler });
    channel = createSlackChannel({
      config: { botToken: 'xoxb-test-token', signingSecret: SIGNING_SECRET, apiUrl: fake.apiUrl },
      conversations, store, logger: silentLogger, now, retryConfig: { retries: 0 },
    });
    await channel.start();
    watches.routes.slack = createSlackWatchNotifier(channel.app.client);
    server = await createHttpServer({ routes: [channel.route!], logger: silentLogger }).listen(0, '127.0.0.1');
    url = `${server.url}/slack/events`;
  });
  afterAll(async () => {
    await server.close();
    await channel.stop();
    await fake.stop();
  });

  const post = (body: string, contentType: string) =>
    fetch(url, { method: 'POST', headers: { 'Content-Type': contentType, ...signedHeaders(SIGNING_SECRET, body) }, body });
  const say = (text: string, ts: string, thread: string) =>
    post(eventBody({ type: 'message', channel_type: 'channel', user: 'UALICE', text, ts, thread_ts: thread, channel: 'C1' }), 'application/json');
  const inThread = (thread: string) => fake.posts().filter((p) => p.thread_ts === thread);
  const said = (thread: string, text: string) => inThread(thread).some((p) => `${p.text}${blockText(p)}`.includes(text));

  async function diagnosedThread(thread: string, domain: string): Promise<PostedMessage> {
    runner.outcome = { outcome: 'ttl-not-elapsed', summary: 'A resolver still caches the old value' };
    await post(eventBody({ type: 'app_mention', user: 'UALICE', text: `<@UBOT> troubleshoot`, ts: thread, channel: 'C1' }), 'application/json');
    await fake.waitFor(() => said(thread, 'Which domain'), 'domain question');
    let n = 1;
    for (const [text, next] of [[domain, 'Step 1 of 4'], ['yes', 'paste the record value'], ['skip', TTL_TITLE]]) {
      await say(text!, `${thread}${n++}`, thread);
      await fake.waitFor(() => said(thread, next!), next!);
    }
    return inThread(thread).find((p) => blockText(p).includes(TTL_TITLE))!;
  }

  it('"Notify me when it takes effect" starts a watch; the notice lands in the thread when it took effect', async () => {
    const card = await diagnosedThread('900.1', 'shop.test');
    const notify = button(card, 'Notify me when it takes effect');
    await post(clickBody(card, notify, 'UBOB', fake.responseUrl()), 'application/x-www-form-urlencoded');
    await fake.waitFor(() => said('900.1', 'OK, I am watching shop.test'), 'the confirmation');
    expect(await watches.scheduler.list('slack:T1:C1:900.1')).toHaveLength(1);

    time += 60_000;
    runner.outcome = { outcome: 'ca-review-pending' };
    expect((await watches.scheduler.runDue()).notified).toHaveLength(1);
    expect(said('900.1', 'Good news: the change for shop.test took effect')).toBe(true);
    expect(said('900.1', 'The CA is still reviewing')).toBe(true);
  });

  it('typed "watch", "watches" and "unwatch" in the thread of an ended conversation reach it (no new conversation)', async () => {
    await diagnosedThread('910.1', 'other.test');
    await say('notify me', '910.9', '910.1');
    await fake.waitFor(() => said('910.1', 'OK, I am watching other.test'), 'the confirmation');
    await post(eventBody({ type: 'app_mention', user: 'UALICE', text: '<@UBOT> watches', ts: '910.10', thread_ts: '910.1', channel: 'C1' }), 'application/json');
    await fake.waitFor(() => said('910.1', 'Watches in this conversation'), 'the list');
    await say('stop watching', '910.11', '910.1');
    await fake.waitFor(() => said('910.1', 'Stopped the watch'), 'the cancel');
    expect(await watches.scheduler.list('slack:T1:C1:910.1')).toEqual([]);
    expect(said('910.1', 'Which domain') && inThread('910.1').filter((p) => p.text.includes('Which domain')).length).toBe(1);
  });
});
