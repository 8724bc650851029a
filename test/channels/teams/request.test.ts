/** What a Teams message asks for, after the bot's @mention is stripped. */
import { messageText, parseRequest } from '../../../src/channels/teams/request';

const BOT = { id: '28:bot', name: 'certstatus' };
const USER = { id: '29:u', name: 'Ada', aadObjectId: 'aad-ada' };

function activity(text: string | undefined, extra: Record<string, unknown> = {}) {
  return { type: 'message', text, from: USER, recipient: BOT, conversation: { id: 'c' }, ...extra } as never;
}
function mentioned(text: string) {
  return activity(`<at>certstatus</at> ${text}`, { entities: [{ type: 'mention', text: '<at>certstatus</at>', mentioned: BOT }] });
}

describe('Teams request parsing', () => {
  it('strips the bot mention and Teams markup', () => {
    expect(messageText(mentioned('check   example.com'))).toBe('check example.com');
    expect(messageText(activity('<p>hello&nbsp;there</p>'))).toBe('hello there');
  });

  it.each([
    ['certstatus example.com', { kind: 'diagnose', domain: 'example.com' }],
    ['check example.com 20261125093000abc', { kind: 'diagnose', domain: 'example.com', expect: '20261125093000abc' }],
    ['CHECK Example.COM', { kind: 'diagnose', domain: 'Example.COM' }],
    ['help', { kind: 'help' }],
  ])('reads "%s" (mentioned)', (text, request) => {
    expect(parseRequest(mentioned(text))).toEqual(request);
  });

  it('starts guided troubleshooting, with the domain when given', () => {
    const by = { id: 'aad-ada', name: 'Ada' };
    expect(parseRequest(activity('troubleshoot'))).toEqual({ kind: 'input', input: { type: 'start', by } });
    expect(parseRequest(mentioned('certstatus'))).toEqual({ kind: 'input', input: { type: 'start', by } });
    expect(parseRequest(activity('troubleshoot shop.test'))).toEqual({ kind: 'input', input: { type: 'start', vars: { domain: 'shop.test' }, by } });
  });

  it('passes anything else to the conversation as text from its author', () => {
    expect(parseRequest(mentioned('I added the record yesterday'))).toEqual({
      kind: 'input',
      input: { type: 'text', text: 'I added the record yesterday', by: { id: 'aad-ada', name: 'Ada' } },
    });
  });

  it('reads card clicks, and ignores other apps\' card values and empty messages', () => {
    expect(parseRequest(activity(undefined, { value: { certstatus: 'choice', questionId: 'q#1', choiceId: 'yes' } }))).toEqual({
      kind: 'input',
      input: { type: 'choice', questionId: 'q#1', choiceId: 'yes', by: { id: 'aad-ada', name: 'Ada' } },
    });
    expect(parseRequest(activity(undefined, { value: { certstatus: 'action', action: 'recheck', domain: 'a.test' } }))).toEqual({
      kind: 'action',
      submit: { certstatus: 'action', action: 'recheck', domain: 'a.test' },
      by: { id: 'aad-ada', name: 'Ada' },
    });
    expect(parseRequest(activity(undefined, { value: { certstatus: 'action', action: 'format-disk' } }))).toEqual({ kind: 'ignore' });
    expect(parseRequest(activity(undefined, { value: { verb: 'approve' } }))).toEqual({ kind: 'ignore' });
    expect(parseRequest(activity(undefined))).toEqual({ kind: 'ignore' });
  });

  it('reads a bare @mention as a poke (start, or help with the current question)', () => {
    expect(parseRequest(mentioned(''))).toEqual({ kind: 'poke', by: { id: 'aad-ada', name: 'Ada' } });
  });
});
