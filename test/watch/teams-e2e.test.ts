/**
 * A watch in Teams, end to end: the real CloudAdapter and conversation service, a fake Bot Connector on
 * loopback. The cause card's "Notify me" button starts a watch; when the diagnosis changes the scheduler
 * posts proactively into the same reply chain, through the conversation reference saved in the store.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createTeamsBot, type TeamsBot } from '../../src/channels/teams/bot';
import { createConversationService } from '../../src/conversation/service';
import { loadFlowsDir } from '../../src/flow/registry';
import { openStore, type OpenedStore } from '../../src/store/open-store';
import { WatchScheduler } from '../../src/watch/scheduler';
import { actionButton, cardText, startFakeConnector, type FakeConnector } from '../support/fake-connector/connector';
import { channelThread, mention, postActivity, submit, type TeamsActivity } from '../support/fake-connector/teams-activities';
import { Clock, MINUTE, SettableRunner } from './helpers';

describe('watches in Teams', () => {
  let connector: FakeConnector;
  let store: OpenedStore;
  let bot: TeamsBot;
  let server: Server;
  let botUrl: string;
  const clock = new Clock();
  const runner = new SettableRunner();
  let scheduler: WatchScheduler;

  beforeAll(async () => {
    clock.time = Date.now();
    connector = await startFakeConnector();
    store = await openStore({ memory: true, now: clock.now });
    const flows = loadFlowsDir();
    // The scheduler posts through the bot, the bot's conversations start watches on the scheduler.
    scheduler = new WatchScheduler({ store, runCheck: runner.run, notifier: { notify: (key, replies) => bot.watchNotifier.notify(key, replies) }, causes: () => flows.defaultFlow, now: clock.now });
    const conversations = createConversationService({ flows, store, runCheck: runner.run, now: clock.now, watches: scheduler });
    bot = createTeamsBot({ conversations, store, retry: { baseDelayMs: 20 } });
    server = createServer((req, res) => void Promise.resolve(bot.route.handler(req, res)));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    botUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}${bot.route.path}`;
  });
  afterAll(async () => {
    await bot.idle();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await connector.close();
  });

  const send = async (activity: TeamsActivity) => expect((await postActivity(botUrl, activity)).status).toBe(200);

  it('"Notify me when it takes effect" on the cause card, then a proactive notice in the reply chain when it took effect', async () => {
    const thread = channelThread(connector.url, '1700000009000');
    runner.outcome = { outcome: 'ttl-not-elapsed', summary: 'A resolver still caches "no record" for 4 minutes' };
    await send(mention(thread, 'troubleshoot shop.test'));
    await send(mention(thread, 'yes'));
    await send(mention(thread, 'skip'));
    const causeCall = connector.calls.find((call) => cardText(call.body).includes('has not taken effect yet'));
    expect(causeCall).toBeDefined();
    const watchButton = actionButton(causeCall!.body, 'watch');
    expect(watchButton).toMatchObject({ title: 'Notify me when it takes effect', payload: { kind: 'card', action: 'watch', key: expect.stringMatching(/^teams:/) } });

    const mark = connector.calls.length;
    await send(submit(thread, watchButton!.data));
    expect(connector.calls.slice(mark).map((call) => String(call.body.text))).toEqual([expect.stringContaining('OK, I am watching shop.test: I check again in 1 minute')]);
    const key = 'teams:19:support@thread.tacv2;messageid=1700000009000';
    expect(await scheduler.list(key)).toHaveLength(1);

    // Not yet due: nothing. Then the record is visible everywhere.
    expect((await scheduler.runDue()).checked).toEqual([]);
    clock.advance(MINUTE);
    runner.outcome = { outcome: 'ca-review-pending', summary: 'Every server answers with the record' };
    const before = connector.calls.length;
    expect((await scheduler.runDue()).notified).toHaveLength(1);
    const notice = connector.calls.slice(before);
    expect(notice.map((call) => call.conversationId)).toEqual([
      '19:support@thread.tacv2;messageid=1700000009000',
      '19:support@thread.tacv2;messageid=1700000009000',
    ]);
    expect(String(notice[0]?.body.text)).toContain('Good news: the change for shop.test took effect');
    expect(cardText(notice[1]!.body)).toContain('The CA is still reviewing (this takes 2 to 3 working days)');
    expect(await scheduler.list(key)).toEqual([]);
  });

  it('"watches" and "unwatch" typed in the thread', async () => {
    const thread = channelThread(connector.url, '1700000009100');
    runner.outcome = { outcome: 'ttl-not-elapsed' };
    await send(mention(thread, 'troubleshoot other.test'));
    await send(mention(thread, 'yes'));
    await send(mention(thread, 'skip'));
    await send(mention(thread, 'notify me'));
    let mark = connector.calls.length;
    await send(mention(thread, 'watches'));
    expect(connector.calls.slice(mark).map((call) => String(call.body.text))).toEqual([expect.stringMatching(/^Watches in this conversation:\n• other\.test: still The configuration has not taken effect yet.*; next check \d{4}-\d\d-\d\d \d\d:\d\d UTC/)]);
    mark = connector.calls.length;
    await send(mention(thread, 'unwatch'));
    expect(connector.calls.slice(mark).map((call) => String(call.body.text))).toEqual(['Stopped the watch; I will not post about it any more.']);
  });

  it('another bot instance on the same store posts through the saved reference; an unknown conversation is a clear error', async () => {
    const other = createTeamsBot({ conversations: createConversationService({ flows: loadFlowsDir(), store, runCheck: runner.run }), store, retry: { baseDelayMs: 20 } });
    const before = connector.calls.length;
    await other.watchNotifier.notify('teams:19:support@thread.tacv2;messageid=1700000009000', [{ type: 'text', text: 'Still here after a restart' }]);
    expect(connector.calls.slice(before).map((call) => [call.conversationId, call.body.text])).toEqual([
      ['19:support@thread.tacv2;messageid=1700000009000', 'Still here after a restart'],
    ]);
    await expect(other.watchNotifier.notify('teams:19:never-seen', [{ type: 'text', text: 'x' }])).rejects.toThrow(
      'Cannot post the notice to "teams:19:never-seen": it is no teams conversation this bot has talked in.',
    );
  });
});
