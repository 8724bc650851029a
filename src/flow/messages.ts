/**
 * Every sentence the engine and the watches say on their own (the flow says everything about
 * certificates), as one catalogue: id, the parameters it is given, and its default English template.
 * A flow's `messages:` section overrides any of them by id; flows/flow.schema.json and the lint rule
 * (lint/messages.ts) derive from this list, and test/flow/messages.test.ts checks they agree.
 */

export interface MessageDefinition {
  /** Names the template may use as {{name}}. */
  params: readonly string[];
  /** Default English text. */
  text: string;
  /** When it is said (for the schema and the README). */
  about: string;
}

const define = <P extends string = never>(about: string, params: readonly P[], text: string) => ({ about, params, text });

export const MESSAGE_CATALOGUE = {
  notUnderstood: define('An answer matched nothing. `text`: what the user typed (shortened).', ['text'], 'Sorry, I did not understand "{{text}}".'),
  pickOne: define('After notUnderstood, on a question with choices.', [], 'Please pick one of the answers below, or type its number.'),
  offerHandoff: define(
    'After three misses in a row.',
    [],
    'This does not seem to be working. You can also talk to a person: pick "Talk to a person" or type "handoff".',
  ),
  handoffLabel: define('Button offering a human (after misses, on cause cards).', [], 'Talk to a person'),
  skipLabel: define('Button that skips an optional input.', [], 'Skip'),
  checkLost: define('A check never returned (say a restart), so it runs again.', [], 'The last check did not finish, so I am running it again.'),
  checkRunning: define('Shown while a check node without `text` runs. `check`: the check\'s name.', ['check'], 'Running the {{check}} check...'),
  stillChecking: define('A message arrived while a check runs.', [], 'Still checking, one moment please. Type "cancel" to stop.'),
  staleButton: define(
    'A button of an earlier question was clicked; the current question follows.',
    [],
    'That button belongs to an earlier question, so I did not use it. Here is the current question:',
  ),
  staleText: define('A typed answer arrived after someone else answered the question.', [], 'That question was answered just before your message, so I did not use it.'),
  staleButtonEnded: define('A button was clicked after the conversation ended.', [], 'That button belongs to a conversation that has ended. Type anything to start again.'),
  endedHelp: define('`help` after the conversation ended.', [], 'This conversation has ended. Type anything to start again, or "recheck" to check the domain again.'),
  nothingToUndo: define('`back` at the first question.', [], 'There is nothing to go back to yet.'),
  cancelled: define('`cancel`.', [], 'Cancelled. Type anything to start again.'),
  flowChanged: define('The flow got a new version during the conversation.', [], 'This troubleshooting guide was updated since we last talked, so let us start over.'),
  expired: define('The conversation was idle too long.', [], 'It has been a while since we last talked, so we started over.'),
  needDomain: define('`recheck` before a domain is known.', [], 'I need the domain first, then I can check it again.'),
  noHandoff: define('`handoff` in a flow without a handoff node.', [], 'Sorry, there is nobody to hand this conversation to here.'),
  noPath: define('A check outcome the node does not map.', [], 'Sorry, this guide has no next step for that result. Type "restart" to start over.'),
  noCheck: define('`recheck` in a flow without checks.', [], 'There is no check to run again in this guide.'),
  invalidDomain: define(
    'A typed domain is not a domain name. `why`: what is wrong with it (from the domain parser, in English).',
    ['why'],
    '{{why}}',
  ),
  needRecordValue: define('An empty answer where the record value is asked.', [], 'Please paste the record value.'),
  needAnswer: define('An empty answer to a free-text question.', [], 'Please type an answer.'),
  helpHowChoices: define('`help` on a question with choices.', [], 'Answer with a button, the number of an answer, or its words.'),
  helpHowText: define('`help` on a free-text question.', [], 'Type your answer as a message.'),
  helpHowSkip: define('`help` on an optional free-text question.', [], 'Type "skip" if you do not know.'),
  helpCommands: define('Last line of `help`. `commands`: the commands, comma-separated.', ['commands'], 'You can also type: {{commands}}.'),
  busy: define('Too many messages raced in one conversation.', [], 'Several messages arrived at once and I could not keep up. Please send yours again.'),
  somethingWentWrong: define(
    'An unexpected failure. `why`: a short reason (shortened).',
    ['why'],
    'Sorry, something went wrong on my side ({{why}}). Please try again.',
  ),
  checkFailed: define('A check could not run. `why`: the check\'s reason.', ['why'], 'The check could not run: {{why}}'),
  recheckAction: define('Button on cause cards: run the check again.', [], 'Check again'),
  restartAction: define('Button on cause cards: start over.', [], 'Start over'),
  troubleshootAction: define('Button on one-shot cards: start the guided conversation.', [], 'Troubleshoot step by step'),
  watchAction: define('Button on cause cards: watch the domain.', [], 'Notify me when it takes effect'),
  watchStarted: define(
    'A watch started; notices go here. `domain`; `firstCheck`: delay in words ("5 minutes"); `until`: UTC time.',
    ['domain', 'firstCheck', 'until'],
    'OK, I am watching {{domain}}: I check again in {{firstCheck}}, then less and less often until {{until}}, ' +
      'and post here as soon as the diagnosis changes. Type "watches" to list watches, "unwatch" to stop.',
  ),
  watchStartedElsewhere: define(
    'A watch started; notices go elsewhere. As watchStarted, plus `where`: where notices go ("in our direct message (...)").',
    ['domain', 'firstCheck', 'until', 'where'],
    'OK, I am watching {{domain}}: I check again in {{firstCheck}}, then less and less often until {{until}}, ' +
      'and post {{where}} as soon as the diagnosis changes. Type "watches" there to list watches, "unwatch" to stop.',
  ),
  watchAlready: define(
    'The domain is already watched here. `domain`; `next`, `until`: UTC times.',
    ['domain', 'next', 'until'],
    'I am already watching {{domain}} here: next check {{next}}, until {{until}}. Type "watches" to list watches, "unwatch" to stop.',
  ),
  watchUnavailable: define(
    'Watching asked for where the bot cannot post later.',
    [],
    'I cannot post here later, so I cannot watch the domain; type "recheck" whenever you want me to check again.',
  ),
  nothingToWatchYet: define(
    'Watching asked for before a diagnosis.',
    [],
    'I can watch a domain once I have diagnosed something that changes when your fix takes effect; there is no such diagnosis yet.',
  ),
  notWatchableCaReview: define(
    'Watching asked for when DNS is already right (cause ca-review-pending).',
    [],
    'DNS is already right everywhere; the CA\'s review does not show in DNS, so there is nothing for me to watch.',
  ),
  notWatchable: define(
    'Watching asked for on a diagnosis DNS cannot show fixed. `cause`: the cause id.',
    ['cause'],
    'That diagnosis does not change by itself in DNS, so watching would tell you nothing. Type "recheck" after you have fixed it.',
  ),
  watchStartFailed: define(
    'A watch could not be stored. `why`: a short reason (shortened).',
    ['why'],
    'Sorry, I could not start watching ({{why}}). Type "recheck" to check again yourself.',
  ),
  noWatches: define('`watches` with nothing watched.', [], 'Nothing is being watched in this conversation.'),
  watchList: define('`watches`. `lines`: one watchLine per line.', ['lines'], 'Watches in this conversation:\n{{lines}}'),
  watchLine: define(
    'One watch in the list. `domain`; `cause`: the cause title; `next`, `until`: UTC times.',
    ['domain', 'cause', 'next', 'until'],
    '• {{domain}}: still {{cause}}; next check {{next}}, until {{until}}',
  ),
  watchesNoneCancelled: define('`unwatch` with nothing watched.', [], 'Nothing was being watched in this conversation.'),
  watchCancelled: define('`unwatch` stopped one watch.', [], 'Stopped the watch; I will not post about it any more.'),
  watchesCancelled: define('`unwatch` stopped several watches. `count`: how many.', ['count'], 'Stopped {{count}} watches; I will not post about them any more.'),
  watchTookEffect: define(
    'A watch saw the fix take effect. `domain`.',
    ['domain'],
    'Good news: the change for {{domain}} took effect; the verification record is now visible everywhere I check. ' +
      'The CA now needs 2 to 3 working days to verify your information.',
  ),
  watchCauseChanged: define('A watch saw a new diagnosis. `domain`; `title`: the new cause\'s title.', ['domain', 'title'], 'The diagnosis for {{domain}} changed: {{title}}'),
  watchGoesOn: define('After watchCauseChanged when the watch continues.', [], 'I keep watching and will post here when it changes again.'),
  watchEnded: define(
    'A watch ran out. `domain`; `after`: its length in words ("3 days"); `title`: the last cause\'s title.',
    ['domain', 'after', 'title'],
    'I stopped watching {{domain}} after {{after}}: the diagnosis is still "{{title}}". Type "recheck" to check again.',
  ),
} as const;

export type MessageId = keyof typeof MESSAGE_CATALOGUE;

/** The parameters a message needs, by name (numbers are written as digits). */
export type MessageParams<Id extends MessageId> = Record<(typeof MESSAGE_CATALOGUE)[Id]['params'][number], string | number>;

export const MESSAGE_IDS = Object.keys(MESSAGE_CATALOGUE) as MessageId[];

/** True for own keys of the catalogue only ("constructor" is not a message). */
export function isMessageId(id: string): id is MessageId {
  return Object.hasOwn(MESSAGE_CATALOGUE, id);
}
