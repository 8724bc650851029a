/** `certstatus serve`: configuration from the environment, channels on one server, one-line start-up errors. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { startServe } from '../../src/cli/commands/serve';
import { main, type CliIo } from '../../src/cli/main';
import type { RunningCertstatus } from '../../src/server/compose';
import { commandBody } from '../support/fake-slack/payloads';
import { FakeSlack } from '../support/fake-slack/server';
import { signedHeaders } from '../support/fake-slack/sign';

function io(env: Record<string, string>) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk) => (out += chunk));
  stderr.on('data', (chunk) => (err += chunk));
  const cli: CliIo = { stdin: new PassThrough(), stdout, stderr, env: { LOG_LEVEL: 'info', CERTSTATUS_DB: ':memory:', ...env } };
  // stdout is JSON log lines only: every line parses.
  const logs = () => out.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as Record<string, unknown>);
  return { cli, out: () => out, err: () => err, logs };
}

const noEnvFile = { envFile: false } as const;

describe('certstatus serve', () => {
  const fake = new FakeSlack();
  let running: RunningCertstatus | undefined;
  beforeAll(() => fake.start());
  afterAll(() => fake.stop());
  afterEach(async () => {
    await running?.close();
    running = undefined;
  });

  it('serves /healthz and the web page with no chat platform configured, and says so in one JSON log line', async () => {
    const { cli, logs } = io({});
    running = await startServe(cli, { port: '0', host: '127.0.0.1', ...noEnvFile });
    expect(logs()).toEqual([
      expect.objectContaining({ level: 30, msg: `certstatus listening on ${running.url}`, url: running.url, channels: 'channels enabled: web page (/)' }),
    ]);
    expect(running.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const health = await fetch(`${running.url}/healthz`);
    expect(await health.json()).toEqual({ status: 'ok', channels: ['web'] });
    expect((await fetch(`${running.url}/slack/events`, { method: 'POST' })).status).toBe(404);
  });

  it('mounts Slack at /slack/events when configured, next to /healthz', async () => {
    const { cli, out } = io({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'secret', SLACK_API_URL: fake.apiUrl, PORT: '0' });
    running = await startServe(cli, { host: '127.0.0.1', ...noEnvFile });
    expect(out()).toContain('channels enabled: Slack (HTTP /slack/events), web page (/)');
    expect(await (await fetch(`${running.url}/healthz`)).json()).toEqual({ status: 'ok', channels: ['slack', 'web'] });
    const body = commandBody('help', { responseUrl: fake.responseUrl() });
    const response = await fetch(`${running.url}/slack/events`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...signedHeaders('secret', body) },
      body,
    });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('/certstatus example.com');
  });

  it('mounts Teams at /api/messages in emulator mode', async () => {
    const { cli, out } = io({ CERTSTATUS_TEAMS_EMULATOR: 'true' });
    running = await startServe(cli, { port: '0', host: '127.0.0.1', ...noEnvFile });
    expect(out()).toContain('Teams (/api/messages, emulator mode, unauthenticated)');
    expect(await (await fetch(`${running.url}/healthz`)).json()).toEqual({ status: 'ok', channels: ['teams', 'web'] });
    // Not a JSON activity: refused by the Teams route itself, which shows it is mounted.
    expect((await fetch(`${running.url}/api/messages`, { method: 'POST', body: 'nope' })).status).toBe(400);
  });

  it('listens on loopback only in Teams emulator mode (no authentication), and refuses another address', async () => {
    const { cli } = io({ CERTSTATUS_TEAMS_EMULATOR: 'true' });
    running = await startServe(cli, { port: '0', ...noEnvFile });
    expect(new URL(running.url).hostname).toBe('127.0.0.1');
    await running.close();
    running = undefined;
    const refused = io({ CERTSTATUS_TEAMS_EMULATOR: 'true' });
    await expect(startServe(refused.cli, { port: '0', host: '0.0.0.0', ...noEnvFile })).rejects.toThrow(
      '--host is 0.0.0.0, but CERTSTATUS_TEAMS_EMULATOR serves /api/messages without authentication, so the server listens on loopback only (127.0.0.1 or ::1).',
    );
  });

  it.each([
    [{ PORT: 'abc' }, [], /^certstatus: PORT must be a whole number, got "abc"\.\n$/],
    [{}, ['--port', '99999'], /^certstatus: --port must be a port number from 0 to 65535, got "99999"\.\n$/],
    [{ SLACK_BOT_TOKEN: 'xoxb-1' }, [], /^certstatus: SLACK_SIGNING_SECRET is required with SLACK_BOT_TOKEN/],
    [{ CERTSTATUS_FLOW: 'no-such-flow' }, ['--port', '0'], /^certstatus: .*no-such-flow/],
  ])('refuses bad configuration %p %p with one line and exit status 2', async (env, args, message) => {
    const { cli, err } = io(env as Record<string, string>);
    expect(await main(['node', 'certstatus', 'serve', '--no-env-file', ...args], cli)).toBe(2);
    expect(err()).toMatch(message);
    expect(err().trim().split('\n')).toHaveLength(1);
  });

  it('refuses a rejected Slack token at start with one line, without the token', async () => {
    const rejecting = new FakeSlack();
    await rejecting.start();
    rejecting.rejectToken('token_revoked');
    const { cli, err } = io({ SLACK_BOT_TOKEN: 'xoxb-secret-value', SLACK_SIGNING_SECRET: 's', SLACK_API_URL: rejecting.apiUrl, PORT: '0' });
    expect(await main(['node', 'certstatus', 'serve', '--no-env-file'], cli)).toBe(2);
    await rejecting.stop();
    expect(err()).toBe('certstatus: Slack rejected SLACK_BOT_TOKEN (token_revoked): check SLACK_BOT_TOKEN (Slack app > OAuth & Permissions > Bot User OAuth Token).\n');
  });

  it('reads .env (what .env.example says to copy it to): a SLACK_BOT_TOKEN there enables Slack; the environment wins', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'certstatus-env-'));
    try {
      const file = path.join(dir, '.env');
      writeFileSync(file, `# copied from .env.example\nSLACK_BOT_TOKEN=xoxb-from-file\nSLACK_SIGNING_SECRET="secret"\nSLACK_API_URL=${fake.apiUrl}\nPORT=1\n`);
      const { cli, logs, out } = io({ PORT: '0' });
      running = await startServe(cli, { host: '127.0.0.1', envFile: file });
      expect(running.channels).toBe('channels enabled: Slack (HTTP /slack/events), web page (/)');
      expect(logs()[0]).toEqual(expect.objectContaining({ msg: 'loaded .env', file, variables: ['SLACK_API_URL', 'SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET'] }));
      expect(out()).not.toContain('xoxb-from-file');
      expect(running.port).not.toBe(1); // PORT=0 from the environment wins over the file
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('answers HEAD on /healthz, and /readyz says the store is ready', async () => {
    const { cli } = io({});
    running = await startServe(cli, { port: '0', host: '127.0.0.1', ...noEnvFile });
    const head = await fetch(`${running.url}/healthz`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await head.text()).toBe('');
    const ready = await fetch(`${running.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', store: 'ok' });
    expect((await fetch(`${running.url}/readyz`, { method: 'HEAD' })).status).toBe(200);
    const post = await fetch(`${running.url}/healthz`, { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
  });

  it('exports the standard process and Node.js metric names and a request duration histogram per route', async () => {
    const { cli } = io({});
    running = await startServe(cli, { port: '0', host: '127.0.0.1', ...noEnvFile });
    await fetch(`${running.url}/healthz`);
    await fetch(`${running.url}/readyz`);
    const text = await (await fetch(`${running.url}/metrics`)).text();
    for (const name of ['process_cpu_seconds_total', 'process_resident_memory_bytes', 'nodejs_eventloop_lag_seconds', 'nodejs_heap_size_used_bytes']) {
      expect(text).toMatch(new RegExp(`^${name} `, 'm'));
    }
    expect(text).not.toMatch(/^certstatus_process_/m);
    expect(text).toMatch(/^certstatus_http_request_duration_seconds_count\{route="\/healthz",method="GET",status="200"\} 1$/m);
    expect(text).toMatch(/^certstatus_http_request_duration_seconds_bucket\{le="\+Inf",route="\/readyz",method="GET",status="200"\} 1$/m);
    expect(text).toMatch(/^certstatus_store_operation_duration_seconds_count\{operation="get",outcome="ok"\} [1-9]/m);
  });
});
