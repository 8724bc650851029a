import { matchById } from '../../../src/engine/match/by-id';
import { CHOICES } from './choices';

describe('matchById', () => {
  test('matches a button value or a typed id, ignoring case and punctuation', () => {
    expect(matchById('not-verified', CHOICES)).toBe('not-verified');
    expect(matchById('NOT VERIFIED', CHOICES)).toBe('not-verified');
    expect(matchById(' unsure. ', CHOICES)).toBe('unsure');
  });

  test('does not match labels, parts of ids or nothing', () => {
    expect(matchById('No, not yet', CHOICES)).toBeUndefined();
    expect(matchById('verif', CHOICES)).toBeUndefined();
    expect(matchById('', CHOICES)).toBeUndefined();
  });
});
