/**
 * "Notify me when it takes effect" on one-shot diagnosis cards, end to end: the real Bolt app over HTTP,
 * the fake Slack Web API, live DNS from dns2 servers on 127.0.0.x where a resolver still caches the old
 * record, and the watch scheduler run by hand (runDue) on a fake clock. An ephemeral `/certstatus` card's
 * watch posts in the clicker's DM; a card in a thread posts in the thread.
 */
import { createSlackChannel, type SlackChannel } from '../../../src/channels/slack/app';
import { createSlackWatchNotifier } from '../../../src/channels/slack/adapter';
import { createDnsCheckRunner } from '../../../src/checks/dns-runner';
import { createConversationService } from '../../../src/conversation/service';
import type { ConversationHandler } from '../../../src/conversation/types';
import { silentLogger } from '../../../src/core/logger';
import { loadFlowsDir } from '../../../src/flow/registry';
import { createHttpServer, type RunningServer } from '../../../src/server/server';
import { openStore } from '../../../src/store/open-store';
import { setUpWatches, type WatchesSetup } from '../../../src/watch/setup';
import { EXPECTED, NOW, OLD, PROVIDERS, standardWorld, txt, zone } from '../../support/dns-world/standard';
import type { WorldSpec } from '../../support/dns-world/types';
import { startWorld, type RunningWorld } from '../../support/dns-world/world';
import { decodePayload } from '../../../src/channels/kit/payload';
import { blockText, button, buttonsOf } from '../../support/fake-slack/blocks';
import { clickBody, commandBody, eventBody, type PostedMessage } from '../../support/fake-slack/payloads';
import { FakeSlack } from '../../support/fake-slack/server';
import { signedHeaders } from '../../support/fake-slack/sign';
import { SIGNING_SECRET } from '../../support/fake-slack/testbed';

const MINUTE = 60_000;
const NOTIFY = 'Notify me when it takes effect';
const TOOK_EFFECT =
  'Good news: the change for stale.test took effect; the verification record is now visible everywhere I check. ' +
  'The CA now needs 2 to 3 working days to verify your information.';

