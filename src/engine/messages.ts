/**
 * The few sentences the engine itself says (the flow says everything about certificates). Kept in one
 * place so that they read consistently and can be translated together.
 */
import type { CommandName } from './match';

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
};

function clip(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > 60 ? `${oneLine.slice(0, 57)}...` : oneLine;
}
