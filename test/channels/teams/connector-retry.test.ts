/**
 * Transient Bot Connector errors (429, 412, 502, 504) are retried with backoff; the reply goes out once.
 * 429/412 are retried by the bot's wrapper, 502/504 by botbuilder's own HTTP pipeline: both are checked here.
 */
import { message, personalChat } from '../../support/fake-connector/teams-activities';
import { startTeamsHarness, type TeamsHarness } from './harness';

describe('Teams connector retries', () => {
  let harness: TeamsHarness;
  beforeEach(async () => {
    harness = await startTeamsHarness({ runCheck: async () => ({ outcome: 'record-missing' }) });
  });
  afterEach(() => harness.close());

  it.each([429, 412, 502, 504])('retries a reply the connector answered with %i, then delivers it once', async (status) => {
    harness.connector.failNext(status);
    const response = await harness.send(message(personalChat(harness.connector.url), 'help'));
    expect(response.status).toBe(200);
    expect(harness.connector.attempts.map((call) => call.status)).toEqual([status, 200]);
    expect(harness.connector.calls).toHaveLength(1);
    expect(String(harness.connector.calls[0].body.text)).toContain('`check example.com`');
  });

  it('gives up after a bounded number of attempts when the connector keeps throttling', async () => {
    harness.connector.failNext(429, 100);
    const response = await harness.send(message(personalChat(harness.connector.url), 'help'));
    // The turn failed and went to the adapter's error handler, whose apology could not be delivered either.
    expect(response.status).toBe(200);
    expect(harness.connector.calls).toHaveLength(0);
    // Four tries of the reply, then one of the error handler's apology.
    expect(harness.connector.attempts.map((call) => call.status)).toEqual([429, 429, 429, 429, 429]);
  });
});
