/**
 * Recognises the commands that work at any point of a conversation when they are the whole message
 * ("help", "go back", "start over"). A sentence that merely contains the word is not a command.
 */
import type { CommandInput } from '../inputs';
import { normalise } from './normalise';

export type CommandName = CommandInput['command'];

const COMMAND_WORDS: Record<CommandName, readonly string[]> = {
  help: ['help', 'h', 'what', 'what does this mean', 'i dont understand'],
  back: ['back', 'go back', 'undo', 'previous'],
  restart: ['restart', 'start over', 'start again', 'reset', 'new'],
  cancel: ['cancel', 'stop', 'quit', 'nevermind', 'never mind'],
  recheck: ['recheck', 're check', 'check again', 'retry', 'try again', 'check'],
  handoff: ['handoff', 'hand off', 'human', 'agent', 'person', 'talk to a person', 'talk to a human', 'support'],
};

const BY_WORD = new Map<string, CommandName>();
for (const [command, words] of Object.entries(COMMAND_WORDS) as [CommandName, readonly string[]][]) {
  for (const word of words) BY_WORD.set(word, command);
}

export function matchCommand(text: string): CommandName | undefined {
  const trimmed = (text ?? '').trim();
  if (trimmed === '?') return 'help';
  return BY_WORD.get(normalise(trimmed));
}

/** The command words to list in help texts. */
export const COMMAND_NAMES: readonly CommandName[] = Object.keys(COMMAND_WORDS) as CommandName[];
