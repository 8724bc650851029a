import { compareValue, isOlderValue, normaliseTxt, parseStamp } from '../../../src/dns/analysis/record-value';

const EXPECTED = '20261125093000k7q2m9x4v8b1n6c3z5a0s2d7f9g4h';

describe('parseStamp', () => {
  it.each([
    ['20261125093000k7q2m9', '2026-11-25T09:30:00.000Z'],
    ['20261125093000', '2026-11-25T09:30:00.000Z'],
    // Digits may follow the stamp: the random part can start with a digit.
    ['202611250930001234abc', '2026-11-25T09:30:00.000Z'],
    ['"20261125093000abc"', '2026-11-25T09:30:00.000Z'],
    ['  20240229235959x', '2024-02-29T23:59:59.000Z'],
    ['20000101000000x', '2000-01-01T00:00:00.000Z'],
  ])('%s -> %s', (value, iso) => {
    expect(parseStamp(value)?.toISOString()).toBe(iso);
  });

  it.each([
    ['', 'empty'],
    ['2026112509300', 'only 13 digits'],
    ['abc20261125093000', 'stamp not at the start'],
    ['20261325093000x', 'month 13'],
    ['20261100093000x', 'day 0'],
    ['20250229093000x', '29 February in a non-leap year'],
    ['20260431093000x', '31 April'],
    ['20261125243000x', 'hour 24'],
    ['20261125096000x', 'minute 60'],
    ['20261125093060x', 'second 60'],
    ['19991231235959x', 'year before 2000'],
    ['21000101000000x', 'year after 2099'],
    ['k7q2m9x4v8b1n6c3', 'no digits'],
  ])('%s -> undefined (%s)', (value) => {
    expect(parseStamp(value)).toBeUndefined();
  });
});

describe('normaliseTxt', () => {
  it('joins character-strings with nothing between them', () => {
    expect(normaliseTxt(['20261125093000abc', 'def'])).toBe('20261125093000abcdef');
    expect(normaliseTxt(['only'])).toBe('only');
    expect(normaliseTxt([])).toBe('');
  });
});

describe('isOlderValue', () => {
  const now = new Date('2026-11-27T12:00:00Z');
  it.each<[string, string | undefined, boolean, string]>([
    ['20261001000000old', EXPECTED, true, 'stamp earlier than the expected stamp'],
    ['20261125092959old', EXPECTED, true, 'one second earlier'],
    [EXPECTED, EXPECTED, false, 'the same value'],
    ['20261125093000other', EXPECTED, false, 'same stamp, other random part'],
    ['20261126000000newer', EXPECTED, false, 'newer than expected'],
    ['k7q2m9x4v8b1', EXPECTED, false, 'no stamp: cannot tell'],
    ['20261001000000old', undefined, true, 'no expected value, 57 days old'],
    ['20261120000000recent', undefined, false, 'no expected value, 7 days old'],
    ['20261113115959x', undefined, true, 'just over 14 days old'],
    ['20261113120000x', undefined, false, 'exactly 14 days old'],
    ['20261001000000old', 'no-stamp-expected', true, 'expected has no stamp: age rule applies'],
  ])('%s vs %s -> %s (%s)', (actual, expected, older) => {
    expect(isOlderValue(actual, expected, now)).toBe(older);
  });

  it('takes a custom staleness window', () => {
    expect(isOlderValue('20261120000000recent', undefined, now, 3)).toBe(true);
    expect(isOlderValue('20261120000000recent', undefined, now, 30)).toBe(false);
  });
});

