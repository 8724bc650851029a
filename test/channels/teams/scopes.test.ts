/** Group chats, installation greetings, and requests that are not activities. */
import { cardText } from '../../support/fake-connector/connector';
import { ADA, BOT, GRACE, TENANT, mention, type Scope } from '../../support/fake-connector/teams-activities';
import { startTeamsHarness, type TeamsHarness } from './harness';

describe('Teams group chats and installation', () => {
  let harness: TeamsHarness;
  beforeEach(async () => {
    harness = await startTeamsHarness({ runCheck: async () => ({ outcome: 'record-missing' }) });
  });
  afterEach(() => harness.close());

  const groupChat = (): Scope => ({
    serviceUrl: harness.connector.url,
    conversation: { id: '19:group-chat-1@thread.v2', conversationType: 'groupChat', isGroup: true, tenantId: TENANT },
  });

  it('shares one conversation per group chat and answers in it', async () => {
    await harness.send(mention(groupChat(), 'troubleshoot', ADA));
    await harness.send(mention(groupChat(), 'shop.test', GRACE));
    expect(harness.connector.calls.every((call) => call.conversationId === '19:group-chat-1@thread.v2')).toBe(true);
    expect(harness.connector.calls.some((call) => cardText(call.body).includes('Step 1 of 4: Is the ownership of shop.test'))).toBe(true);
    const state = await harness.conversations.peek('teams:19:group-chat-1@thread.v2');
    expect(state?.history.map((entry) => entry.by?.id)).toEqual([GRACE.aadObjectId]);
  });

  it('says what it does when it is added to a chat, not when others join', async () => {
    const update = (memberId: string) => ({
      type: 'conversationUpdate',
      id: `update-${memberId}`,
      serviceUrl: harness.connector.url,
      channelId: 'msteams',
      from: ADA,
      recipient: BOT,
      conversation: groupChat().conversation,
      membersAdded: [{ id: memberId }],
    });
    expect((await harness.send(update(GRACE.id) as never)).status).toBe(200);
    expect(harness.connector.calls).toHaveLength(0);
    expect((await harness.send(update(BOT.id) as never)).status).toBe(200);
    expect(harness.connector.calls).toHaveLength(1);
    expect(harness.connector.calls[0].conversationId).toBe('19:group-chat-1@thread.v2');
    expect(String(harness.connector.calls[0].body.text)).toContain('`check example.com`');
  });

  it('answers a body that is not a JSON activity with 400 and a short reason', async () => {
    const response = await fetch(harness.botUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{not json' });
    expect(response.status).toBe(400);
    expect(await response.text()).toBe('Expected a Bot Framework activity as a JSON object.');
    expect(harness.connector.attempts).toHaveLength(0);
  });

  it('answers a JSON object without an activity type with 400 and a short reason', async () => {
    const response = await fetch(harness.botUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"text":"hello"}' });
    expect(response.status).toBe(400);
    expect(await response.text()).toBe('Expected a Bot Framework activity with a type.');
    expect(harness.connector.attempts).toHaveLength(0);
  });
});
