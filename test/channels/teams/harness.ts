/**
 * A Teams bot under test: the real CloudAdapter behind its route on a plain loopback HTTP server, the real
 * conversation service and flow, a MemoryStore, and a fake Bot Connector receiving the bot's replies.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createTeamsBot, type TeamsBot, type TeamsBotOptions } from '../../../src/channels/teams/bot';
import type { CheckRunner } from '../../../src/core/checks';
import { createConversationService } from '../../../src/conversation/service';
import type { ConversationHandler } from '../../../src/conversation/types';
import { loadFlowsDir } from '../../../src/flow/registry';
import { MemoryStore } from '../../../src/store/memory';
import { openStore } from '../../../src/store/open-store';
import { WatchScheduler } from '../../../src/watch/scheduler';
import { startFakeConnector, type FakeConnector } from '../../support/fake-connector/connector';
import { postActivity, type PostResult, type TeamsActivity } from '../../support/fake-connector/teams-activities';

export interface TeamsHarness {
  bot: TeamsBot;
  botUrl: string;
  connector: FakeConnector;
  store: MemoryStore;
  conversations: ConversationHandler;
  watches?: WatchScheduler;
  send(activity: TeamsActivity, headers?: Record<string, string>): Promise<PostResult>;
  /** A new process of the bot on the same store and connector (a restart or a deploy). */
  restart(): Promise<void>;
  close(): Promise<void>;
}

export interface HarnessOptions extends Partial<Omit<TeamsBotOptions, 'conversations' | 'store'>> {
  runCheck: CheckRunner;
  /** Run a watch scheduler (its own memory store, kept across restarts; `now` is its clock); tests call `watches.runDue()`. */
  watches?: { now: () => number };
}

export async function startTeamsHarness(options: HarnessOptions): Promise<TeamsHarness> {
  const connector = await startFakeConnector();
  const store = new MemoryStore();
  const { runCheck: _runCheck, watches: watchClock, ...botOptions } = options;
  let notify: TeamsBot['watchNotifier'] | undefined;
  const flows = loadFlowsDir();
  const watches = watchClock
    ? new WatchScheduler({
        store: await openStore({ memory: true, now: watchClock.now }),
        runCheck: options.runCheck,
        causes: () => flows.defaultFlow,
        now: watchClock.now,
        // The notices go through whichever bot process runs now (see restart).
        notifier: { notify: (key, replies, watch) => notify!.notify(key, replies, watch) },
      })
    : undefined;

  /** One process of the bot: the conversation service, the bot and its HTTP server, on the shared store. */
  async function boot() {
    const conversations = createConversationService({ flows, store, runCheck: options.runCheck, ...(watches ? { watches, now: watchClock!.now } : {}) });
    const bot = createTeamsBot({ retry: { baseDelayMs: 20 }, ...botOptions, conversations, store });
    notify = bot.watchNotifier;
    const server: Server = createServer((req, res) => {
      if (req.method === bot.route.method && req.url === bot.route.path) {
        Promise.resolve(bot.route.handler(req, res)).catch(() => {
          res.statusCode = 500;
          res.end();
        });
        return;
      }
      res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const botUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}${bot.route.path}`;
    return { conversations, bot, server, botUrl };
  }
  const stop = async (running: Awaited<ReturnType<typeof boot>>) => {
    await running.bot.idle();
    await new Promise<void>((resolve) => running.server.close(() => resolve()));
  };

  let running = await boot();
  const harness: TeamsHarness = {
    bot: running.bot,
    botUrl: running.botUrl,
    connector,
    store,
    conversations: running.conversations,
    ...(watches ? { watches } : {}),
    send: (activity, headers) => postActivity(harness.botUrl, activity, headers),
    async restart() {
      await stop(running);
      running = await boot();
      Object.assign(harness, { bot: running.bot, botUrl: running.botUrl, conversations: running.conversations });
    },
    async close() {
      await stop(running);
      await connector.close();
    },
  };
  return harness;
}
