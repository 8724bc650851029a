import { normalise } from '../../../src/engine/match/normalise';

describe('normalise', () => {
  test.each([
    ['  Yes!  ', 'yes'],
    ['YEP.', 'yep'],
    ["I don't know", 'i dont know'],
    ['I don’t know', 'i dont know'],
    ['not-sure', 'not sure'],
    ['a\t\n  b', 'a b'],
    ['ＹＥＳ', 'yes'],
    ['Bücher', 'bücher'],
    ['?!', ''],
  ])('%j -> %j', (input, expected) => {
    expect(normalise(input)).toBe(expected);
  });
});
