/**
 * `certstatus serve` as a real process on a SQLite file: killed hard (SIGKILL) in the middle of a Slack
 * conversation and started again on the same file, the conversation goes on where it was; asked to stop
 * (SIGTERM), it finishes the request in flight and exits 0.
 */
import path from 'node:path';
import { blockText } from '../support/fake-slack/blocks';
import { commandBody } from '../support/fake-slack/payloads';
import { standardWorld, zone } from '../support/dns-world/standard';
import { startWorld } from '../support/dns-world/world';
import { BOT_TOKEN, ServeHarness, SIGNING_SECRET } from '../support/server-process/harness';
import { runCli } from '../support/dns-world/cli-io';
import { cardText, startFakeConnector } from '../support/fake-connector/connector';
import { channelThread, mention, postActivity } from '../support/fake-connector/teams-activities';

describe('serve as a process on a SQLite file', () => {
  const harness = new ServeHarness();
  beforeAll(() => harness.setUp(), 60_000);
  afterAll(() => harness.tearDown());

  it('continues a Slack conversation after SIGKILL, where it was, on the same SQLite file', async () => {
    const db = path.join(harness.dir, 'kill.db');
    const first = await harness.start({ CERTSTATUS_DB: db });
    expect(first.logs()).toContainEqual(expect.objectContaining({ msg: `certstatus listening on ${first.url}`, store: `SQLite file ${db}` }));
    const step1 = await harness.beginConversation(first, '700.1');

    first.child.kill('SIGKILL');
    expect(await first.exited).toEqual({ code: null, signal: 'SIGKILL' });

    const second = await harness.start({ CERTSTATUS_DB: db });
    // A click on the question the killed process posted, then a typed answer in the thread (known from the store).
    const card = await harness.finishConversation(second, '700.1', step1);
    expect(blockText(card)).toContain('Beta Cloud DNS');
    // Nothing started over: the domain question was asked once, by the first process.
    expect(harness.threadPosts('700.1').filter((p) => p.text.includes('Which domain is the certificate for?'))).toHaveLength(1);

    // Its log lines are JSON, name the conversation, and never carry the token or the signing secret.
    await second.waitForLog((line) => line.msg === 'conversation ended', '"conversation ended"');
    const conversationLines = second.logs().filter((line) => line.conversation === 'slack:T1:C1:700.1');
    expect(conversationLines.map((line) => line.msg)).toEqual(expect.arrayContaining(['check finished', 'conversation ended']));
    const everything = second.stdout.join('\n') + second.stderr();
    expect(everything).not.toContain(BOT_TOKEN);
    expect(everything).not.toContain(SIGNING_SECRET);

    const metrics = await (await fetch(`${second.url}/metrics`)).text();
    expect(metrics).toContain('certstatus_conversations_total{channel="slack",event="completed",cause="wrong-platform"} 1');
    expect(metrics).toMatch(/certstatus_http_requests_total\{channel="slack",status="200"\} [1-9]/);
    expect(metrics).toMatch(/certstatus_dns_queries_total\{result="ok"\} [1-9]/);
    second.child.kill('SIGTERM');
    expect((await second.exited).code).toBe(0);

    // Stats read what both processes wrote: one conversation, begun by the first, ended by the second.
    const stats = await runCli(['stats', '--json', '--since', '1h'], { CERTSTATUS_DB: db });
    expect(stats.stderr).toBe('');
    expect(JSON.parse(stats.stdout)).toMatchObject({
      conversations: { started: 1, endedWithCause: 1, causes: [{ name: 'wrong-platform', count: 1 }] },
      checks: { total: 1, failed: 0 },
    });
  }, 60_000);

  it('on SIGTERM finishes the request in flight and its DNS check, then exits 0', async () => {
    const db = path.join(harness.dir, 'term.db');
    // Every DNS answer is slow, so the diagnosis is still running when SIGTERM arrives.
    const slowWorld = await startWorld(standardWorld({ zones: [zone('slow.test')], latencyMs: 700 }));
    try {
      const server = await harness.start(
        { CERTSTATUS_DB: db },
        { CERTSTATUS_RESOLVERS: `127.0.0.53:${slowWorld.resolverPort}`, CERTSTATUS_AUTH_PORT: String(slowWorld.authPort), CERTSTATUS_DNS_TIMEOUT_MS: '8000' },
      );
      const responseUrl = harness.fake.responseUrl();
      const id = responseUrl.split('/').pop()!;
      const ack = await harness.post(server, commandBody('slow.test', { responseUrl }), 'application/x-www-form-urlencoded');
      expect(ack.status).toBe(200);
      expect(ack.text).toContain('Checking DNS for slow.test');
      expect(harness.fake.responses.some((r) => r.id === id)).toBe(false);

      server.child.kill('SIGTERM');
      // New requests are refused once it stops listening...
      await server.waitForLog((line) => line.msg === 'closing: no new requests; finishing the work in flight', 'closing');
      await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
      // ...but the diagnosis in flight is still posted before it exits, with status 0.
      const exit = await server.exited;
      expect(exit).toEqual({ code: 0, signal: null });
      const answer = harness.fake.responses.find((r) => r.id === id);
      expect(answer).toBeDefined();
      expect(blockText(answer!.body)).toContain('slow.test');
      expect(server.logs()).toContainEqual(expect.objectContaining({ msg: 'SIGTERM received: closing', signal: 'SIGTERM' }));
      // stdout is JSON log lines only, the signal line included.
      expect(server.stdout.filter((line) => line !== '' && !line.startsWith('{'))).toEqual([]);
      // The answer went out before the store closed: the log says so in that order.
      const messages = server.logs().map((line) => line.msg);
      expect(messages.indexOf('check finished')).toBeGreaterThan(messages.indexOf('closing: no new requests; finishing the work in flight'));
      expect(messages.indexOf('check finished')).toBeLessThan(messages.indexOf('closed'));
    } finally {
      await slowWorld.stop();
    }
  }, 60_000);

  it('on SIGTERM lets a Teams request still waiting for its DNS check answer before exiting 0', async () => {
    const db = path.join(harness.dir, 'term-teams.db');
    const connector = await startFakeConnector();
    const slowWorld = await startWorld(standardWorld({ zones: [zone('slow.test')], latencyMs: 400 }));
    try {
      const server = await harness.start(
        { CERTSTATUS_DB: db },
        { CERTSTATUS_TEAMS_EMULATOR: 'true', CERTSTATUS_RESOLVERS: `127.0.0.53:${slowWorld.resolverPort}`, CERTSTATUS_AUTH_PORT: String(slowWorld.authPort), CERTSTATUS_DNS_TIMEOUT_MS: '8000' },
      );
      let settled = false;
      const request = postActivity(`${server.url}/api/messages`, mention(channelThread(connector.url, '1700000009000'), 'certstatus slow.test'));
      void request.finally(() => (settled = true));
      // The bot said "Checking" inside the turn; the HTTP request waits for the diagnosis (Teams patience).
      await connector.waitFor((calls) => calls.some((call) => String(call.body.text ?? '').includes('Checking DNS for slow.test')));
      expect(settled).toBe(false);

      server.child.kill('SIGTERM');
      const response = await request;
      expect(response.status).toBe(200);
      const exit = await server.exited;
      expect(exit).toEqual({ code: 0, signal: null });
      // The diagnosis reached the connector before the process exited.
      expect(connector.calls.some((call) => cardText(call.body).includes('slow.test'))).toBe(true);
    } finally {
      await slowWorld.stop();
      await connector.close();
    }
  }, 60_000);
});
