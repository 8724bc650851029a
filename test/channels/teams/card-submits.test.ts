/** Adaptive Card clicks: the first applies once, a repeated click of the same button and a stale one never do. */
import type { CheckRunner } from '../../../src/core/checks';
import { cardText, choiceButton, type ConnectorCall } from '../../support/fake-connector/connector';
import { ADA, GRACE, channelThread, mention, submit } from '../../support/fake-connector/teams-activities';
import { startTeamsHarness, type TeamsHarness } from './harness';

const caReview: CheckRunner = async () => ({ outcome: 'ca-review-pending', evidence: [], warnings: [] });
const KEY = 'teams:19:support@thread.tacv2;messageid=1700000000900';

describe('Teams card submits', () => {
  let harness: TeamsHarness;
  const thread = () => channelThread(harness.connector.url, '1700000000900');
  const questionCard = (text: string): ConnectorCall => {
    const card = harness.connector.calls.find((call) => call.kind !== 'update' && cardText(call.body).includes(text));
    if (!card) throw new Error(`no card with "${text}"`);
    return card;
  };
  const button = (card: ConnectorCall, choiceId: string) => choiceButton(card.body, choiceId)!.data;

  beforeEach(async () => {
    harness = await startTeamsHarness({ runCheck: caReview });
    await harness.send(mention(thread(), 'troubleshoot'));
    await harness.send(mention(thread(), 'example.com'));
  });
  afterEach(() => harness.close());

  it('applies the first click and updates that card; the same click again changes nothing', async () => {
    const step1 = questionCard('Step 1 of 4');
    const click = button(step1, 'not-verified');

    await harness.send(submit(thread(), click, GRACE));
    const afterFirst = await harness.conversations.peek(KEY);
    expect(afterFirst?.outcome).toEqual({ kind: 'cause', cause: 'ownership-not-verified' });
    const update = harness.connector.calls.find((call) => call.kind === 'update' && call.activityId === step1.responseId);
    expect(cardText(update!.body)).toContain(`No, not yet** (answered by ${GRACE.name})`);

    // A double click (a new activity with the same data) reaches the bot again: it must not apply twice.
    const mark = harness.connector.calls.length;
    await harness.send(submit(thread(), click, ADA));
    const afterSecond = await harness.conversations.peek(KEY);
    expect(afterSecond?.history).toEqual(afterFirst?.history);
    expect(afterSecond?.outcome).toEqual(afterFirst?.outcome);
    const replies = harness.connector.calls.slice(mark);
    expect(replies.some((call) => call.kind === 'update')).toBe(false);
    expect(replies.some((call) => cardText(call.body).includes('not verified yet'))).toBe(false);
    expect(replies.map((call) => String(call.body.text ?? ''))).toContain(
      'That button belongs to a conversation that has ended. Type anything to start again.',
    );
  });

  it('applies only one of two simultaneous clicks on the same question', async () => {
    const step1 = questionCard('Step 1 of 4');
    await Promise.all([
      harness.send(submit(thread(), button(step1, 'verified'), ADA)),
      harness.send(submit(thread(), button(step1, 'not-verified'), GRACE)),
    ]);
    const state = await harness.conversations.peek(KEY);
    expect(state?.history.filter((entry) => entry.node === 'step1-ownership')).toHaveLength(1);
    const updates = harness.connector.calls.filter((call) => call.kind === 'update' && call.activityId === step1.responseId);
    expect(updates).toHaveLength(1);
    const winner = state?.history.find((entry) => entry.node === 'step1-ownership');
    expect(cardText(updates[0].body)).toContain(`(answered by ${winner?.by?.name})`);
  });

  it('ignores a stale click on an earlier question and asks the current one again', async () => {
    const step1 = questionCard('Step 1 of 4');
    await harness.send(submit(thread(), button(step1, 'verified'), ADA));
    const before = await harness.conversations.peek(KEY);
    expect(before?.node).toBe('ask-record-value');

    const mark = harness.connector.calls.length;
    await harness.send(submit(thread(), button(step1, 'not-verified'), GRACE));
    const after = await harness.conversations.peek(KEY);
    expect(after?.node).toBe('ask-record-value');
    expect(after?.history).toEqual(before?.history);
    const replies = harness.connector.calls.slice(mark);
    expect(replies.map((call) => String(call.body.text ?? ''))).toContain(
      'That button belongs to an earlier question, so I did not use it. Here is the current question:',
    );
    expect(replies.some((call) => cardText(call.body).includes('paste the record value'))).toBe(true);
    expect(replies.some((call) => call.kind === 'update')).toBe(false);
  });

  it('ignores values that are not certstatus card data', async () => {
    const mark = harness.connector.calls.length;
    const before = await harness.conversations.peek(KEY);
    await harness.send(submit(thread(), { action: 'approve', id: 42 }, ADA));
    expect(harness.connector.calls.length).toBe(mark);
    expect(await harness.conversations.peek(KEY)).toEqual(before);
  });
});