describe('compareValue', () => {
  it('says exact for the same value', () => {
    expect(compareValue(EXPECTED, EXPECTED)).toEqual({ kind: 'exact' });
  });

  it.each([
    [`"${EXPECTED}"`, 'quoted', 'the value is wrapped in extra quotes'],
    [`'${EXPECTED}'`, 'quoted', 'the value is wrapped in extra quotes'],
    [`\\"${EXPECTED}\\"`, 'quoted', 'the value is wrapped in extra quotes'],
    [`""${EXPECTED}""`, 'quoted', 'the value is wrapped in extra quotes'],
    [`“${EXPECTED}”`, 'quoted', 'the value is wrapped in extra quotes'],
    [`"${EXPECTED}`, 'quoted', 'it has a stray quote mark at the start'],
    [`${EXPECTED}"`, 'quoted', 'it has a stray quote mark at the end'],
    [` "${EXPECTED}" `, 'quoted', 'the value is wrapped in extra quotes; it has extra spaces at the start or end'],
    [`${EXPECTED} `, 'whitespace', 'it has extra spaces at the start or end'],
    [`\t${EXPECTED}`, 'whitespace', 'it has extra spaces at the start or end'],
    [`${EXPECTED.slice(0, 16)} ${EXPECTED.slice(16)}`, 'whitespace', 'it contains a space inside, at character 17'],
  ])('%j -> %s', (actual, kind, detail) => {
    expect(compareValue(EXPECTED, actual)).toEqual({ kind, detail });
  });

  it('spots a difference in case and counts the letters', () => {
    const one = EXPECTED.slice(0, 16) + 'Q' + EXPECTED.slice(17);
    expect(compareValue(EXPECTED, one)).toEqual({ kind: 'case', detail: 'character 17 is "Q" where "q" is expected' });
    expect(compareValue(EXPECTED, EXPECTED.toUpperCase())).toEqual({
      kind: 'case',
      detail: `character 15 is "K" where "k" is expected (${EXPECTED.replace(/[^a-z]/g, '').length} characters differ only in upper/lower case)`,
    });
  });

  it.each([
    [EXPECTED.slice(0, 16) + 'x' + EXPECTED.slice(17), 'character 17 is "x" where "q" is expected'],
    [EXPECTED.slice(0, 16) + EXPECTED.slice(17), 'character 17 ("q") is missing'],
    [EXPECTED.slice(0, 16) + 'zz' + EXPECTED.slice(16), 'there is an extra "zz" at character 17'],
    // Two neighbours swapped.
    [EXPECTED.slice(0, 16) + 'q2'.split('').reverse().join('') + EXPECTED.slice(18), 'from character 17, "2q" stands where "q2" is expected'],
    [EXPECTED + 'x', 'there is an extra "x" at character 44'],
  ])('a typo: %s', (actual, detail) => {
    expect(compareValue(EXPECTED, actual)).toEqual({ kind: 'typo', detail });
  });

  it('says how much of a truncated value is missing, at the end or the start', () => {
    expect(compareValue(EXPECTED, EXPECTED.slice(0, 40))).toEqual({ kind: 'truncated', detail: 'it is 3 characters shorter: the end "g4h" is missing' });
    expect(compareValue(EXPECTED, EXPECTED.slice(1))).toEqual({ kind: 'truncated', detail: 'it is 1 character shorter: the start "2" is missing' });
    expect(compareValue(EXPECTED, EXPECTED.slice(0, 14))).toEqual({
      kind: 'truncated',
      detail: 'it is 29 characters shorter: the end "k7q2m9x4v8b1n6c3z5a0s..." is missing',
    });
  });

  it('calls a far-off value different and names the dates when both carry stamps', () => {
    expect(compareValue(EXPECTED, '20261001080000aaaaaaaaaaaaaaaaaaaaaaaaaaaaa')).toEqual({
      kind: 'different',
      detail: 'it is a different value, from 2026-10-01 08:00:00 UTC, older than the expected one from 2026-11-25 09:30:00 UTC',
    });
    expect(compareValue(EXPECTED, 'hello')).toEqual({ kind: 'different', detail: `it is a different value ("hello" instead of "${EXPECTED.slice(0, 21)}...")` });
    expect(compareValue(EXPECTED, '')).toEqual({ kind: 'different', detail: 'the value is empty' });
    expect(compareValue(EXPECTED, EXPECTED + 'extra-stuff')).toEqual({ kind: 'different', detail: 'it has 11 characters too many at the end: "extra-stuff"' });
  });

  it('reports a typo hidden behind quotes as a typo and still mentions the quotes', () => {
    const typo = EXPECTED.slice(0, 16) + 'x' + EXPECTED.slice(17);
    expect(compareValue(EXPECTED, `"${typo}"`)).toEqual({
      kind: 'typo',
      detail: 'character 17 is "x" where "q" is expected; also the value is wrapped in extra quotes',
    });
  });

  it('keeps spaces when the expected value itself has them', () => {
    expect(compareValue('v=spf1 -all', 'v=spf1 -all')).toEqual({ kind: 'exact' });
    expect(compareValue('v=spf1 -all', ' v=spf1 -all')).toEqual({ kind: 'whitespace', detail: 'it has extra spaces at the start or end' });
  });
});
