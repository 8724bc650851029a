import { matchCommand } from '../../../src/engine/match/command';

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
  ])('%j is %s', (typed, command) => {
    expect(matchCommand(typed)).toBe(command);
  });

  test('a sentence that contains a command word is not a command', () => {
    expect(matchCommand('I need help with example.com')).toBeUndefined();
    expect(matchCommand('back then it worked')).toBeUndefined();
    expect(matchCommand('example.com')).toBeUndefined();
    expect(matchCommand('')).toBeUndefined();
  });
});
