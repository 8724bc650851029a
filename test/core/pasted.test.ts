/** Values as people paste them: one normaliser for the CLI's --expect, the chat grammar and the check runner. */
import { CertstatusError } from '../../src/core/errors';
import { MAX_VALUE_LENGTH, pastedValue, requiredValue, unquote } from '../../src/core/pasted';

const V = '20261125093000k7q2m9x4w8p3';

describe('pastedValue', () => {
  it.each([
    [V, V],
    [`"${V}"`, V],
    [`'${V}'`, V],
    [`\u201c${V}\u201d`, V],
    [`\`${V}\``, V],
    [`  ${V}  `, V],
    [`"\u00a0${V} "`, V],
    [`\u200b${V}\u200d`, V],
    [`\ufeff"${V}"\u2060`, V],
    [`'"${V}"'`, V],
    [`"20261125093000" "k7q2m9x4w8p3"`, V],
    [`${V.slice(0, 10)}\u00ad${V.slice(10)}`, V],
  ])('cleans %j', (raw, value) => {
    expect(pastedValue(raw)).toBe(value);
  });

  it.each([[''], ['   '], ['""'], ['\u200b\u00a0'], [undefined]])('reads %j as no value', (raw) => {
    expect(pastedValue(raw)).toBeUndefined();
  });

  it('refuses an absurdly long value in one line', () => {
    expect(() => pastedValue('x'.repeat(MAX_VALUE_LENGTH + 1))).toThrow(/256 characters long; a verification value has at most 255/);
    expect(pastedValue('x'.repeat(MAX_VALUE_LENGTH))).toHaveLength(MAX_VALUE_LENGTH);
  });

  it('refuses an explicitly empty value where one is required', () => {
    expect(() => requiredValue('""', '--expect')).toThrow(CertstatusError);
    expect(() => requiredValue('', '--expect')).toThrow(/--expect is empty/);
  });

  it('leaves inner quotes alone', () => {
    expect(unquote('a"b')).toBe('a"b');
  });
});
