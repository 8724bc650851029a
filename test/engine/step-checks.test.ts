import { atQ1, Driver } from './drive';
import { testFlow } from './flows';

describe('checks', () => {
  const atCheck = () => {
    const d = atQ1();
    d.say('yes');
    d.say('abc');
    return d;
  };

  test('a check node emits a run-check effect and a progress reply, then waits', () => {
    const d = atCheck();
    expect(d.last.replies.at(-1)).toEqual({ type: 'progress', text: 'Checking example.com...' });
    expect(d.last.effects).toEqual([{ type: 'run-check', requestId: 'check-3', check: 'dns', params: { domain: 'example.com', expect: 'abc' } }]);
    expect(d.state).toMatchObject({ status: 'checking', pendingCheck: 'check-3', node: 'check' });
  });

  test('text while checking gets a still-checking reply', () => {
    const d = atCheck();
    d.say('hello?');
    expect(d.texts()).toEqual(['Still checking, one moment please. Type "cancel" to stop.']);
    expect(d.state?.status).toBe('checking');
  });

  test('a result with another request id is ignored', () => {
    const d = atCheck();
    const before = d.state;
    d.send({ type: 'check-result', requestId: 'check-99', result: { outcome: 'cause-a' } });
    expect(d.last.replies).toEqual([]);
    expect(d.state).toBe(before);
  });

  test('the outcome picks the branch; evidence, warnings and vars are kept', () => {
    const d = atCheck();
    d.result('cause-a', { summary: 'Found A', evidence: [{ text: 'ns1 said no', source: 'ns1' }], warnings: ['TTL long'], vars: { provider: 'P' } });
    expect(d.texts()).toEqual(['Found it.']);
    expect(d.last.replies[1]).toEqual({
      type: 'cause',
      causeId: 'cause-a',
      title: 'Cause A for example.com',
      summary: 'Summary A.',
      procedure: ['Do one thing for example.com', 'Do another'],
      after: 'Then wait.',
      evidence: [{ text: 'Found A' }, { text: 'ns1 said no', source: 'ns1' }],
      warnings: ['TTL long'],
      actions: [
        { id: 'recheck', label: 'Check again' },
        { id: 'restart', label: 'Start over' },
        { id: 'handoff', label: 'Talk to a person' },
      ],
    });
    expect(d.last.effects).toEqual([{ type: 'ended', outcome: 'cause', cause: 'cause-a' }]);
    expect(d.state).toMatchObject({ status: 'ended', outcome: { kind: 'cause', cause: 'cause-a' }, vars: { provider: 'P' } });
  });

  test('an unlisted outcome takes the default branch', () => {
    const d = atCheck();
    d.result('something-else');
    expect(d.last.replies.find((r) => r.type === 'cause')).toMatchObject({ causeId: 'cause-b' });
  });

  test('an outcome can lead back to a question', () => {
    const d = atCheck();
    d.result('record-missing');
    expect(d.question()).toMatchObject({ nodeId: 'q1', questionId: 'q1#4' });
  });

  test('recheck after the end runs the same check again with a new request id', () => {
    const d = atCheck();
    d.result('cause-a');
    d.say('check again');
    expect(d.last.effects).toEqual([{ type: 'run-check', requestId: 'check-4', check: 'dns', params: { domain: 'example.com', expect: 'abc' } }]);
    d.result('cause-x');
    expect(d.last.replies.find((r) => r.type === 'cause')).toMatchObject({ causeId: 'cause-b' });
  });

  test('recheck with no domain known says so', () => {
    const d = new Driver(testFlow());
    d.start();
    d.send({ type: 'command', command: 'recheck' });
    expect(d.texts()).toEqual(['I need the domain first, then I can check it again.']);
    expect(d.question().questionId).toBe('ask-domain#1');
  });

  test('a check pending far too long was lost: the next message runs it again', () => {
    const d = atCheck();
    d.now += 2 * 60 * 1000 + 1;
    d.say('hello?');
    expect(d.texts()).toEqual(['The last check did not finish, so I am running it again.']);
    expect(d.last.effects).toEqual([{ type: 'run-check', requestId: 'check-4', check: 'dns', params: { domain: 'example.com', expect: 'abc' } }]);
    // The lost request's late result no longer counts; the new one does.
    d.send({ type: 'check-result', requestId: 'check-3', result: { outcome: 'cause-a' } });
    expect(d.last.replies).toEqual([]);
    d.send({ type: 'check-result', requestId: 'check-4', result: { outcome: 'cause-a' } });
    expect(d.state?.outcome).toEqual({ kind: 'cause', cause: 'cause-a' });
  });

  test('messages while a check is lost do not restart its clock: it runs again once it is overdue since it started', () => {
    const d = atCheck();
    // A message every 50 s: each answers "Still checking", none moves the lost-check clock.
    for (let i = 0; i < 2; i += 1) {
      d.now += 50 * 1000;
      d.say('hello?');
      expect(d.texts()).toEqual(['Still checking, one moment please. Type "cancel" to stop.']);
    }
    d.now += 20 * 1000 + 1;
    d.say('hello?');
    expect(d.texts()).toEqual(['The last check did not finish, so I am running it again.']);
    expect(d.last.effects).toEqual([{ type: 'run-check', requestId: 'check-4', check: 'dns', params: { domain: 'example.com', expect: 'abc' } }]);
  });

  test('a lost check still lets the user cancel instead', () => {
    const d = atCheck();
    d.now += 10 * 60 * 1000;
    d.send({ type: 'text', text: 'cancel' }, undefined);
    expect(d.state?.outcome).toEqual({ kind: 'cancelled' });
    expect(d.last.effects).toEqual([{ type: 'ended', outcome: 'cancelled' }]);
  });
});
