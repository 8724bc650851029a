import { matchByNumber } from '../../../src/engine/match/by-number';
import { CHOICES } from './choices';

describe('matchByNumber', () => {
  test.each(['2', ' 2 ', '2.', '2)', '(2)', '#2'])('%j picks the second choice', (typed) => {
    expect(matchByNumber(typed, CHOICES)).toBe('not-verified');
  });

  test('numbers out of range pick nothing', () => {
    expect(matchByNumber('0', CHOICES)).toBeUndefined();
    expect(matchByNumber('4', CHOICES)).toBeUndefined();
    expect(matchByNumber('-1', CHOICES)).toBeUndefined();
  });

  test('a digit inside a sentence picks nothing', () => {
    expect(matchByNumber('I waited 2 days', CHOICES)).toBeUndefined();
    expect(matchByNumber('2 days', CHOICES)).toBeUndefined();
    expect(matchByNumber('option 1', CHOICES)).toBeUndefined();
    expect(matchByNumber('1.5', CHOICES)).toBeUndefined();
  });
});
