/**
 * POST /api/messages refuses what is not a usable activity with a 400 and one warn line (never a TypeError
 * stack), answers only this machine in emulator mode, and closes a keep-alive connection after a 413 so the
 * next request works at once. The real route and CloudAdapter on a loopback server.
 */
import { request as httpRequest, Agent } from 'node:http';
import { createLogger } from '../../../src/core/logger';
import { message, personalChat, postActivity } from '../../support/fake-connector/teams-activities';
import { startTeamsHarness, type TeamsHarness } from './harness';

describe('Teams route: malformed and hostile requests', () => {
  let harness: TeamsHarness;
  let lines: string[];
  let consoleError: jest.SpyInstance;
  beforeEach(async () => {
    lines = [];
    consoleError = jest.spyOn(console, 'error');
    harness = await startTeamsHarness({
      runCheck: async () => ({ outcome: 'record-missing' }),
      logger: createLogger({ level: 'debug', destination: { write: (line: string) => void lines.push(line) } }),
    });
  });
  afterEach(async () => {
    consoleError.mockRestore();
    await harness.close();
  });

  const logged = () => lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  const good = () => message(personalChat(harness.connector.url), 'help') as unknown as Record<string, unknown>;
  const post = (body: unknown) => fetch(harness.botUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it.each([
    ['no conversation', { conversation: undefined }, 'it has no conversation id'],
    ['a text that is not a string', { text: ['check', 'example.com'] }, 'its text is not a string'],
    ['a file:// serviceUrl', { serviceUrl: 'file:///etc/passwd' }, 'its serviceUrl is not an http or https URL'],
  ])('answers an activity with %s with 400 and one warn line, nothing posted', async (_name, change, problem) => {
    const response = await post({ ...good(), ...change });
    expect(response.status).toBe(400);
    expect(await response.text()).toBe(`Not a Bot Framework activity: ${problem}.`);
    const warnings = logged().filter((line) => (line.level as number) >= 40);
    expect(warnings).toEqual([expect.objectContaining({ level: 40, msg: 'teams: request refused: not a valid activity', status: 400 })]);
    expect(JSON.stringify(warnings)).not.toContain('TypeError');
    expect(consoleError).not.toHaveBeenCalled();
    expect(harness.connector.attempts).toHaveLength(0);
  });

  it('in emulator mode (no app id) refuses an activity whose serviceUrl is not on this machine, posting nothing', async () => {
    // A documentation address (TEST-NET-1): refused before anything is sent to it.
    const response = await post({ ...good(), serviceUrl: 'http://192.0.2.1:9/' });
    expect(response.status).toBe(403);
    expect(logged()).toEqual([expect.objectContaining({ level: 40, msg: 'teams: request refused: emulator mode answers only loopback service URLs', serviceUrl: 'http://192.0.2.1:9/' })]);
    // The same activity from this machine is answered.
    expect((await postActivity(harness.botUrl, message(personalChat(harness.connector.url), 'help'))).status).toBe(200);
    await harness.connector.waitFor((calls) => calls.length === 1);
  });

  it('closes a keep-alive connection after a 413, so the next request goes out on a new socket and is answered', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const url = new URL(harness.botUrl);
    const send = (body: string) =>
      new Promise<{ status: number; connection: string | undefined; reused: boolean }>((resolve, reject) => {
        const req = httpRequest({ host: url.hostname, port: url.port, path: url.pathname, method: 'POST', agent, headers: { 'content-type': 'application/json' } }, (res) => {
          res.resume();
          res.on('end', () => resolve({ status: res.statusCode ?? 0, connection: res.headers.connection, reused: req.reusedSocket }));
        });
        req.on('error', reject);
        req.end(body);
      });
    try {
      const tooLarge = await send(JSON.stringify({ ...good(), text: 'x'.repeat(2 * 1024 * 1024) }));
      expect(tooLarge).toMatchObject({ status: 413, connection: 'close' });
      const next = await send(JSON.stringify(good()));
      expect(next).toEqual({ status: 200, connection: 'keep-alive', reused: false });
    } finally {
      agent.destroy();
    }
  });
});
