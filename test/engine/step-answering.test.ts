import { atQ1, Driver } from './drive';
import { testFlow } from './flows';
import { step } from '../../src/engine/step';

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
