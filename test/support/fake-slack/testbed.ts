/**
 * The whole Slack side of `certstatus serve` on loopback: our HTTP server with the real Bolt app, the real
 * conversation service on the shipped flow, and the fake Slack Web API. Requests are signed like Slack's.
 */
import type { CertificateLookups } from '../../../src/channels/kit/certificates';
import { CheckPool } from '../../../src/checks/pool';
import type { CheckRunner } from '../../../src/core/checks';
import { createSlackWatchNotifier } from '../../../src/channels/slack/adapter';
import { createSlackChannel, type SlackChannel } from '../../../src/channels/slack/app';
import { createConversationService } from '../../../src/conversation/service';
import { silentLogger, type Logger } from '../../../src/core/logger';
import { loadFlowsDir } from '../../../src/flow/registry';
import { createHttpServer, type RunningServer } from '../../../src/server/server';
import { MemoryStore } from '../../../src/store/memory';
import { openStore } from '../../../src/store/open-store';
import { WatchScheduler } from '../../../src/watch/scheduler';
import type { WatchNotifier } from '../../../src/watch/types';
import { commandBody, clickBody, eventBody, type PostedMessage } from './payloads';
import { FakeSlack } from './server';
import { signedHeaders } from './sign';

export const SIGNING_SECRET = 'test-signing-secret';

export interface TestbedOptions {
  runCheck: CheckRunner;
  /** Run a watch scheduler (on its own memory store, kept across restarts); tests call `watches.runDue()`. */
  watches?: boolean;
  logger?: Logger;
  idleExpiryMs?: number;
  /** Certificate look-ups (a source against the fake CCM, an allowlist, an event log). */
  certificates?: CertificateLookups;
  /** Checks through a CheckPool of this size, as `certstatus serve` does (default: straight to runCheck). */
  checkConcurrency?: number;
}

export class SlackTestbed {
  readonly fake = new FakeSlack();
  time = Date.now();
  store = new MemoryStore({ now: () => this.time });
  channel!: SlackChannel;
  pool?: CheckPool;
  /** The watch scheduler, when `watches` was asked for. */
  watches?: WatchScheduler;
  private notifier?: WatchNotifier;
  private server?: RunningServer;
  url = '';

  constructor(private readonly options: TestbedOptions) {}

  async start(): Promise<this> {
    await this.fake.start();
    if (this.options.watches) {
      const flows = loadFlowsDir();
      const watchStore = await openStore({ memory: true, now: () => this.time });
      // The notices go through whichever bot process runs now (see restart).
      this.watches = new WatchScheduler({ store: watchStore, runCheck: this.options.runCheck, causes: () => flows.defaultFlow, now: () => this.time, notifier: { notify: (key, replies, watch) => this.notifier!.notify(key, replies, watch) } });
    }
    await this.startBot();
    return this;
  }

  /** A new process of the bot on the same store and the same fake Slack (a restart or a deploy). */
  async restart(): Promise<void> {
    await this.server?.close();
    await this.channel?.stop();
    await this.startBot();
  }

  private async startBot(): Promise<void> {
    const now = () => this.time;
    const idleExpiryMs = this.options.idleExpiryMs ?? 24 * 60 * 60 * 1000;
    if (this.options.checkConcurrency) this.pool = new CheckPool(this.options.runCheck, { concurrency: this.options.checkConcurrency });
    const conversations = createConversationService({ flows: loadFlowsDir(), store: this.store, runCheck: this.pool?.run ?? this.options.runCheck, now, idleExpiryMs, ...(this.watches ? { watches: this.watches } : {}) });
    this.channel = createSlackChannel({
      config: { botToken: 'xoxb-test-token', signingSecret: SIGNING_SECRET, apiUrl: this.fake.apiUrl },
      conversations,
      store: this.store,
      logger: this.options.logger ?? silentLogger,
      idleExpiryMs,
      now,
      retryConfig: { retries: 3, minTimeout: 10, maxTimeout: 50 },
      ...(this.pool ? { checkQueue: this.pool } : {}),
      ...(this.options.certificates ? { certificates: this.options.certificates } : {}),
    });
    await this.channel.start();
    this.notifier = createSlackWatchNotifier(this.channel.app.client);
    this.server = await createHttpServer({ routes: [this.channel.route!], logger: silentLogger }).listen(0, '127.0.0.1');
    this.url = `${this.server.url}/slack/events`;
  }

  async stop(): Promise<void> {
    await this.server?.close();
    await this.channel?.stop();
    await this.fake.stop();
  }

  /** POSTs a body to /slack/events signed with the app's secret (or as told), and returns the response. */
  async post(body: string, contentType: string, extra: { headers?: Record<string, string>; timestamp?: number; secret?: string } = {}) {
    const response = await fetch(this.url, {
      method: 'POST',
      headers: { 'Content-Type': contentType, ...signedHeaders(extra.secret ?? SIGNING_SECRET, body, extra.timestamp), ...extra.headers },
      body,
    });
    const text = await response.text();
    return { status: response.status, text, json: () => JSON.parse(text) as Record<string, unknown> };
  }

  command(text: string, options: { user?: string; channel?: string } = {}) {
    const responseUrl = this.fake.responseUrl();
    const id = responseUrl.split('/').pop()!;
    return { id, result: this.post(commandBody(text, { ...options, responseUrl }), 'application/x-www-form-urlencoded') };
  }

  event(event: Record<string, unknown>, options: { eventId?: string; retryNum?: number } = {}) {
    const headers: Record<string, string> = options.retryNum ? { 'X-Slack-Retry-Num': String(options.retryNum), 'X-Slack-Retry-Reason': 'http_timeout' } : {};
    return this.post(eventBody(event, options.eventId), 'application/json', { headers });
  }

  click(message: PostedMessage, button: { action_id: string; value: string }, user: string) {
    const responseUrl = this.fake.responseUrl();
    return { id: responseUrl.split('/').pop()!, result: this.post(clickBody(message, button, user, responseUrl), 'application/x-www-form-urlencoded') };
  }
}
