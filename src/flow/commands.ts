/**
 * The command words: what a user can type at any point of a conversation ("help", "go back", "start
 * over", "notify me"). One list, used by the engine to recognise commands, by the flow linter to warn
 * about choice words that shadow them, and by the channels' command grammar.
 */
import { normaliseText } from '../core/text';

export type CommandName = 'help' | 'back' | 'restart' | 'cancel' | 'recheck' | 'handoff' | 'watch' | 'watches' | 'unwatch';

/** Every word or phrase per command, written as normaliseText leaves it (lower case, no punctuation). */
export const COMMAND_WORDS: Readonly<Record<CommandName, readonly string[]>> = {
  help: ['help', 'h', 'what', 'what does this mean', 'i dont understand'],
  back: ['back', 'go back', 'undo', 'previous'],
  restart: ['restart', 'start over', 'start again', 'reset', 'new'],
  cancel: ['cancel', 'stop', 'quit', 'nevermind', 'never mind'],
  recheck: ['recheck', 're check', 'check again', 'retry', 'try again', 'check'],
  handoff: ['handoff', 'hand off', 'human', 'agent', 'person', 'talk to a person', 'talk to a human', 'support'],
  watch: ['watch', 'watch it', 'notify me', 'notify', 'notify me when it takes effect', 'tell me when it takes effect', 'tell me when it works', 'let me know'],
  watches: ['watches', 'list watches', 'show watches', 'my watches', 'watching'],
  unwatch: ['unwatch', 'stop watching', 'cancel watch', 'cancel watches', 'cancel watching', 'stop notifying', 'dont notify me'],
};

const BY_WORD = new Map<string, CommandName>();
for (const [command, words] of Object.entries(COMMAND_WORDS) as [CommandName, readonly string[]][]) {
  for (const word of words) BY_WORD.set(normaliseText(word), command);
}

/** The command a whole message names ("Start over!", "?"), or undefined: a sentence that contains a command word is no command. */
export function matchCommand(text: string): CommandName | undefined {
  const trimmed = (text ?? '').trim();
  if (trimmed === '?') return 'help';
  return BY_WORD.get(normaliseText(trimmed));
}

/** Commands that only work where the channel can post later (a watch scheduler runs). */
export const WATCH_COMMAND_NAMES: readonly CommandName[] = ['watch', 'watches', 'unwatch'];

/** The command words to list in help texts (the watch commands are added only where watching works). */
export const COMMAND_NAMES: readonly CommandName[] = (Object.keys(COMMAND_WORDS) as CommandName[]).filter(
  (name) => !WATCH_COMMAND_NAMES.includes(name),
);
