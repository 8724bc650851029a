/** The Slack watch notifier posts through the real WebClient into the conversation's thread (fake Slack API on loopback). */
import { webApi } from '@slack/bolt';
import { createSlackWatchNotifier } from '../../src/channels/slack/adapter';
import { decodePayload } from '../../src/channels/kit/payload';
import type { Reply } from '../../src/engine/replies';
import { buttonsOf } from '../support/fake-slack/blocks';
import { FakeSlack } from '../support/fake-slack/server';

describe('Slack watch notifier', () => {
  let slack: FakeSlack;
  let client: webApi.WebClient;
  beforeAll(async () => {
    slack = await new FakeSlack().start();
    client = new webApi.WebClient('xoxb-test', { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } });
  });
  afterAll(() => slack.stop());

  const notice: Reply[] = [
    { type: 'text', text: 'Good news: the change for shop.test took effect.' },
    {
      type: 'cause',
      causeId: 'ca-review-pending',
      title: 'The CA is still reviewing',
      procedure: ['Wait'],
      evidence: [{ text: 'Every server answers with the record' }],
      warnings: [],
      actions: [{ id: 'recheck', label: 'Check again' }],
    },
  ];

  test('posts each reply in the thread, with buttons that lead back to the conversation', async () => {
    const before = slack.posts().length;
    await createSlackWatchNotifier(client).notify('slack:T1:C123:1700000000.000100', notice);
    const posts = slack.posts().slice(before);
    expect(posts.map((p) => [p.channel, p.thread_ts])).toEqual([
      ['C123', '1700000000.000100'],
      ['C123', '1700000000.000100'],
    ]);
    expect(posts[0]?.text).toBe('Good news: the change for shop.test took effect.');
    expect(JSON.stringify(posts[1]?.blocks)).toContain('The CA is still reviewing');
    expect(buttonsOf(posts[1]!).map((b) => decodePayload(b.value))).toEqual([{ kind: 'card', action: 'recheck', key: 'slack:T1:C123:1700000000.000100' }]);
  });

  test('in a direct message it posts to the channel itself, not in a thread', async () => {
    const before = slack.posts().length;
    await createSlackWatchNotifier(client).notify('slack:T1:D42', [notice[0]!]);
    expect(slack.posts().slice(before).map((p) => [p.channel, p.thread_ts])).toEqual([['D42', undefined]]);
  });

  test('a key that is not Slack\'s is refused with a clear error', async () => {
    await expect(createSlackWatchNotifier(client).notify('teams:19:abc', notice)).rejects.toThrow('Cannot post the notice to "teams:19:abc": it is no slack conversation this bot has talked in.');
  });
});
