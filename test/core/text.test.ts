import { normaliseText } from '../../src/core/text';

describe('normaliseText', () => {
  test.each([
    ['  Yes!  ', 'yes'],
    ['YEP.', 'yep'],
    ["I don't know", 'i dont know'],
    ['I don’t know', 'i dont know'],
    ["Don't know", 'dont know'],
    ['DON’T KNOW', 'dont know'],
    ['Ｄｏｎ＇ｔ ｋｎｏｗ', 'dont know'],
    ['not-sure', 'not sure'],
    ['"quoted"', 'quoted'],
    ['“curly quotes”', 'curly quotes'],
    ['a\t\n  b', 'a b'],
    ['ＹＥＳ', 'yes'],
    ['ｈｅｌｐ！', 'help'],
    ['Straße', 'strasse'],
    ['STRASSE', 'strasse'],
    ['Bücher', 'bücher'],
    ['?!', ''],
  ])('%j -> %j', (input, expected) => {
    expect(normaliseText(input)).toBe(expected);
  });
});
