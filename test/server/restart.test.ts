/**
 * `certstatus serve` as a real process on a SQLite file: killed hard (SIGKILL) in the middle of a Slack
 * conversation and started again on the same file, the conversation goes on where it was; asked to stop
 * (SIGTERM), it finishes the request in flight and exits 0.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { blockText, button } from '../support/fake-slack/blocks';
import { eventBody, clickBody, type PostedMessage } from '../support/fake-slack/payloads';
import { FakeSlack } from '../support/fake-slack/server';
import { signedHeaders } from '../support/fake-slack/sign';
import { ALPHA1, BETA, EXPECTED, standardWorld, txt, zone } from '../support/dns-world/standard';
import { startWorld, type RunningWorld } from '../support/dns-world/world';
import { buildCli } from '../support/server-process/build';
import { startServerProcess, type ServerProcess } from '../support/server-process/process';

const SECRET = 'restart-test-signing-secret';
const CAUSE_TITLE = 'A wrong domain name management platform was selected';

describe('serve as a process on a SQLite file', () => {
  const fake = new FakeSlack();
  let world: RunningWorld;
  let dir: string;
  let providersFile: string;
  const processes: ServerProcess[] = [];

  beforeAll(async () => {
    buildCli();
    await fake.start();
    // The record sits on Beta while the domain uses Alpha: a diagnosis the real check finds in DNS.
    world = await startWorld(standardWorld({ zones: [zone('shop.test')], betaZones: [zone('shop.test', [txt('_dnsauth.shop.test', EXPECTED)])] }));
    dir = mkdtempSync(path.join(tmpdir(), 'certstatus-restart-'));
    providersFile = path.join(dir, 'providers.yaml');
    writeFileSync(providersFile, [
      'providers:',
      '  - id: alpha', '    name: Alpha DNS', '    nsPatterns: ["*.alpha-dns.test"]', `    nameservers: [{ name: ns1.alpha-dns.test, address: "${ALPHA1}" }]`,
      '  - id: beta', '    name: Beta Cloud DNS', '    nsPatterns: ["*.beta-dns.test"]', `    nameservers: [{ name: ns1.beta-dns.test, address: "${BETA}" }]`,
      '',
    ].join('\n'));
  }, 60_000);
  afterAll(async () => {
    for (const server of processes) if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill('SIGKILL');
    await world?.stop();
    await fake.stop();
  });

  const env = (db: string, extra: Record<string, string> = {}) => ({
    SLACK_BOT_TOKEN: 'xoxb-restart-test',
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: fake.apiUrl,
    CERTSTATUS_DB: db,
    CERTSTATUS_RESOLVERS: `127.0.0.53:${world.resolverPort}`,
    CERTSTATUS_AUTH_PORT: String(world.authPort),
    CERTSTATUS_PROVIDERS_FILE: providersFile,
    CERTSTATUS_DNS_TIMEOUT_MS: '4000',
    LOG_LEVEL: 'info',
    ...extra,
  });

  async function start(db: string, extra?: Record<string, string>) {
    const server = await startServerProcess(env(db, extra));
    processes.push(server);
    return server;
  }

  async function post(server: ServerProcess, body: string, contentType: string) {
    const response = await fetch(`${server.url}/slack/events`, { method: 'POST', headers: { 'Content-Type': contentType, ...signedHeaders(SECRET, body) }, body });
    return { status: response.status, text: await response.text() };
  }
  const event = (server: ServerProcess, payload: Record<string, unknown>) => post(server, eventBody(payload), 'application/json');
  const click = (server: ServerProcess, message: PostedMessage, label: string) =>
    post(server, clickBody(message, button(message, label), 'UALICE', fake.responseUrl()), 'application/x-www-form-urlencoded');

  const threadPosts = (threadTs: string) => fake.posts().filter((p) => p.thread_ts === threadTs);
  const waitPost = (threadTs: string, text: string, timeoutMs = 10_000) =>
    fake.waitFor(() => threadPosts(threadTs).some((p) => p.text.includes(text) || blockText(p).includes(text)), `"${text}" in thread ${threadTs}`, timeoutMs);

  it('continues a Slack conversation after SIGKILL, where it was, on the same SQLite file', async () => {
    const db = path.join(dir, 'kill.db');
    const first = await start(db);
    expect(first.stdout.join('\n')).toContain(`state in SQLite file ${db}`);
    expect((await event(first, { type: 'app_mention', user: 'UALICE', text: '<@UBOT>', ts: '700.1', channel: 'C1' })).status).toBe(200);
    await waitPost('700.1', 'Which domain is the certificate for?');
    expect((await event(first, { type: 'message', channel_type: 'channel', user: 'UBOB', text: 'shop.test', ts: '700.2', thread_ts: '700.1', channel: 'C1' })).status).toBe(200);
    await waitPost('700.1', 'Step 1 of 4');
    const step1 = threadPosts('700.1').find((p) => p.text.includes('Step 1 of 4'))!;

    first.child.kill('SIGKILL');
    expect(await first.exited).toEqual({ code: null, signal: 'SIGKILL' });

    const second = await start(db);
    // A click on the question the killed process posted is applied to the stored conversation.
    expect((await click(second, step1, 'Yes, it is verified')).status).toBe(200);
    await waitPost('700.1', 'paste the record value');
    // A typed answer in the thread is recognised as part of the conversation (the thread is known from the store).
    expect((await event(second, { type: 'message', channel_type: 'channel', user: 'UBOB', text: 'skip', ts: '700.3', thread_ts: '700.1', channel: 'C1' })).status).toBe(200);
    await waitPost('700.1', CAUSE_TITLE, 15_000);
    // Nothing started over: the domain question was asked once, by the first process.
    expect(threadPosts('700.1').filter((p) => p.text.includes('Which domain is the certificate for?'))).toHaveLength(1);
    const card = threadPosts('700.1').find((p) => blockText(p).includes(CAUSE_TITLE))!;
    expect(blockText(card)).toContain('Beta Cloud DNS');

    // Its log lines are JSON, name the conversation, and never carry the token or the signing secret.
    await second.waitForLog((line) => line.msg === 'conversation ended', '"conversation ended"');
    const conversationLines = second.logs().filter((line) => line.conversation === 'slack:T1:C1:700.1');
    expect(conversationLines.map((line) => line.msg)).toEqual(expect.arrayContaining(['check finished', 'conversation ended']));
    const everything = second.stdout.join('\n') + second.stderr();
    expect(everything).not.toContain('xoxb-restart-test');
    expect(everything).not.toContain(SECRET);

    const metrics = await (await fetch(`${second.url}/metrics`)).text();
    expect(metrics).toContain('certstatus_conversations_total{channel="slack",event="completed",cause="wrong-platform"} 1');
    expect(metrics).toMatch(/certstatus_http_requests_total\{channel="slack",status="200"\} [1-9]/);
    expect(metrics).toMatch(/certstatus_dns_queries_total\{result="ok"\} [1-9]/);
    second.child.kill('SIGTERM');
    expect((await second.exited).code).toBe(0);
  }, 60_000);

  it('on SIGTERM finishes the request in flight and its DNS check, then exits 0', async () => {
    const db = path.join(dir, 'term.db');
    // Every DNS answer is slow, so the diagnosis is still running when SIGTERM arrives.
    const slowWorld = await startWorld(standardWorld({ zones: [zone('slow.test')], latencyMs: 700 }));
    try {
      const server = await start(db, { CERTSTATUS_RESOLVERS: `127.0.0.53:${slowWorld.resolverPort}`, CERTSTATUS_AUTH_PORT: String(slowWorld.authPort), CERTSTATUS_DNS_TIMEOUT_MS: '8000' });
      const responseUrl = fake.responseUrl();
      const id = responseUrl.split('/').pop()!;
      const { commandBody } = await import('../support/fake-slack/payloads');
      const ack = await post(server, commandBody('slow.test', { responseUrl }), 'application/x-www-form-urlencoded');
      expect(ack.status).toBe(200);
      expect(ack.text).toContain('Checking DNS for slow.test');
      expect(fake.responses.some((r) => r.id === id)).toBe(false);

      server.child.kill('SIGTERM');
      // New requests are refused once it stops listening...
      await new Promise((resolve) => setTimeout(resolve, 300));
      await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
      // ...but the diagnosis in flight is still posted before it exits, with status 0.
      const exit = await server.exited;
      expect(exit).toEqual({ code: 0, signal: null });
      const answer = fake.responses.find((r) => r.id === id);
      expect(answer).toBeDefined();
      expect(blockText(answer!.body)).toContain('slow.test');
      expect(server.stdout.join('\n')).toContain('SIGTERM received, closing');
      expect(server.logs().map((line) => line.msg)).toEqual(expect.arrayContaining(['listening', 'closing: no new requests; finishing the work in flight', 'closed']));
      // The answer went out before the store closed: the log says so in that order.
      const messages = server.logs().map((line) => line.msg);
      expect(messages.indexOf('check finished')).toBeGreaterThan(messages.indexOf('closing: no new requests; finishing the work in flight'));
      expect(messages.indexOf('check finished')).toBeLessThan(messages.indexOf('closed'));
    } finally {
      await slowWorld.stop();
    }
  }, 60_000);
});
