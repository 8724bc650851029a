import { Driver } from './drive';
import { testFlow } from './flows';
import { step } from '../../src/engine/step';

const atQ1 = () => {
  const d = new Driver(testFlow());
  d.start({ domain: 'Example.COM' });
  return d;
};

describe('starting', () => {
  test('greets and asks the first question', () => {
    const d = new Driver(testFlow());
    d.start();
    expect(d.types()).toEqual(['text', 'question']);
    expect(d.question()).toMatchObject({ questionId: 'ask-domain#1', nodeId: 'ask-domain', freeText: true, choices: [], help: 'The domain on the certificate.' });
    expect(d.state).toMatchObject({ flowId: 'test-flow', flowVersion: 3, status: 'active', node: 'ask-domain', startedAt: 1000 });
  });

  test('a known domain skips its question and is stored in ASCII', () => {
    const d = new Driver(testFlow());
    d.start({ domain: 'Bücher.Example' });
    expect(d.texts()).toEqual(["Hello! Let's look at Bücher.Example."]);
    expect(d.question().nodeId).toBe('q1');
    expect(d.state?.vars.domain).toBe('xn--bcher-kva.example');
  });

  test('a known but invalid value is refused and asked for', () => {
    const d = new Driver(testFlow());
    d.start({ domain: '10.0.0.1' });
    expect(d.texts()[1]).toMatch(/is not a domain name: it is an IP address/);
    expect(d.question().nodeId).toBe('ask-domain');
    expect(d.state?.vars.domain).toBeUndefined();
  });

  test('any input without a state starts a conversation', () => {
    const d = new Driver(testFlow());
    d.say('hello');
    expect(d.question().nodeId).toBe('ask-domain');
  });

  test('is deterministic and does not mutate the given state', () => {
    const d = atQ1();
    const before = structuredClone(d.state);
    const a = step(d.flow, d.state, { type: 'text', text: 'yes' }, { now: 5 });
    const b = step(d.flow, d.state, { type: 'text', text: 'yes' }, { now: 5 });
    expect(a).toEqual(b);
    expect(d.state).toEqual(before);
  });
});

describe('answering', () => {
  test('a free-text answer is validated, stored, acknowledged and moves on', () => {
    const d = new Driver(testFlow());
    d.start();
    d.send({ type: 'text', text: 'https://WWW.Example.com/x', by: { id: 'u1', name: 'Ann' } });
    expect(d.last.replies[0]).toEqual({ type: 'answered', questionId: 'ask-domain#1', label: 'www.example.com', by: { id: 'u1', name: 'Ann' } });
    expect(d.state?.vars.domain).toBe('www.example.com');
    expect(d.state?.history).toEqual([{ node: 'ask-domain', answer: 'www.example.com', varsBefore: {}, by: { id: 'u1', name: 'Ann' }, at: 1000 }]);
    expect(d.question().nodeId).toBe('q1');
  });

  test('an invalid free-text answer is a miss with the reason, asked again under the same id', () => {
    const d = new Driver(testFlow());
    d.start();
    d.say('not a domain');
    expect(d.texts()).toEqual(['"not a domain" is not a domain name: it contains spaces.']);
    expect(d.question().questionId).toBe('ask-domain#1');
    expect(d.state?.misses).toBe(1);
  });

  test('a clicked choice is applied with who clicked it', () => {
    const d = atQ1();
    d.send({ type: 'choice', questionId: d.question().questionId, choiceId: 'yes-verified', by: { id: 'u2' } });
    expect(d.last.replies[0]).toEqual({ type: 'answered', questionId: 'q1#1', choiceId: 'yes-verified', label: 'Yes it is verified', by: { id: 'u2' } });
    expect(d.question()).toMatchObject({ nodeId: 'ask-value', choices: [{ id: 'skip', label: 'Skip' }], freeText: true });
  });

  test('typed synonyms, numbers and typos pick choices', () => {
    for (const [typed, choice] of [['YEP!', 'yes-verified'], ['2', 'no-verified'], ['not sur', 'unsure'], ['yes-verified', 'yes-verified']]) {
      const d = atQ1();
      d.say(typed as string);
      expect(d.state?.history.at(-1)?.answer).toBe(choice);
    }
  });

  test('a digit inside a sentence is a miss, not choice 2', () => {
    const d = atQ1();
    d.say('I waited 2 days');
    expect(d.state?.history).toHaveLength(0);
    expect(d.texts()).toEqual(['Sorry, I did not understand "I waited 2 days". Please pick one of the answers below, or type its number.']);
    expect(d.question().questionId).toBe('q1#1');
  });

  test('an optional value accepts skip and leaves the variable unset; its check omits the parameter', () => {
    const d = atQ1();
    d.say('yes');
    d.say('skip');
    expect(d.state?.vars.expect).toBeUndefined();
    expect(d.last.effects).toEqual([{ type: 'run-check', requestId: 'check-3', check: 'dns', params: { domain: 'example.com' } }]);
  });

  test('a record value is trimmed and unquoted', () => {
    const d = atQ1();
    d.say('yes');
    d.say('  "2026112500000abc"  ');
    expect(d.state?.vars.expect).toBe('2026112500000abc');
  });
});

describe('misses', () => {
  test('after three misses in a row the question offers a handoff, which hands off', () => {
    const d = atQ1();
    d.say('banana');
    d.say('apple');
    expect(d.question().choices.map((c) => c.id)).toEqual(['yes-verified', 'no-verified', 'unsure']);
    d.say('cherry');
    expect(d.texts()[0]).toMatch(/You can also talk to a person/);
    expect(d.question().choices.map((c) => c.id)).toEqual(['yes-verified', 'no-verified', 'unsure', 'handoff']);
    d.send({ type: 'choice', questionId: d.question().questionId, choiceId: 'handoff' });
    expect(d.last.replies).toEqual([{ type: 'handoff', text: 'A person will help with example.com.' }]);
    expect(d.last.effects).toEqual([{ type: 'ended', outcome: 'handoff' }]);
  });

  test('a good answer resets the miss count', () => {
    const d = atQ1();
    d.say('banana');
    d.say('yes');
    expect(d.state?.misses).toBe(0);
  });
});

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
});

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
