/** The engine's own sentences: the flow's `messages:` overrides win, placeholders are filled, defaults stay. */
import { clip, say } from '../../src/engine/messages';
import { notWatchableText, watchesCancelledText, watchStartedText } from '../../src/engine/watch-messages';
import { MESSAGE_CATALOGUE } from '../../src/flow/messages';
import { atQ1, Driver } from './drive';
import { flowFromYaml, TEST_FLOW_YAML } from './flows';
import { WATCH_FLOW } from './watch-flow';

/** The test flow with some of the bot's sentences reworded (in German, as a translation would). */
const reworded = () =>
  flowFromYaml(
    `${TEST_FLOW_YAML}
messages:
  notUnderstood: 'Entschuldigung, "{{ text }}" ist keine der Antworten.'
  pickOne: Bitte wählen Sie eine Antwort.
  staleButton: Dieser Knopf gehört zu einer früheren Frage.
  handoffLabel: Mit einem Menschen sprechen
  helpCommands: 'Befehle: {{commands}}'
`,
  );

describe('say', () => {
  test('without overrides, the catalogue default with its placeholders filled', () => {
    expect(say(undefined, 'notUnderstood', { text: 'maybe' })).toBe('Sorry, I did not understand "maybe".');
    expect(say({}, 'watchesCancelled', { count: 3 })).toBe('Stopped 3 watches; I will not post about them any more.');
    expect(say({ messages: {} }, 'pickOne')).toBe(MESSAGE_CATALOGUE.pickOne.text);
  });

  test("a flow's override replaces only its own message", () => {
    const flow = { messages: { pickOne: 'Pick one!', notUnderstood: '"{{text}}"?' } };
    expect(say(flow, 'notUnderstood', { text: 'x' })).toBe('"x"?');
    expect(say(flow, 'pickOne')).toBe('Pick one!');
    expect(say(flow, 'cancelled')).toBe('Cancelled. Type anything to start again.');
  });

  test('a placeholder the message is not given stays visible rather than vanishing', () => {
    expect(say({ messages: { cancelled: 'Bye {{name}}' } }, 'cancelled')).toBe('Bye {{name}}');
  });

  test('a parameter value that looks like a placeholder is not filled again', () => {
    expect(say(undefined, 'notUnderstood', { text: '{{text}}' })).toBe('Sorry, I did not understand "{{text}}".');
  });

  test('clip keeps quoted user text to one short line', () => {
    expect(clip('  a\n b  ')).toBe('a b');
    expect(clip('x'.repeat(80))).toBe(`${'x'.repeat(57)}...`);
  });
});

describe('messages chosen or formatted in code', () => {
  test('watch confirmations get the delay in words and UTC times; "elsewhere" names where notices go', () => {
    const until = Date.UTC(2026, 10, 29, 10, 0);
    expect(watchStartedText(undefined, 'example.com', 5 * 60_000, until)).toBe(
      'OK, I am watching example.com: I check again in 5 minutes, then less and less often until 2026-11-29 10:00 UTC, ' +
        'and post here as soon as the diagnosis changes. Type "watches" to list watches, "unwatch" to stop.',
    );
    expect(watchStartedText(undefined, 'example.com', 60_000, until, 'in our direct message')).toMatch(
      /I check again in 1 minute, .* and post in our direct message as soon as .* Type "watches" there to list watches/,
    );
  });

  test('the count of cancelled watches picks the sentence', () => {
    expect(watchesCancelledText(undefined, 0)).toBe('Nothing was being watched in this conversation.');
    expect(watchesCancelledText(undefined, 1)).toBe('Stopped the watch; I will not post about it any more.');
    expect(watchesCancelledText({ messages: { watchesCancelled: '{{count}} gestoppt' } }, 2)).toBe('2 gestoppt');
  });

  test('the cause a watch waits for (`watch: goal`) has its own reason for not watching', () => {
    expect(notWatchableText(WATCH_FLOW, 'ca-review-pending')).toMatch(/CA's review does not show in DNS/);
    expect(notWatchableText(WATCH_FLOW, 'ownership-not-verified')).toMatch(/does not change by itself in DNS/);
    // Without a cause table no cause is the goal: the general reason.
    expect(notWatchableText(undefined, 'ca-review-pending')).toMatch(/does not change by itself in DNS/);
  });
});

describe('a flow that rewords the engine', () => {
  test('an answer that matches nothing is told in the flow\'s words, with the text filled in', () => {
    const d = new Driver(reworded());
    d.start({ domain: 'example.com' });
    d.say('purple');
    expect(d.texts()).toEqual(['Entschuldigung, "purple" ist keine der Antworten. Bitte wählen Sie eine Antwort.']);
  });

  test('a stale button is refused in the flow\'s words', () => {
    const d = new Driver(reworded());
    d.start({ domain: 'example.com' });
    const old = d.question().questionId;
    d.say('yes');
    d.send({ type: 'choice', questionId: old, choiceId: 'no-verified' });
    expect(d.texts()).toEqual(['Dieser Knopf gehört zu einer früheren Frage.']);
    expect(d.question().nodeId).toBe('ask-value');
  });

  test('button labels and help lines come from the flow too; the label still picks the choice', () => {
    const d = new Driver(reworded());
    d.start({ domain: 'example.com' });
    for (let i = 0; i < 3; i += 1) d.say('purple');
    expect(d.question().choices.map((c) => c.label)).toContain('Mit einem Menschen sprechen');
    d.say('help');
    expect(d.texts()[0]).toMatch(/\nBefehle: help, back, restart, cancel/);
    d.say('mit einem menschen sprechen');
    expect(d.state?.status).toBe('ended');
  });

  test('the watch confirmation uses the override with computed pieces as parameters', () => {
    const d = new Driver({ ...WATCH_FLOW, messages: { watchStarted: 'Ich beobachte {{domain}} ab {{firstCheck}} bis {{until}}.' } });
    d.ctx = { watch: { firstCheckInMs: 120_000, maxAgeMs: 60 * 60_000 } };
    d.now = Date.UTC(2026, 10, 27, 12, 0);
    d.start({ domain: 'shop.example' });
    d.say('yes');
    d.result('ttl-not-elapsed');
    d.send({ type: 'command', command: 'watch' });
    expect(d.last.effects).toEqual([expect.objectContaining({ type: 'start-watch' })]);
    d.send({ type: 'watch-result', domain: 'shop.example', result: { ok: true, firstCheckInMs: 120_000, until: d.now + 60 * 60_000 } });
    expect(d.texts()).toEqual(['Ich beobachte shop.example ab 2 minutes bis 2026-11-27 13:00 UTC.']);
  });

  test('the same steps on the flow without overrides say the defaults', () => {
    const d = atQ1();
    d.say('purple');
    expect(d.texts()).toEqual(['Sorry, I did not understand "purple". Please pick one of the answers below, or type its number.']);
  });
});
