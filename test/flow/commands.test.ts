/** The command words (src/flow/commands.ts), as the engine, the linter and the channels recognise them. */
import { COMMAND_WORDS, matchCommand } from '../../src/flow/commands';
import { normaliseText } from '../../src/core/text';

describe('matchCommand', () => {
  test.each([
    ['help', 'help'],
    ['?', 'help'],
    ['HELP!', 'help'],
    ['go back', 'back'],
    ['undo', 'back'],
    ['Start over', 'restart'],
    ['restart', 'restart'],
    ['cancel', 'cancel'],
    ['quit', 'cancel'],
    ['recheck', 'recheck'],
    ['re-check', 'recheck'],
    ['check again', 'recheck'],
    ['talk to a human', 'handoff'],
    ['handoff', 'handoff'],
    ['ＨＥＬＰ', 'help'],
    ['Don’t notify me', 'unwatch'],
    ['I DON\'T UNDERSTAND', 'help'],
  ])('%j is %s', (typed, command) => {
    expect(matchCommand(typed)).toBe(command);
  });

  test('a sentence that contains a command word is not a command', () => {
    expect(matchCommand('I need help with example.com')).toBeUndefined();
    expect(matchCommand('back then it worked')).toBeUndefined();
    expect(matchCommand('example.com')).toBeUndefined();
    expect(matchCommand('')).toBeUndefined();
  });

  test('every listed word is already in normalised form and names one command only', () => {
    const seen = new Map<string, string>();
    for (const [command, words] of Object.entries(COMMAND_WORDS)) {
      for (const word of words) {
        expect(normaliseText(word)).toBe(word);
        expect([word, seen.get(word) ?? command]).toEqual([word, command]);
        seen.set(word, command);
        expect(matchCommand(word)).toBe(command);
      }
    }
  });
});
