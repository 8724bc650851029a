import { atQ1, Driver } from './drive';
import { flowFromYaml, testFlow } from './flows';

/** A flow with one question, no check node and no handoff node. */
const BARE = `
id: bare
version: 1
title: Bare
start: q
causes:
  c: { title: C, procedure: [Do it] }
nodes:
  - id: q
    kind: question
    text: Pick one
    choices:
      - { id: a, label: Alpha, next: end }
  - id: end
    kind: answer
    cause: c
`;

describe('edges', () => {
  test('help after the end explains how to go on', () => {
    const d = atQ1();
    d.say('no');
    d.say('help');
    expect(d.texts()[0]).toBe('This conversation has ended. Type anything to start again, or "recheck" to check the domain again.\nYou can also type: help, back, restart, cancel, recheck, handoff.');
    expect(d.state?.status).toBe('ended');
  });

  test('help while checking says the check is running', () => {
    const d = atQ1();
    d.say('yes');
    d.say('skip');
    d.say('help');
    expect(d.texts()[0]).toMatch(/^Still checking/);
    expect(d.state?.status).toBe('checking');
  });

  test('recheck and handoff in a flow without a check or a person say so and ask again', () => {
    const d = new Driver(flowFromYaml(BARE));
    d.start();
    d.say('recheck');
    expect(d.texts()).toEqual(['There is no check to run again in this guide.']);
    expect(d.question().questionId).toBe('q#1');
    d.say('talk to a human');
    expect(d.texts()).toEqual(['Sorry, there is nobody to hand this conversation to here.']);
    d.say('alpha');
    expect(d.last.replies.find((r) => r.type === 'cause')).toMatchObject({ actions: [{ id: 'restart', label: 'Start over' }] });
  });

  test('a click with a choice id the question does not have is a miss', () => {
    const d = atQ1();
    d.send({ type: 'choice', questionId: d.question().questionId, choiceId: 'bogus' });
    expect(d.texts()[0]).toMatch(/did not understand "bogus"/);
    expect(d.state?.misses).toBe(1);
  });

  test('the skip button of an optional question skips it', () => {
    const d = atQ1();
    d.say('yes');
    d.send({ type: 'choice', questionId: d.question().questionId, choiceId: 'skip' });
    expect(d.last.replies[0]).toEqual({ type: 'answered', questionId: 'ask-value#2', choiceId: 'skip', label: 'Skip' });
    expect(d.state?.status).toBe('checking');
  });

  test('"skip" on a required free-text question is a value, validated as such', () => {
    const d = new Driver(testFlow());
    d.start();
    d.say('skip');
    expect(d.texts()[0]).toMatch(/"skip" is not a domain name/);
  });

  test('a cancel after the end changes nothing', () => {
    const d = atQ1();
    d.say('no');
    const ended = d.state;
    d.say('cancel');
    expect(d.texts()).toEqual(['Cancelled. Type anything to start again.']);
    expect(d.state?.outcome).toEqual(ended?.outcome);
    expect(d.last.effects).toEqual([]);
  });

  test('a check result when no conversation exists is ignored', () => {
    const d = new Driver(testFlow());
    d.send({ type: 'check-result', requestId: 'check-1', result: { outcome: 'cause-a' } });
    expect(d.last.replies).toEqual([]);
    expect(d.last.effects).toEqual([]);
  });

  test('a start in the middle of a conversation starts afresh with the new variables', () => {
    const d = atQ1();
    d.say('yes');
    d.start({ domain: 'example.net' });
    expect(d.question().nodeId).toBe('q1');
    expect(d.state?.vars).toEqual({ domain: 'example.net' });
    expect(d.state?.history).toEqual([]);
  });
});

test('an empty value given up front counts as unknown and is asked for without complaint', () => {
  const d = new Driver(testFlow());
  d.start({ domain: '' });
  expect(d.texts()).toHaveLength(1); // the greeting only, no error
  expect(d.question().nodeId).toBe('ask-domain');
  expect(d.state?.vars).toEqual({});
});
