/**
 * With an app id configured, every request must carry a valid Bot Framework token. Validation is botbuilder's
 * own, against OpenID metadata served on loopback; refused requests are answered 401 and handled not at all,
 * and logged as one JSON line (botbuilder's own console output of them is not reached).
 */
import { createLogger } from '../../../src/core/logger';
import { MicrosoftAppCredentials, PasswordServiceClientCredentialFactory } from 'botframework-connector';
import { startFakeOpenId, type ChannelClaims, type FakeOpenId } from '../../support/fake-connector/openid';
import { message, personalChat } from '../../support/fake-connector/teams-activities';
import { startTeamsHarness, type TeamsHarness } from './harness';

const APP_ID = '00000000-0000-0000-0000-00000000a11d';

/** Outbound calls need an AAD token; the test hands out a fixed one instead of asking Microsoft for it. */
class FixedTokenCredentials extends MicrosoftAppCredentials {
  override async getToken(): Promise<string> {
    return 'outbound-test-token';
  }
}
class FixedTokenFactory extends PasswordServiceClientCredentialFactory {
  override async createCredentials(appId: string, audience: string) {
    if (!(await this.isValidAppId(appId))) throw new Error('Invalid appId.');
    return new FixedTokenCredentials(appId, '', undefined, audience);
  }
}

describe('Teams request authentication', () => {
  let openid: FakeOpenId;
  let harness: TeamsHarness;
  let logLines: string[];
  let consoleError: jest.SpyInstance;
  beforeEach(async () => {
    openid = await startFakeOpenId();
    logLines = [];
    consoleError = jest.spyOn(console, 'error');
    harness = await startTeamsHarness({
      logger: createLogger({ level: 'debug', destination: { write: (line: string) => void logLines.push(line) } }),
      runCheck: async () => ({ outcome: 'record-missing' }),
      appId: APP_ID,
      appPassword: 'test-password-not-used',
      endpoints: { ToBotFromChannelOpenIdMetadataUrl: openid.metadataUrl },
      credentialsFactory: new FixedTokenFactory(APP_ID, 'test-password-not-used'),
    });
  });
  afterEach(async () => {
    consoleError.mockRestore();
    await harness.close();
    await openid.close();
  });

  const logged = () => logLines.map((line) => JSON.parse(line) as Record<string, unknown>);

  const claims = (overrides: Partial<ChannelClaims> = {}): ChannelClaims => ({ aud: APP_ID, serviceurl: harness.connector.url, ...overrides });

  it.each<[string, (openid: FakeOpenId, claims: (o?: Partial<ChannelClaims>) => ChannelClaims) => string | undefined]>([
    ['no Authorization header', () => undefined],
    ['a bearer value that is not a token', () => 'Bearer not-a-token'],
    ['a token signed with another key', (id, c) => `Bearer ${id.forge(c())}`],
    ['a token for another bot', (id, c) => `Bearer ${id.sign(c({ aud: 'some-other-bot' }))}`],
    ['a token for another service URL', (id, c) => `Bearer ${id.sign(c({ serviceurl: 'http://127.0.0.1:1/' }))}`],
    ['an expired token', (id, c) => `Bearer ${id.sign(c({ exp: Math.floor(Date.now() / 1000) - 3600 }))}`],
    ['a token from another issuer', (id, c) => `Bearer ${id.sign(c({ iss: 'https://issuer.invalid' }))}`],
  ])('refuses a request with %s (401, nothing handled)', async (_name, authorization) => {
    const chat = personalChat(harness.connector.url);
    const activity = message(chat, 'troubleshoot example.com');
    const header = authorization(openid, claims);
    const response = await harness.send(activity, header ? { authorization: header } : {});
    expect(response.status).toBe(401);
    expect(response.body).toBe('Unauthorized: missing or invalid Bot Framework token.');
    expect(consoleError).not.toHaveBeenCalled();
    expect(logged().filter((line) => line.level === 40)).toHaveLength(1);
    expect(harness.connector.attempts).toHaveLength(0);
    expect(await harness.conversations.peek(`teams:${chat.conversation.id}`)).toBeUndefined();

    // The refusal did not mark the activity as handled: the genuine delivery of it is processed.
    const genuine = await harness.send(activity, { authorization: `Bearer ${openid.sign(claims())}` });
    expect(genuine.status).toBe(200);
    expect((await harness.conversations.peek(`teams:${chat.conversation.id}`))?.vars.domain).toBe('example.com');
  });

  it('logs a forged token as one JSON warn line without the token, and nothing on the console', async () => {
    const token = openid.forge(claims());
    const response = await harness.send(message(personalChat(harness.connector.url), 'help'), { authorization: `Bearer ${token}` });
    expect(response.status).toBe(401);
    expect(consoleError).not.toHaveBeenCalled();
    const warnings = logged().filter((line) => line.level === 40);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ channel: 'teams', status: 401, msg: 'teams: request refused: Bot Framework token not accepted' });
    expect(typeof warnings[0].reason).toBe('string');
    expect(warnings[0]).not.toHaveProperty('err');
    // What botframework-connector printed about it is in the log, at debug level, instead of on the console.
    expect(logged()).toContainEqual(expect.objectContaining({ level: 20, sdkMessage: expect.stringContaining('Error finding key for token') }));
    const all = logLines.join('');
    expect(all).not.toMatch(/Bearer/i);
    expect(all).not.toMatch(/\bat .+:\d+:\d+/); // no stack frames
    for (const part of token.split('.')) expect(all).not.toContain(part);
  });

  it('logs an expired token without the SDK printing its stack', async () => {
    const token = openid.sign(claims({ exp: Math.floor(Date.now() / 1000) - 3600 }));
    const response = await harness.send(message(personalChat(harness.connector.url), 'help'), { authorization: `Bearer ${token}` });
    expect(response.status).toBe(401);
    expect(consoleError).not.toHaveBeenCalled();
    expect(logged()).toContainEqual(expect.objectContaining({ level: 20, sdkMessage: 'TokenExpiredError: jwt expired' }));
    expect(logged().filter((line) => line.level === 40)).toEqual([expect.objectContaining({ status: 401, reason: expect.stringContaining('expired') })]);
    expect(logLines.join('')).not.toContain(token.split('.')[2]);
  });

  it('answers 500 and logs one error line when the token cannot be checked (OpenID metadata unreachable)', async () => {
    const token = openid.sign(claims());
    await openid.close();
    const response = await harness.send(message(personalChat(harness.connector.url), 'help'), { authorization: `Bearer ${token}` });
    expect(response.status).toBe(500);
    expect(response.body).toBe('Internal error while handling the activity.');
    expect(consoleError).not.toHaveBeenCalled();
    const errors = logged().filter((line) => line.level === 50);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ channel: 'teams', msg: 'teams: request failed' });
    expect(errors[0].err).toEqual(expect.objectContaining({ message: expect.any(String) }));
    expect(logLines.join('\n')).not.toContain(token);
    openid = await startFakeOpenId(); // afterEach closes it
  });

  it('handles a request with a valid channel token and replies with the bot credentials', async () => {
    const response = await harness.send(message(personalChat(harness.connector.url), 'help'), { authorization: `Bearer ${openid.sign(claims())}` });
    expect(response.status).toBe(200);
    expect(harness.connector.calls).toHaveLength(1);
    expect(harness.connector.calls[0].authorization).toBe('Bearer outbound-test-token');
  });
});
