import { atQ1, Driver } from './drive';
import { testFlow } from './flows';

describe('stale buttons', () => {
  test('a click on an earlier question is not applied', () => {
    const d = atQ1();
    const old = d.question().questionId;
    d.say('yes');
    d.send({ type: 'choice', questionId: old, choiceId: 'no-verified' });
    expect(d.texts()).toEqual(['That button belongs to an earlier question, so I did not use it. Here is the current question:']);
    expect(d.question().nodeId).toBe('ask-value');
    expect(d.state?.history).toHaveLength(1);
  });

  test('a click on the same node asked afresh (after back) is still stale', () => {
    const d = atQ1();
    const old = d.question().questionId;
    d.say('yes');
    d.say('back');
    expect(d.question().nodeId).toBe('q1');
    d.send({ type: 'choice', questionId: old, choiceId: 'no-verified' });
    expect(d.texts()[0]).toMatch(/earlier question/);
  });

  test('a typed answer for an earlier question is not applied; commands still are', () => {
    const d = atQ1();
    const old = d.question().questionId;
    d.say('yes');
    d.send({ type: 'text', text: 'no', questionId: old });
    expect(d.texts()).toEqual(['That question was answered just before your message, so I did not use it.']);
    expect(d.question().nodeId).toBe('ask-value');
    expect(d.state?.history).toHaveLength(1);
    d.send({ type: 'text', text: 'back', questionId: old });
    expect(d.question().nodeId).toBe('q1');
  });

  test('a typed answer for the current question applies', () => {
    const d = atQ1();
    d.send({ type: 'text', text: 'no', questionId: d.question().questionId });
    expect(d.state?.outcome).toEqual({ kind: 'cause', cause: 'cause-a' });
  });

  test('a click after the end is answered, not applied', () => {
    const d = atQ1();
    const q = d.question().questionId;
    d.say('no');
    d.send({ type: 'choice', questionId: q, choiceId: 'yes-verified' });
    expect(d.texts()).toEqual(['That button belongs to a conversation that has ended. Type anything to start again.']);
    expect(d.state?.status).toBe('ended');
  });

  test('buttons of a previous conversation never match the restarted one', () => {
    const d = atQ1();
    d.say('restart');
    d.say('example.com');
    expect(d.question().nodeId).toBe('q1');
    expect(d.question().questionId).not.toBe('q1#1');
    d.send({ type: 'choice', questionId: 'q1#1', choiceId: 'no-verified' });
    expect(d.texts()[0]).toMatch(/earlier question/);
  });
});

describe('commands', () => {
  test('help explains the question, how to answer and the commands, then repeats it', () => {
    const d = atQ1();
    d.say('help');
    expect(d.texts()).toEqual(['Look at your registrar.\nAnswer with a button, the number of an answer, or its words.\nYou can also type: help, back, restart, cancel, recheck, handoff.']);
    expect(d.question().questionId).toBe('q1#1');
  });

  test('back undoes the last answer and its variables', () => {
    const d = new Driver(testFlow());
    d.start();
    d.say('example.com');
    d.say('yes');
    d.say('back');
    expect(d.question().nodeId).toBe('q1');
    d.say('back');
    expect(d.question().nodeId).toBe('ask-domain');
    expect(d.state?.vars).toEqual({});
    d.say('back');
    expect(d.texts()).toEqual(['There is nothing to go back to yet.']);
  });

  test('back after the end reopens the last question', () => {
    const d = atQ1();
    d.say('no');
    d.send({ type: 'command', command: 'back' });
    expect(d.state?.status).toBe('active');
    expect(d.question().nodeId).toBe('q1');
  });

  test('cancel ends the conversation; the next message starts a new one', () => {
    const d = atQ1();
    d.say('cancel');
    expect(d.texts()).toEqual(['Cancelled. Type anything to start again.']);
    expect(d.last.effects).toEqual([{ type: 'ended', outcome: 'cancelled' }]);
    d.say('hi again');
    expect(d.question().nodeId).toBe('ask-domain');
    expect(d.state?.vars).toEqual({});
  });

  test('cancel while checking drops the pending check', () => {
    const d = atQ1();
    d.say('yes');
    d.say('skip');
    const requestId = d.state?.pendingCheck;
    d.say('cancel');
    d.send({ type: 'check-result', requestId: requestId ?? '', result: { outcome: 'cause-a' } });
    expect(d.last.replies).toEqual([]);
    expect(d.state?.outcome).toEqual({ kind: 'cancelled' });
  });

  test('handoff goes to the flow handoff node', () => {
    const d = atQ1();
    d.send({ type: 'command', command: 'handoff' });
    expect(d.last.replies).toEqual([{ type: 'handoff', text: 'A person will help with example.com.' }]);
  });

  test('a choice whose label is a command word wins over the command', () => {
    const flow = testFlow();
    const q1 = flow.nodeById.get('q1');
    if (q1?.kind !== 'question') throw new Error('fixture');
    q1.choices.push({ id: 'go-back', label: 'Back', next: 'answer-b' });
    const d = new Driver(flow);
    d.start({ domain: 'example.com' });
    d.say('back');
    expect(d.state?.history.at(-1)?.answer).toBe('go-back');
  });
});

describe('time and flow changes', () => {
  test('an idle conversation starts over with a note', () => {
    const d = atQ1();
    d.now += 24 * 3600 * 1000 + 1;
    d.say('yes');
    expect(d.texts()[0]).toBe('It has been a while since we last talked, so we started over.');
    expect(d.question().nodeId).toBe('ask-domain');
  });

  test('the idle time is configurable', () => {
    const d = atQ1();
    d.now += 61_000;
    d.send({ type: 'text', text: 'yes' }, 60_000);
    expect(d.texts()[0]).toMatch(/started over/);
  });

  test('a conversation on an older flow version is told and restarted', () => {
    const d = atQ1();
    d.flow = { ...testFlow(), version: 4 };
    d.say('yes');
    expect(d.texts()[0]).toBe('This troubleshooting guide was updated since we last talked, so let us start over.');
    expect(d.state?.flowVersion).toBe(4);
  });

  test('a conversation on a node the flow no longer has is restarted', () => {
    const d = atQ1();
    const flow = testFlow();
    const nodes = flow.nodes.map((n) => (n.id === 'q1' ? { ...n, id: 'q1-renamed' } : n));
    d.flow = { ...flow, nodes, nodeById: new Map(nodes.map((n) => [n.id, n])) };
    d.say('yes');
    expect(d.texts()[0]).toMatch(/updated since we last talked/);
  });
});
