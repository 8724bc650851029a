/**
 * A DNS check slower than the request's patience: the HTTP request returns first with a quick "Checking"
 * reply, and the result is posted proactively afterwards. A retried activity is never handled twice.
 */
import type { CheckOutcome, CheckRunner } from '../../../src/core/checks';
import { cardText } from '../../support/fake-connector/connector';
import { ADA, channelThread, mention, message, personalChat, submit } from '../../support/fake-connector/teams-activities';
import { startTeamsHarness, type TeamsHarness } from './harness';

/** A check that finishes only when the test says so: "slower than the patience" without relying on timing. */
function gatedCheck(outcome: CheckOutcome) {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let calls = 0;
  const runCheck: CheckRunner = async () => {
    calls += 1;
    await released;
    return outcome;
  };
  return { runCheck, release, calls: () => calls };
}

const TTL_CAUSE = 'The configuration has not taken effect yet';

describe('Teams slow checks and retried activities', () => {
  let harness: TeamsHarness;
  afterEach(() => harness.close());

  it('answers a one-shot diagnosis proactively after the request returned', async () => {
    const gate = gatedCheck({ outcome: 'ttl-not-elapsed', evidence: [], warnings: ['TTL is 3600 s'] });
    harness = await startTeamsHarness({ runCheck: gate.runCheck, patienceMs: 50 });
    const thread = channelThread(harness.connector.url, '1700000001000');
    const ask = mention(thread, 'check example.com');

    const response = await harness.send(ask);
    expect(response.status).toBe(200);
    // The request came back while the check is still running: only the quick "Checking" reply went out.
    expect(harness.connector.calls.map((call) => String(call.body.text))).toEqual(['_Checking DNS for example.com..._']);

    gate.release();
    const calls = await harness.connector.waitFor((all) => all.some((call) => cardText(call.body).includes(TTL_CAUSE)));
    const card = calls.find((call) => cardText(call.body).includes(TTL_CAUSE))!;
    // Posted through the saved conversation reference: same reply chain, still a reply to the mention.
    expect(card.conversationId).toBe('19:support@thread.tacv2;messageid=1700000001000');
    expect(card.activityId).toBe(ask.id);
    expect(cardText(card.body)).toContain('TTL is 3600 s');
  });

  it('answers a guided conversation check proactively, and ignores the retried activity meanwhile', async () => {
    const gate = gatedCheck({ outcome: 'wrong-platform', evidence: [], warnings: [] });
    harness = await startTeamsHarness({ runCheck: gate.runCheck, patienceMs: 50 });
    const chat = personalChat(harness.connector.url);
    await harness.send(message(chat, 'troubleshoot example.com'));
    const step1 = harness.connector.calls.find((call) => cardText(call.body).includes('Step 1 of 4'))!;
    const verified = (step1.body.attachments as { content: { actions: { data: Record<string, unknown> }[] } }[])[0].content.actions[0].data;
    await harness.send(submit(chat, verified));

    const skip = message(chat, 'skip', ADA);
    expect((await harness.send(skip)).status).toBe(200);
    expect(harness.connector.calls.some((call) => String(call.body.text).includes('checking whether the verification'))).toBe(true);
    expect((await harness.conversations.peek(`teams:${chat.conversation.id}`))?.status).toBe('checking');

    // The Bot Framework re-sends the same activity (same id) when it thinks the first delivery failed.
    const mark = harness.connector.calls.length;
    expect((await harness.send(skip)).status).toBe(200);
    expect(harness.connector.calls.length).toBe(mark);

    gate.release();
    const calls = await harness.connector.waitFor((all) => all.some((call) => cardText(call.body).includes('A wrong domain name management platform')));
    const cause = calls.find((call) => cardText(call.body).includes('A wrong domain name management platform'))!;
    expect(cause.conversationId).toBe(chat.conversation.id);
    expect(cause.activityId).toBe(skip.id);
    await harness.bot.idle();
    expect(gate.calls()).toBe(1);
    expect(harness.connector.calls.filter((call) => cardText(call.body).includes('A wrong domain name management platform'))).toHaveLength(1);
    expect((await harness.conversations.peek(`teams:${chat.conversation.id}`))?.outcome).toEqual({ kind: 'cause', cause: 'wrong-platform' });
  });

  it('handles a retried activity only once even when the first delivery was answered in time', async () => {
    harness = await startTeamsHarness({ runCheck: async () => ({ outcome: 'record-missing' }) });
    const chat = personalChat(harness.connector.url);
    const hello = message(chat, 'troubleshoot');
    await harness.send(hello);
    const domain = message(chat, 'example.com');
    await harness.send(domain);
    const before = { calls: harness.connector.calls.length, state: await harness.conversations.peek(`teams:${chat.conversation.id}`) };

    expect((await harness.send(domain)).status).toBe(200);
    expect(harness.connector.calls.length).toBe(before.calls);
    expect(await harness.conversations.peek(`teams:${chat.conversation.id}`)).toEqual(before.state);
  });
});
