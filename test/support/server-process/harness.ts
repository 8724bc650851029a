/**
 * What the process-level tests share: the fake Slack API, a loopback DNS world where shop.test's record
 * sits on the wrong platform, a providers file naming the world's nameservers, and `certstatus serve`
 * processes pointed at them, plus signed Slack requests to those processes.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { blockText, button } from '../fake-slack/blocks';
import { clickBody, eventBody, type PostedMessage } from '../fake-slack/payloads';
import { FakeSlack } from '../fake-slack/server';
import { signedHeaders } from '../fake-slack/sign';
import { ALPHA1, BETA, EXPECTED, standardWorld, txt, zone } from '../dns-world/standard';
import { startWorld, type RunningWorld } from '../dns-world/world';
import type { WorldSpec } from '../dns-world/types';
import { buildCli } from './build';
import { startServerProcess, type ServerProcess } from './process';

export const SIGNING_SECRET = 'restart-test-signing-secret';
export const BOT_TOKEN = 'xoxb-restart-test';
export const CAUSE_TITLE = 'A wrong domain name management platform was selected';

export class ServeHarness {
  readonly fake = new FakeSlack();
  world!: RunningWorld;
  /** The world as data: tests change DNS while it runs (the servers read it on every query). */
  spec!: WorldSpec;
  dir = '';
  private providersFile = '';
  private readonly processes: ServerProcess[] = [];

  async setUp(): Promise<void> {
    buildCli();
    await this.fake.start();
    this.spec = standardWorld({ zones: [zone('shop.test')], betaZones: [zone('shop.test', [txt('_dnsauth.shop.test', EXPECTED)])] });
    this.world = await startWorld(this.spec);
    this.dir = mkdtempSync(path.join(tmpdir(), 'certstatus-process-'));
    this.providersFile = path.join(this.dir, 'providers.yaml');
    writeFileSync(this.providersFile, [
      'providers:',
      '  - id: alpha', '    name: Alpha DNS', '    nsPatterns: ["*.alpha-dns.test"]', `    nameservers: [{ name: ns1.alpha-dns.test, address: "${ALPHA1}" }]`,
      '  - id: beta', '    name: Beta Cloud DNS', '    nsPatterns: ["*.beta-dns.test"]', `    nameservers: [{ name: ns1.beta-dns.test, address: "${BETA}" }]`,
      '',
    ].join('\n'));
  }

  async tearDown(): Promise<void> {
    for (const server of this.processes) if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill('SIGKILL');
    await this.world?.stop();
    await this.fake.stop();
  }

  /** `store` is CERTSTATUS_DB or REDIS_URL; `extra` overrides anything. */
  async start(store: Record<string, string>, extra: Record<string, string> = {}): Promise<ServerProcess> {
    const server = await startServerProcess({
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: this.fake.apiUrl,
      CERTSTATUS_RESOLVERS: `127.0.0.53:${this.world.resolverPort}`,
      CERTSTATUS_AUTH_PORT: String(this.world.authPort),
      CERTSTATUS_PROVIDERS_FILE: this.providersFile,
      CERTSTATUS_DNS_TIMEOUT_MS: '4000',
      LOG_LEVEL: 'info',
      ...store,
      ...extra,
    });
    this.processes.push(server);
    return server;
  }

  async post(server: ServerProcess, body: string, contentType: string): Promise<{ status: number; text: string }> {
    const response = await fetch(`${server.url}/slack/events`, { method: 'POST', headers: { 'Content-Type': contentType, ...signedHeaders(SIGNING_SECRET, body) }, body });
    return { status: response.status, text: await response.text() };
  }

  async mention(server: ServerProcess, ts: string): Promise<number> {
    return (await this.post(server, eventBody({ type: 'app_mention', user: 'UALICE', text: '<@UBOT>', ts, channel: 'C1' }), 'application/json')).status;
  }

  async reply(server: ServerProcess, text: string, ts: string, threadTs: string): Promise<number> {
    const body = eventBody({ type: 'message', channel_type: 'channel', user: 'UBOB', text, ts, thread_ts: threadTs, channel: 'C1' });
    return (await this.post(server, body, 'application/json')).status;
  }

  async click(server: ServerProcess, message: PostedMessage, label: string): Promise<number> {
    return (await this.post(server, clickBody(message, button(message, label), 'UALICE', this.fake.responseUrl()), 'application/x-www-form-urlencoded')).status;
  }

  threadPosts(threadTs: string) {
    return this.fake.posts().filter((p) => p.thread_ts === threadTs);
  }

  waitPost(threadTs: string, text: string, timeoutMs = 10_000): Promise<void> {
    return this.fake.waitFor(
      () => this.threadPosts(threadTs).some((p) => p.text.includes(text) || blockText(p).includes(text)),
      `"${text}" in thread ${threadTs}`,
      timeoutMs,
    );
  }

  /** Mention, then answer the domain question: the conversation waits at step 1 (returned). */
  async beginConversation(server: ServerProcess, threadTs: string): Promise<PostedMessage> {
    if ((await this.mention(server, threadTs)) !== 200) throw new Error('mention refused');
    await this.waitPost(threadTs, 'Which domain is the certificate for?');
    if ((await this.reply(server, 'shop.test', `${threadTs}1`, threadTs)) !== 200) throw new Error('reply refused');
    await this.waitPost(threadTs, 'Step 1 of 4');
    return this.threadPosts(threadTs).find((p) => p.text.includes('Step 1 of 4'))!;
  }

  /** From step 1 to the cause card, on `server`: a click on the step-1 message, then a typed "skip". */
  async finishConversation(server: ServerProcess, threadTs: string, step1: PostedMessage): Promise<PostedMessage> {
    if ((await this.click(server, step1, 'Yes, it is verified')) !== 200) throw new Error('click refused');
    await this.waitPost(threadTs, 'paste the record value');
    if ((await this.reply(server, 'skip', `${threadTs}3`, threadTs)) !== 200) throw new Error('reply refused');
    await this.waitPost(threadTs, CAUSE_TITLE, 15_000);
    return this.threadPosts(threadTs).find((p) => blockText(p).includes(CAUSE_TITLE))!;
  }
}
