/**
 * Teams: "Notify me when it takes effect" on a one-shot diagnosis card (`certstatus example.com`), end to
 * end: the real CloudAdapter, a fake Bot Connector on loopback, live DNS from dns2 servers on 127.0.0.x
 * where a resolver caches the old record until the test empties it, and the watch scheduler run by hand.
 * The notice is a proactive message into the same chat or reply chain, through the saved reference.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createTeamsBot, type TeamsBot } from '../../../src/channels/teams/bot';
import { createDnsCheckRunner } from '../../../src/checks/dns-runner';
import { createConversationService } from '../../../src/conversation/service';
import { loadFlowsDir } from '../../../src/flow/registry';
import { openStore } from '../../../src/store/open-store';
import { WatchScheduler } from '../../../src/watch/scheduler';
import { EXPECTED, NOW, OLD, PROVIDERS, standardWorld, txt, zone } from '../../support/dns-world/standard';
import type { WorldSpec } from '../../support/dns-world/types';
import { startWorld, type RunningWorld } from '../../support/dns-world/world';
import { actionButton, cardActions, cardText, startFakeConnector, type FakeConnector } from '../../support/fake-connector/connector';
import { channelThread, GRACE, mention, message, personalChat, postActivity, submit, type TeamsActivity } from '../../support/fake-connector/teams-activities';

const MINUTE = 60_000;
const STALE = (name: string) => ({ name: `_dnsauth.${name}`, type: 'TXT' as const, ttl: 1200, values: [OLD] });

describe('watching a one-shot diagnosis in Teams', () => {
  let spec: WorldSpec;
  let world: RunningWorld;
  let connector: FakeConnector;
  let bot: TeamsBot;
  let server: Server;
  let botUrl: string;
  let scheduler: WatchScheduler;
  let time = Date.UTC(2026, 10, 27, 10, 0);
  const now = () => time;

  beforeAll(async () => {
    spec = standardWorld({
      zones: [zone('stale.test', [txt('_dnsauth.stale.test', EXPECTED)]), zone('lag.test', [txt('_dnsauth.lag.test', EXPECTED)])],
      resolvers: [{}, { cache: [STALE('stale.test'), STALE('lag.test')] }],
    });
    world = await startWorld(spec);
    connector = await startFakeConnector();
    const runCheck = createDnsCheckRunner({ resolvers: world.resolvers, authPort: world.authPort, providers: PROVIDERS, now: NOW, queryTimeoutMs: 400, timeoutMs: 5000 });
    const store = await openStore({ memory: true, now });
    const flows = loadFlowsDir();
    scheduler = new WatchScheduler({ store, runCheck, notifier: { notify: (key, replies, watch) => bot.watchNotifier.notify(key, replies, watch) }, causes: () => flows.defaultFlow, now });
    const conversations = createConversationService({ flows, store, runCheck, now, watches: scheduler });
    bot = createTeamsBot({ conversations, store, retry: { baseDelayMs: 20 } });
    server = createServer((req, res) => void Promise.resolve(bot.route.handler(req, res)));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    botUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}${bot.route.path}`;
  });
  afterAll(async () => {
    await bot.idle();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await connector.close();
    await world.stop();
  });

  const send = async (activity: TeamsActivity) => expect((await postActivity(botUrl, activity)).status).toBe(200);
  const textsSince = (mark: number) => connector.calls.slice(mark).map((call) => String(call.body.text ?? cardText(call.body)));

  it('personal chat: the card offers the watch; clicking twice keeps one watch; the notice comes proactively when the cache expired', async () => {
    const chat = personalChat(connector.url);
    await send(message(chat, 'certstatus stale.test'));
    const card = connector.calls.find((call) => cardText(call.body).includes('has not taken effect yet'));
    expect(card).toBeDefined();
    const watchButton = actionButton(card!.body, 'watch');
    expect(watchButton?.payload).toEqual({ kind: 'card', action: 'watch', domain: 'stale.test', public: true, cause: 'ttl-not-elapsed' });

    let mark = connector.calls.length;
    await send(submit(chat, watchButton!.data));
    expect(textsSince(mark)).toEqual([
      'OK, I am watching stale.test: I check again in 1 minute, then less and less often until 2026-11-29 10:00 UTC, ' +
        'and post here as soon as the diagnosis changes. Type "watches" to list watches, "unwatch" to stop.',
    ]);
    mark = connector.calls.length;
    await send(submit(chat, watchButton!.data));
    expect(textsSince(mark)).toEqual([expect.stringContaining('I am already watching stale.test here: next check 2026-11-27 10:01 UTC')]);
    const key = 'teams:a:personal-aad-ada';
    expect(await scheduler.list(key)).toEqual([expect.objectContaining({ domain: 'stale.test', params: { domain: 'stale.test' }, cause: 'ttl-not-elapsed' })]);

    mark = connector.calls.length;
    await send(message(chat, 'watches'));
    expect(textsSince(mark)).toEqual([expect.stringMatching(/^Watches in this conversation:\n• stale\.test: still The configuration has not taken effect yet/)]);

    time += MINUTE;
    expect(await scheduler.runDue()).toEqual({ checked: [expect.any(String)], notified: [], ended: [] });
    spec.resolvers[1]!.cache = [STALE('lag.test')];
    time += 2 * MINUTE;
    mark = connector.calls.length;
    expect((await scheduler.runDue()).notified).toHaveLength(1);
    const notice = connector.calls.slice(mark);
    expect(notice.map((call) => call.conversationId)).toEqual(['a:personal-aad-ada', 'a:personal-aad-ada']);
    expect(String(notice[0]?.body.text)).toBe(
      'Good news: the change for stale.test took effect; the verification record is now visible everywhere I check. ' +
        'The CA now needs 2 to 3 working days to verify your information.',
    );
    expect(cardText(notice[1]!.body)).toContain('The CA is still reviewing (this takes 2 to 3 working days)');
    expect(await scheduler.list(key)).toEqual([]);
    // No conversation stands behind the one-shot watch: the notice's "Check again" re-checks the domain itself.
    expect(cardActions(notice[1]!.body).map((action) => action.payload)).toEqual([{ kind: 'card', action: 'recheck', domain: 'stale.test', public: true }]);
  }, 20_000);

  it('channel: a one-shot card in a reply chain; the watch started by another member posts into that chain; "unwatch" there cancels it', async () => {
    const thread = channelThread(connector.url, '1700000077000');
    await send(mention(thread, 'check lag.test'));
    const card = connector.calls.find((call) => cardText(call.body).includes('has not taken effect yet') && call.conversationId.endsWith('1700000077000'));
    const watchButton = actionButton(card!.body, 'watch')!;
    const mark = connector.calls.length;
    await send(submit(thread, watchButton.data, GRACE));
    expect(connector.calls.slice(mark).map((call) => [call.conversationId, String(call.body.text)])).toEqual([
      ['19:support@thread.tacv2;messageid=1700000077000', expect.stringContaining('OK, I am watching lag.test')],
    ]);
    const key = 'teams:19:support@thread.tacv2;messageid=1700000077000';
    expect(await scheduler.list(key)).toHaveLength(1);

    await send(mention(thread, 'unwatch'));
    expect(textsSince(mark + 1)).toEqual(['Stopped the watch; I will not post about it any more.']);
    expect(await scheduler.list(key)).toEqual([]);
    time += 5 * MINUTE;
    expect((await scheduler.runDue()).checked).toEqual([]);
  }, 20_000);
});
