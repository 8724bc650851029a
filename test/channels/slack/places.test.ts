import { conversationKey, placeFromKey } from '../../../src/channels/slack/places';

describe('Slack conversation keys', () => {
  it('key a thread and a DM, and read the place back from a key', () => {
    const thread = { teamId: 'T1', channel: 'C1', threadTs: '100.200' };
    expect(conversationKey(thread)).toBe('slack:T1:C1:100.200');
    expect(placeFromKey('slack:T1:C1:100.200')).toEqual(thread);
    expect(conversationKey({ teamId: 'T1', channel: 'D1' })).toBe('slack:T1:D1');
    expect(placeFromKey('slack:T1:D1')).toEqual({ teamId: 'T1', channel: 'D1' });
    expect(placeFromKey('teams:whatever')).toBeUndefined();
  });
});