describe('watching a one-shot diagnosis in Slack', () => {
  const fake = new FakeSlack();
  let time = Date.UTC(2026, 10, 27, 10, 0);
  const now = () => time;
  let spec: WorldSpec;
  let world: RunningWorld;
  let channel: SlackChannel;
  let server: RunningServer;
  let watches: WatchesSetup;
  let conversations: ConversationHandler;
  let url = '';

  beforeAll(async () => {
    // A resolver still caches the old value of both records: ttl-not-elapsed, until the cache is emptied.
    spec = standardWorld({
      zones: [zone('stale.test', [txt('_dnsauth.stale.test', EXPECTED)]), zone('lag.test', [txt('_dnsauth.lag.test', EXPECTED)]), zone('pub.test', [txt('_dnsauth.pub.test', EXPECTED)])],
      resolvers: [{}, { cache: [
        { name: '_dnsauth.stale.test', type: 'TXT', ttl: 1200, values: [OLD] },
        { name: '_dnsauth.lag.test', type: 'TXT', ttl: 1200, values: [OLD] },
        { name: '_dnsauth.pub.test', type: 'TXT', ttl: 1200, values: [OLD] },
      ] }],
    });
    world = await startWorld(spec);
    await fake.start();
    const runCheck = createDnsCheckRunner({ resolvers: world.resolvers, authPort: world.authPort, providers: PROVIDERS, now: NOW, queryTimeoutMs: 400, timeoutMs: 5000 });
    const flows = loadFlowsDir();
    const store = await openStore({ memory: true, now });
    watches = setUpWatches({ store, runCheck, causes: () => flows.defaultFlow, logger: silentLogger, now })!;
    conversations = createConversationService({ flows, store, runCheck, now, watches: watches.scheduler });
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
    await world.stop();
  });

  const post = (body: string, contentType: string) =>
    fetch(url, { method: 'POST', headers: { 'Content-Type': contentType, ...signedHeaders(SIGNING_SECRET, body) }, body });
  const postsIn = (place: string, thread?: string) => fake.posts().filter((p) => p.channel === place && p.thread_ts === thread);
  const textOf = (message: { text?: string; blocks?: unknown[] }) => `${message.text ?? ''}\n${blockText(message)}`;
  const responseTo = (id: string) => fake.responses.filter((r) => r.id === id).map((r) => r.body);

  async function click(message: PostedMessage, label: string, user: string): Promise<string> {
    const responseUrl = fake.responseUrl();
    expect((await post(clickBody(message, button(message, label), user, responseUrl), 'application/x-www-form-urlencoded')).status).toBe(200);
    return responseUrl.split('/').pop()!;
  }

  it('ephemeral /certstatus: the watch posts in the clicker\'s DM when the change took effect; a second click keeps one watch', async () => {
    const responseUrl = fake.responseUrl();
    await post(commandBody('stale.test', { user: 'UALICE', channel: 'C1', responseUrl }), 'application/x-www-form-urlencoded');
    const id = responseUrl.split('/').pop()!;
    await fake.waitFor(() => responseTo(id).some((body) => blockText(body).includes('has not taken effect')), 'the diagnosis');
    const body = responseTo(id).find((b) => blockText(b).includes('has not taken effect'))!;
    expect(buttonsOf(body).map((b) => b.text)).toEqual(['Check again', NOTIFY, 'Troubleshoot step by step']);
    const card: PostedMessage = { channel: 'C1', ts: '0', ephemeral: true, blocks: body.blocks as unknown[] };

    const clicked = await click(card, NOTIFY, 'UALICE');
    await fake.waitFor(() => responseTo(clicked).length > 0, 'the confirmation in place');
    expect(responseTo(clicked)).toEqual([{
      response_type: 'ephemeral',
      replace_original: false,
      text: 'OK, I am watching stale.test: I check again in 1 minute, then less and less often until 2026-11-29 10:00 UTC, ' +
        'and post in our direct message (<#DALICE>) as soon as the diagnosis changes. Type "watches" there to list watches, "unwatch" to stop.',
    }]);
    // Posting to the user id opened the DM (DALICE in the fake), where the watch is keyed and confirmed.
    expect(postsIn('DALICE').map((p) => p.text)).toEqual([
      ':eyes: You asked me to watch stale.test from <#C1>.',
      expect.stringContaining('OK, I am watching stale.test: I check again in 1 minute'),
    ]);
    expect(await watches.scheduler.list('slack:T1:DALICE')).toEqual([
      expect.objectContaining({ domain: 'stale.test', check: 'dns', params: { domain: 'stale.test' }, cause: 'ttl-not-elapsed' }),
    ]);

    const again = await click(card, NOTIFY, 'UALICE');
    await fake.waitFor(() => responseTo(again).length > 0, 'the second confirmation');
    expect(postsIn('DALICE').at(-1)?.text).toBe(
      'I am already watching stale.test here: next check 2026-11-27 10:01 UTC, until 2026-11-29 10:00 UTC. Type "watches" to list watches, "unwatch" to stop.',
    );
    expect(await watches.scheduler.list('slack:T1:DALICE')).toHaveLength(1);

    // "watches" typed in the DM lists it, and starts no conversation there.
    await post(eventBody({ type: 'message', channel_type: 'im', user: 'UALICE', text: 'watches', ts: '700.1', channel: 'DALICE' }), 'application/json');
    await fake.waitFor(() => postsIn('DALICE').some((p) => p.text.startsWith('Watches in this conversation')), 'the list');
    expect(postsIn('DALICE').at(-1)?.text).toMatch(/^Watches in this conversation:\n• stale\.test: still The configuration has not taken effect yet/);
    expect(await conversations.peek('slack:T1:DALICE')).toBeUndefined();

    // A minute later the resolver still has the old value cached: checked, nothing posted.
    time += MINUTE;
    const dmBefore = postsIn('DALICE').length;
    expect(await watches.scheduler.runDue()).toEqual({ checked: [expect.any(String)], notified: [], ended: [] });
    expect(postsIn('DALICE')).toHaveLength(dmBefore);

    // The cached answer expires; the next due run tells the DM.
    spec.resolvers[1]!.cache = spec.resolvers[1]!.cache!.filter((entry) => entry.name !== '_dnsauth.stale.test');
    time += 2 * MINUTE;
    expect((await watches.scheduler.runDue()).notified).toHaveLength(1);
    const notice = postsIn('DALICE').slice(dmBefore);
    expect(notice.map((p) => p.text)).toEqual([TOOK_EFFECT, expect.stringContaining('The CA is still reviewing (this takes 2 to 3 working days)')]);
    expect(await watches.scheduler.list('slack:T1:DALICE')).toEqual([]);

    // No conversation stands behind the DM: the notice's "Check again" re-checks the domain, in place.
    expect(decodePayload(button(notice[1]!, 'Check again').value)).toEqual({ kind: 'card', action: 'recheck', domain: 'stale.test', public: true });
    const rechecked = await click(notice[1]!, 'Check again', 'UALICE');
    await fake.waitFor(() => responseTo(rechecked).some((b) => blockText(b).includes('The CA is still reviewing')), 'the re-check');
    expect(responseTo(rechecked).at(-1)).toMatchObject({ replace_original: true });
    expect(await conversations.peek('slack:T1:DALICE')).toBeUndefined();
  }, 20_000);

  it('a one-shot card in a thread (@certstatus check): the watch is confirmed and posts in that thread; "unwatch" there cancels it', async () => {
    await post(eventBody({ type: 'app_mention', user: 'UALICE', text: '<@UBOT> check lag.test', ts: '800.1', channel: 'C1' }), 'application/json');
    await fake.waitFor(() => fake.callsOf('chat.update').some((c) => textOf(c.args).includes('has not taken effect')), 'the card');
    const update = fake.callsOf('chat.update').find((c) => textOf(c.args).includes('has not taken effect'))!;
    const card: PostedMessage = { channel: 'C1', ts: String(update.args.ts), thread_ts: '800.1', blocks: update.args.blocks as unknown[] };

    await click(card, NOTIFY, 'UBOB');
    await fake.waitFor(() => postsIn('C1', '800.1').some((p) => p.text.startsWith('OK, I am watching lag.test')), 'the confirmation in the thread');
    await click(card, NOTIFY, 'UALICE');
    await fake.waitFor(() => postsIn('C1', '800.1').some((p) => p.text.startsWith('I am already watching lag.test here')), 'the second click');
    expect(await watches.scheduler.list('slack:T1:C1:800.1')).toEqual([expect.objectContaining({ domain: 'lag.test', cause: 'ttl-not-elapsed' })]);

    // A plain reply (no mention) in the thread reaches the watch: the thread has no conversation otherwise.
    await post(eventBody({ type: 'message', channel_type: 'channel', user: 'UBOB', text: 'watches', ts: '800.5', thread_ts: '800.1', channel: 'C1' }), 'application/json');
    await fake.waitFor(() => postsIn('C1', '800.1').some((p) => p.text.startsWith('Watches in this conversation')), 'the list');

    spec.resolvers[1]!.cache = spec.resolvers[1]!.cache!.filter((entry) => entry.name !== '_dnsauth.lag.test');
    time += MINUTE;
    expect((await watches.scheduler.runDue()).notified).toHaveLength(1);
    expect(postsIn('C1', '800.1').map((p) => p.text)).toContain(TOOK_EFFECT.replace(/stale\.test/g, 'lag.test'));
    expect(await watches.scheduler.list('slack:T1:C1:800.1')).toEqual([]);

    // Nothing left to watch: "unwatch" says so, in the thread.
    await post(eventBody({ type: 'app_mention', user: 'UBOB', text: '<@UBOT> unwatch', ts: '800.9', thread_ts: '800.1', channel: 'C1' }), 'application/json');
    await fake.waitFor(() => postsIn('C1', '800.1').some((p) => p.text === 'Nothing was being watched in this conversation.'), 'the cancel answer');
  }, 20_000);

  it('a public /certstatus card: the watch is confirmed in the card\'s thread and posts there', async () => {
    const responseUrl = fake.responseUrl();
    await post(commandBody('pub.test public', { user: 'UALICE', channel: 'C2', responseUrl }), 'application/x-www-form-urlencoded');
    const id = responseUrl.split('/').pop()!;
    await fake.waitFor(() => responseTo(id).some((body) => body.response_type === 'in_channel'), 'the public diagnosis');
    const body = responseTo(id).find((b) => b.response_type === 'in_channel')!;
    // Slack posts it as a channel message; say it got ts 900.1.
    const card: PostedMessage = { channel: 'C2', ts: '900.1', blocks: body.blocks as unknown[] };
    await click(card, NOTIFY, 'UBOB');
    await fake.waitFor(() => postsIn('C2', '900.1').length > 0, 'the confirmation in the thread');
    expect(postsIn('C2', '900.1').map((p) => p.text)).toEqual([expect.stringMatching(/^OK, I am watching pub\.test: .* and post here as soon/)]);

    spec.resolvers[1]!.cache = [];
    time += MINUTE;
    expect((await watches.scheduler.runDue()).notified).toHaveLength(1);
    expect(postsIn('C2', '900.1').map((p) => p.text)).toContain(TOOK_EFFECT.replace(/stale\.test/g, 'pub.test'));
  }, 20_000);

  it('a card of a cause DNS cannot change offers no watch, and a forged watch button for it starts none', async () => {
    const responseUrl = fake.responseUrl();
    // Every resolver sees the record now: the CA's review, which is not in DNS.
    await post(commandBody('lag.test public', { user: 'UALICE', channel: 'C3', responseUrl }), 'application/x-www-form-urlencoded');
    const id = responseUrl.split('/').pop()!;
    await fake.waitFor(() => responseTo(id).some((body) => body.response_type === 'in_channel'), 'the public diagnosis');
    const body = responseTo(id).find((b) => b.response_type === 'in_channel')!;
    expect(blockText(body)).toContain('The CA is still reviewing');
    expect(buttonsOf(body).map((b) => b.text)).toEqual(['Check again', 'Troubleshoot step by step']);

    const forged: PostedMessage = {
      channel: 'C3', ts: '950.1',
      blocks: [{ type: 'actions', elements: [{ type: 'button', action_id: 'certstatus_action_watch', text: { type: 'plain_text', text: NOTIFY }, value: JSON.stringify({ a: 'watch', d: 'lag.test', c: 'ca-review-pending', pub: true }) }] }],
    };
    await click(forged, NOTIFY, 'UALICE');
    await fake.waitFor(() => postsIn('C3', '950.1').length > 0, 'the refusal in the thread');
    expect(postsIn('C3', '950.1').map((p) => p.text)).toEqual([expect.stringContaining('nothing for me to watch')]);
    expect(await watches.scheduler.list('slack:T1:C3:950.1')).toEqual([]);
  }, 20_000);
});
