import { matchByLabel } from '../../../src/engine/match/by-label';
import { CHOICES } from './choices';

describe('matchByLabel', () => {
  test('matches the label ignoring case and punctuation', () => {
    expect(matchByLabel('yes it is verified', CHOICES)).toBe('verified');
    expect(matchByLabel('Im not sure!', CHOICES)).toBe('unsure');
  });

  test('matches the yes/no family only through synonyms the flow lists', () => {
    expect(matchByLabel('Yep', CHOICES)).toBe('verified');
    expect(matchByLabel('y', CHOICES)).toBe('verified');
    expect(matchByLabel('done.', CHOICES)).toBe('verified');
    expect(matchByLabel('NOPE', CHOICES)).toBe('not-verified');
    // "sure" is not listed anywhere, so it is not guessed to mean yes.
    expect(matchByLabel('sure', CHOICES)).toBeUndefined();
    expect(matchByLabel('yes', [{ id: 'a', label: 'Added it' }])).toBeUndefined();
  });

  test('a word listed for two choices picks neither', () => {
    const ambiguous = [
      { id: 'a', label: 'A', synonyms: ['maybe'] },
      { id: 'b', label: 'B', synonyms: ['maybe'] },
    ];
    expect(matchByLabel('maybe', ambiguous)).toBeUndefined();
  });

  test('a sentence containing a synonym is not a match', () => {
    expect(matchByLabel('yes but the record is wrong', CHOICES)).toBeUndefined();
  });
});
