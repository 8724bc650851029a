/** Reading a Teams message: the text without the bot's @mention and Teams markup, and who wrote it. */
import { messageText, participantOf } from '../../../src/channels/teams/inbound';

const BOT = { id: '28:bot', name: 'certstatus' };
const USER = { id: '29:u', name: 'Ada', aadObjectId: 'aad-ada' };

function activity(text: string | undefined, extra: Record<string, unknown> = {}) {
  return { type: 'message', text, from: USER, recipient: BOT, conversation: { id: 'c' }, ...extra } as never;
}
function mentioned(text: string) {
  return activity(`<at>certstatus</at> ${text}`, { entities: [{ type: 'mention', text: '<at>certstatus</at>', mentioned: BOT }] });
}

describe('Teams inbound messages', () => {
  it('strips the bot mention and Teams markup', () => {
    expect(messageText(mentioned('check   example.com'))).toBe('check example.com');
    expect(messageText(activity('<p>hello&nbsp;there</p>'))).toBe('hello there');
    expect(messageText(mentioned(''))).toBe('');
  });

  it('names the author by their AAD object id, stable across chats', () => {
    expect(participantOf(activity('hi'))).toEqual({ id: 'aad-ada', name: 'Ada' });
    expect(participantOf(activity('hi', { from: { id: '29:x' } }))).toEqual({ id: '29:x' });
  });
});
