/**
 * When Teams refuses a card as too large (413) anyway, the answer goes out as a plain message, so the user
 * is never left with only "Checking DNS…". The real CloudAdapter posts to the fake connector told to refuse.
 */
import { createLogger } from '../../../src/core/logger';
import { cardText } from '../../support/fake-connector/connector';
import { mention, personalChat, message, channelThread } from '../../support/fake-connector/teams-activities';
import { WRONG_PLATFORM } from '../slack/runners';
import { startTeamsHarness, type TeamsHarness } from './harness';

const CAUSE_TITLE = 'A wrong domain name management platform was selected';

describe('Teams refusing a card', () => {
  let harness: TeamsHarness;
  const logLines: string[] = [];
  beforeEach(async () => {
    logLines.length = 0;
    const logger = createLogger({ level: 'info', destination: { write: (line: string) => void logLines.push(line) } });
    harness = await startTeamsHarness({ runCheck: async () => WRONG_PLATFORM, logger });
  });
  afterEach(() => harness.close());

  it('sends the diagnosis as plain text after a 413, with its title, procedure and evidence', async () => {
    harness.connector.refuseCards(413);
    const response = await harness.send(mention(channelThread(harness.connector.url, '1700000002000'), 'check example.com'));
    expect(response.status).toBe(200);
    await harness.connector.waitFor((calls) => calls.some((call) => String(call.body.text ?? '').includes(CAUSE_TITLE)));
    const refused = harness.connector.attempts.filter((call) => call.status === 413);
    expect(refused).toHaveLength(1);
    expect(cardText(refused[0]!.body)).toContain(CAUSE_TITLE);
    const texts = harness.connector.calls.map((call) => String(call.body.text ?? ''));
    expect(texts[0]).toContain('Checking DNS for example.com');
    expect(texts[1]).toContain(CAUSE_TITLE);
    expect(texts[1]).toContain('ns1.huaweicloud-dns.com answered');
    expect(harness.connector.calls[1]!.body.attachments ?? []).toEqual([]);
    const warn = logLines.map((line) => JSON.parse(line) as Record<string, unknown>).find((line) => line.status === 413);
    expect(warn).toMatchObject({ level: 40, msg: 'teams refused the card as too large; sent as plain text' });
  });

  it('asks a question as plain text after a 413', async () => {
    harness.connector.refuseCards(413, 5);
    await harness.send(message(personalChat(harness.connector.url), 'troubleshoot'));
    await harness.connector.waitFor((calls) => calls.some((call) => String(call.body.text ?? '').includes('Which domain is the certificate for?')));
  });
});
