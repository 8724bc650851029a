/** A personal chat from the first message to a cause card, through the real CloudAdapter and a fake connector. */
import type { CheckRunner } from '../../../src/core/checks';
import { cardActions, cardText, choiceButton, type ConnectorCall } from '../../support/fake-connector/connector';
import { ADA, message, personalChat, submit } from '../../support/fake-connector/teams-activities';
import { startTeamsHarness, type TeamsHarness } from './harness';

const wrongPlatform: CheckRunner = async (_check, params) => ({
  outcome: 'wrong-platform',
  summary: `The record is at another DNS provider than the one ${params.domain} uses`,
  evidence: [{ text: 'ns1.example-dns.test answered NXDOMAIN for _dnsauth', source: 'ns1.example-dns.test', ttl: 300 }],
  warnings: [],
});

describe('Teams personal chat', () => {
  let harness: TeamsHarness;
  beforeEach(async () => {
    harness = await startTeamsHarness({ runCheck: wrongPlatform });
  });
  afterEach(() => harness.close());

  const newCalls = (from: number): ConnectorCall[] => harness.connector.calls.slice(from);

  it('walks from hello to the cause card, updating each answered card with the answer and who gave it', async () => {
    const chat = personalChat(harness.connector.url);

    const hello = message(chat, 'hi');
    expect((await harness.send(hello)).status).toBe(200);
    const greeting = newCalls(0);
    // Replies go into the same chat, as replies to the user's message.
    expect(greeting.every((call) => call.kind === 'reply' && call.conversationId === chat.conversation.id && call.activityId === hello.id)).toBe(true);
    const askDomain = greeting.find((call) => cardText(call.body).includes('Which domain'));
    expect(askDomain).toBeDefined();

    let mark = harness.connector.calls.length;
    expect((await harness.send(message(chat, 'example.com'))).status).toBe(200);
    const step1 = newCalls(mark).find((call) => cardText(call.body).includes('Step 1 of 4'));
    expect(step1).toBeDefined();
    const verified = choiceButton(step1!.body, 'verified');
    expect(verified).toMatchObject({ title: 'Yes, it is verified', payload: { kind: 'choice', choice: 'verified' } });

    mark = harness.connector.calls.length;
    expect((await harness.send(submit(chat, verified!.data))).status).toBe(200);
    const afterClick = newCalls(mark);
    // The clicked card is updated in place (PUT on its activity id): the answer and who chose it, no buttons left.
    const update = afterClick.find((call) => call.kind === 'update');
    expect(update).toBeDefined();
    expect(update!.activityId).toBe(step1!.responseId);
    expect(cardText(update!.body)).toContain('Yes, it is verified');
    expect(cardText(update!.body)).toContain(ADA.name);
    expect(cardActions(update!.body)).toEqual([]);
    expect(afterClick.some((call) => cardText(call.body).includes('record value'))).toBe(true);

    mark = harness.connector.calls.length;
    expect((await harness.send(message(chat, 'skip'))).status).toBe(200);
    const end = newCalls(mark);
    const cause = end.find((call) => cardText(call.body).includes('A wrong domain name management platform was selected'));
    expect(cause).toBeDefined();
    const text = cardText(cause!.body);
    expect(text).toMatch(/1\. Find where example\.com is hosted/);
    expect(text).toContain('ns1.example-dns.test answered NXDOMAIN');
    expect((cause!.body.attachments as { contentType: string }[])[0].contentType).toBe('application/vnd.microsoft.card.adaptive');

    const state = await harness.conversations.peek(`teams:${chat.conversation.id}`);
    expect(state?.outcome).toEqual({ kind: 'cause', cause: 'wrong-platform' });
  });
});
