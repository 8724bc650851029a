/** Team channels: the bot answers in the reply chain it was mentioned in, one conversation per chain. */
import type { CheckRunner } from '../../../src/core/checks';
import { cardActions, cardText } from '../../support/fake-connector/connector';
import { ADA, GRACE, channelThread, mention, message, submit } from '../../support/fake-connector/teams-activities';
import { startTeamsHarness, type TeamsHarness } from './harness';

const recordMissing: CheckRunner = async () => ({ outcome: 'record-missing', summary: 'No TXT record at _dnsauth', evidence: [], warnings: [] });

describe('Teams channel reply chains', () => {
  let harness: TeamsHarness;
  beforeEach(async () => {
    harness = await startTeamsHarness({ runCheck: recordMissing });
  });
  afterEach(() => harness.close());

  it('strips the @mention, diagnoses, and answers with a cause card in the same reply chain', async () => {
    const thread = channelThread(harness.connector.url, '1700000000500');
    const ask = mention(thread, 'certstatus example.com');
    expect((await harness.send(ask)).status).toBe(200);

    const calls = harness.connector.calls;
    expect(calls.length).toBeGreaterThan(0);
    for (const call of calls) {
      expect(call.conversationId).toBe('19:support@thread.tacv2;messageid=1700000000500');
      expect(call.activityId).toBe(ask.id);
    }
    expect(String(calls[0].body.text)).toContain('Checking DNS for example.com');
    const card = calls.find((call) => cardText(call.body).includes('The domain name verification has not been completed'));
    expect(card).toBeDefined();
    // A one-shot diagnosis card carries its domain, so its buttons work without a conversation behind them.
    expect(cardActions(card!.body).map((action) => action.payload)).toEqual([
      { kind: 'card', action: 'recheck', domain: 'example.com', public: true },
      { kind: 'card', action: 'troubleshoot', domain: 'example.com', public: true },
    ]);
  });

  it('answers a domain that cannot be one with a short reason and no "Checking" message', async () => {
    const thread = channelThread(harness.connector.url, '1700000000550');
    await harness.send(mention(thread, 'check 192.0.2.1'));
    const texts = harness.connector.calls.map((call) => String(call.body.text ?? ''));
    expect(texts).toHaveLength(1);
    expect(texts[0]).toMatch(/^❌ /);
    expect(texts[0]).not.toContain('Checking');
    expect(texts[0]).not.toContain('    at ');
  });

  it('explains the current question on "help" inside a conversation, and the bot outside one', async () => {
    const thread = channelThread(harness.connector.url, '1700000000560');
    await harness.send(mention(thread, 'help'));
    expect(String(harness.connector.calls.at(-1)!.body.text)).toContain('`check example.com`');
    await harness.send(mention(thread, 'troubleshoot example.com'));
    const mark = harness.connector.calls.length;
    await harness.send(mention(thread, 'help'));
    const reply = harness.connector.calls.slice(mark).map((call) => `${String(call.body.text ?? '')}${cardText(call.body)}`).join('\n');
    expect(reply).not.toContain('`check example.com`');
    expect(reply).toContain('Answer with a button');
  });

  it('keeps one conversation per reply chain, shared by whoever answers in it', async () => {
    const chainA = channelThread(harness.connector.url, '1700000000600');
    const chainB = channelThread(harness.connector.url, '1700000000700');

    await harness.send(mention(chainA, 'troubleshoot', ADA));
    await harness.send(mention(chainB, 'troubleshoot', GRACE));
    // Grace answers the question in Ada's chain: it is the same conversation, and the answer is attributed to her.
    await harness.send(mention(chainA, 'example.com', GRACE));

    const stateA = await harness.conversations.peek('teams:19:support@thread.tacv2;messageid=1700000000600');
    const stateB = await harness.conversations.peek('teams:19:support@thread.tacv2;messageid=1700000000700');
    expect(stateA?.vars.domain).toBe('example.com');
    expect(stateA?.history.map((entry) => entry.by?.name)).toEqual([GRACE.name]);
    expect(stateB?.vars.domain).toBeUndefined();
    expect(stateB?.node).toBe('ask-domain');

    const step1 = harness.connector.calls.find((call) => cardText(call.body).includes('Step 1 of 4: Is the ownership of example.com'));
    expect(step1?.conversationId).toBe('19:support@thread.tacv2;messageid=1700000000600');
  });

  it('puts a top-level post without a reply-chain id into the chain that post starts', async () => {
    const thread = channelThread(harness.connector.url, 'unused');
    const post = message({ ...thread, conversation: { ...thread.conversation, id: '19:support@thread.tacv2' } }, 'help');
    await harness.send(post);
    expect(harness.connector.calls[0].conversationId).toBe(`19:support@thread.tacv2;messageid=${post.id}`);
  });

  it('runs the one-shot card buttons: re-check again, or start guided troubleshooting for that domain', async () => {
    const thread = channelThread(harness.connector.url, '1700000000800');
    await harness.send(submit(thread, { certstatus: 'action', action: 'troubleshoot', domain: 'example.org' }, ADA));
    const state = await harness.conversations.peek('teams:19:support@thread.tacv2;messageid=1700000000800');
    expect(state?.vars.domain).toBe('example.org');
    expect(state?.node).toBe('step1-ownership');

    const mark = harness.connector.calls.length;
    await harness.send(submit(thread, { certstatus: 'action', action: 'recheck', domain: 'example.org' }, GRACE));
    expect(harness.connector.calls.slice(mark).some((call) => cardText(call.body).includes('The domain name verification has not been completed'))).toBe(true);
  });
});
