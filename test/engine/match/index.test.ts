import { matchExactly, matchLoosely } from '../../../src/engine/match';
import { CHOICES } from './choices';

describe('combined matching', () => {
  test('exact matching covers ids, labels and synonyms but not numbers or typos', () => {
    expect(matchExactly('unsure', CHOICES)).toBe('unsure');
    expect(matchExactly('No, not yet', CHOICES)).toBe('not-verified');
    expect(matchExactly('yeah', CHOICES)).toBe('verified');
    expect(matchExactly('3', CHOICES)).toBeUndefined();
    expect(matchExactly('yess', CHOICES)).toBeUndefined();
  });

  test('loose matching takes a whole-message number before a typo', () => {
    expect(matchLoosely('3', CHOICES)).toBe('unsure');
    expect(matchLoosely('nope.', CHOICES)).toBe('not-verified');
    expect(matchLoosely('I waited 2 days', CHOICES)).toBeUndefined();
  });
});
