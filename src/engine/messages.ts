/**
 * The few sentences the engine itself says (the flow says everything about certificates). Kept in one
 * place so that they read consistently and can be translated together.
 */
import type { CommandName } from './match';
import { inWords, utcMinute } from './when';

export const MESSAGES = {
  notUnderstood: (text: string) => `Sorry, I did not understand "${clip(text)}".`,
  pickOne: 'Please pick one of the answers below, or type its number.',
  offerHandoff: 'This does not seem to be working. You can also talk to a person: pick "Talk to a person" or type "handoff".',
  handoffLabel: 'Talk to a person',
  skipLabel: 'Skip',
  checkLost: 'The last check did not finish, so I am running it again.',
  stillChecking: 'Still checking, one moment please. Type "cancel" to stop.',
  staleButton: 'That button belongs to an earlier question, so I did not use it. Here is the current question:',
  staleText: 'That question was answered just before your message, so I did not use it.',
  staleButtonEnded: 'That button belongs to a conversation that has ended. Type anything to start again.',
  endedHelp: 'This conversation has ended. Type anything to start again, or "recheck" to check the domain again.',
  nothingToUndo: 'There is nothing to go back to yet.',
  cancelled: 'Cancelled. Type anything to start again.',
  flowChanged: 'This troubleshooting guide was updated since we last talked, so let us start over.',
  expired: 'It has been a while since we last talked, so we started over.',
  needDomain: 'I need the domain first, then I can check it again.',
  noHandoff: 'Sorry, there is nobody to hand this conversation to here.',
  noPath: 'Sorry, this guide has no next step for that result. Type "restart" to start over.',
  noCheck: 'There is no check to run again in this guide.',
  helpHowChoices: 'Answer with a button, the number of an answer, or its words.',
  helpHowText: 'Type your answer as a message.',
  helpHowSkip: 'Type "skip" if you do not know.',
  helpCommands: (commands: readonly CommandName[]) => `You can also type: ${commands.join(', ')}.`,
  busy: 'Several messages arrived at once and I could not keep up. Please send yours again.',
  somethingWentWrong: (why: string) => `Sorry, something went wrong on my side (${clip(why)}). Please try again.`,
  checkFailed: (why: string) => `The check could not run: ${why}`,
  recheckAction: 'Check again',
  restartAction: 'Start over',
  troubleshootAction: 'Troubleshoot step by step',
  watchAction: 'Notify me when it takes effect',
  /** `where`: where the notices go, when the confirmation is shown somewhere else ("in our direct message"). */
  watchStarted: (domain: string, firstCheckInMs: number, until: number, where = 'here') =>
    `OK, I am watching ${domain}: I check again in ${inWords(firstCheckInMs)}, then less and less often until ${utcMinute(until)}, ` +
    `and post ${where} as soon as the diagnosis changes. Type "watches" ${where === 'here' ? '' : 'there '}to list watches, "unwatch" to stop.`,
  watchAlready: (domain: string, nextRunAt: number, until: number) =>
    `I am already watching ${domain} here: next check ${utcMinute(nextRunAt)}, until ${utcMinute(until)}. Type "watches" to list watches, "unwatch" to stop.`,
  watchUnavailable: 'I cannot post here later, so I cannot watch the domain; type "recheck" whenever you want me to check again.',
  nothingToWatchYet: 'I can watch a domain once I have diagnosed something that changes when your fix takes effect; there is no such diagnosis yet.',
  notWatchable: (cause: string) =>
    cause === 'ca-review-pending'
      ? 'DNS is already right everywhere; the CA\'s review does not show in DNS, so there is nothing for me to watch.'
      : 'That diagnosis does not change by itself in DNS, so watching would tell you nothing. Type "recheck" after you have fixed it.',
  watchStartFailed: (why: string) => `Sorry, I could not start watching (${clip(why)}). Type "recheck" to check again yourself.`,
  noWatches: 'Nothing is being watched in this conversation.',
  watchList: (lines: string[]) => `Watches in this conversation:\n${lines.join('\n')}`,
  watchLine: (domain: string, cause: string, nextRunAt: number, expiresAt: number) =>
    `• ${domain}: still ${cause}; next check ${utcMinute(nextRunAt)}, until ${utcMinute(expiresAt)}`,
  watchesCancelled: (count: number) =>
    count === 0 ? 'Nothing was being watched in this conversation.' : `Stopped ${count === 1 ? 'the watch' : `${count} watches`}; I will not post about ${count === 1 ? 'it' : 'them'} any more.`,
  watchTookEffect: (domain: string) =>
    `Good news: the change for ${domain} took effect; the verification record is now visible everywhere I check. ` +
    'The CA now needs 2 to 3 working days to verify your information.',
  watchCauseChanged: (domain: string, title: string) => `The diagnosis for ${domain} changed: ${title}`,
  watchGoesOn: 'I keep watching and will post here when it changes again.',
  watchEnded: (domain: string, maxAgeMs: number, title: string) =>
    `I stopped watching ${domain} after ${inWords(maxAgeMs)}: the diagnosis is still "${title}". Type "recheck" to check again.`,
};

function clip(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > 60 ? `${oneLine.slice(0, 57)}...` : oneLine;
}
