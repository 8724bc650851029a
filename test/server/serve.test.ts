/** `certstatus serve`: configuration from the environment, channels on one server, one-line start-up errors. */
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
  const cli: CliIo = { stdin: new PassThrough(), stdout, stderr, env: { LOG_LEVEL: 'silent', CERTSTATUS_DB: ':memory:', ...env } };
  return { cli, out: () => out, err: () => err };
}

describe('certstatus serve', () => {
  const fake = new FakeSlack();
  let running: RunningCertstatus | undefined;
  beforeAll(() => fake.start());
  afterAll(() => fake.stop());
  afterEach(async () => {
    await running?.close();
    running = undefined;
  });

  it('serves /healthz with no channel configured and says so on one line', async () => {
    const { cli, out } = io({});
    running = await startServe(cli, { port: '0', host: '127.0.0.1' });
    expect(out()).toMatch(/^certstatus listening on http:\/\/127\.0\.0\.1:\d+; channels enabled: none .*\n$/);
    const health = await fetch(`${running.url}/healthz`);
    expect(await health.json()).toEqual({ status: 'ok', channels: [] });
    expect((await fetch(`${running.url}/slack/events`, { method: 'POST' })).status).toBe(404);
  });

  it('mounts Slack at /slack/events when configured, next to /healthz', async () => {
    const { cli, out } = io({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'secret', SLACK_API_URL: fake.apiUrl, PORT: '0' });
    running = await startServe(cli, { host: '127.0.0.1' });
    expect(out()).toContain('channels enabled: Slack (HTTP /slack/events)');
    expect(await (await fetch(`${running.url}/healthz`)).json()).toEqual({ status: 'ok', channels: ['slack'] });
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
    running = await startServe(cli, { port: '0', host: '127.0.0.1' });
    expect(out()).toContain('Teams (/api/messages, emulator mode, unauthenticated)');
    expect(await (await fetch(`${running.url}/healthz`)).json()).toEqual({ status: 'ok', channels: ['teams'] });
    // Not a JSON activity: refused by the Teams route itself, which shows it is mounted.
    expect((await fetch(`${running.url}/api/messages`, { method: 'POST', body: 'nope' })).status).toBe(400);
  });

  it.each([
    [{ PORT: 'abc' }, [], /^certstatus: PORT must be a whole number, got "abc"\.\n$/],
    [{}, ['--port', '99999'], /^certstatus: --port must be a port number from 0 to 65535, got "99999"\.\n$/],
    [{ SLACK_BOT_TOKEN: 'xoxb-1' }, [], /^certstatus: SLACK_SIGNING_SECRET is required with SLACK_BOT_TOKEN/],
    [{ CERTSTATUS_FLOW: 'no-such-flow' }, ['--port', '0'], /^certstatus: .*no-such-flow/],
  ])('refuses bad configuration %p %p with one line and exit status 2', async (env, args, message) => {
    const { cli, err } = io(env as Record<string, string>);
    expect(await main(['node', 'certstatus', 'serve', ...args], cli)).toBe(2);
    expect(err()).toMatch(message);
    expect(err().trim().split('\n')).toHaveLength(1);
  });

  it('refuses a rejected Slack token at start with one line, without the token', async () => {
    const rejecting = new FakeSlack();
    await rejecting.start();
    rejecting.rejectToken('token_revoked');
    const { cli, err } = io({ SLACK_BOT_TOKEN: 'xoxb-secret-value', SLACK_SIGNING_SECRET: 's', SLACK_API_URL: rejecting.apiUrl, PORT: '0' });
    expect(await main(['node', 'certstatus', 'serve'], cli)).toBe(2);
    await rejecting.stop();
    expect(err()).toBe('certstatus: Slack rejected SLACK_BOT_TOKEN (token_revoked): check SLACK_BOT_TOKEN (Slack app > OAuth & Permissions > Bot User OAuth Token).\n');
  });
});
