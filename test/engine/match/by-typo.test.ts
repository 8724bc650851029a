import { matchByTypo, typoAllowance } from '../../../src/engine/match/by-typo';
import { CHOICES } from './choices';

describe('matchByTypo', () => {
  test('forgives small typos in labels, synonyms and ids', () => {
    expect(matchByTypo('yess', CHOICES)).toBe('verified');
    expect(matchByTypo('yrs', CHOICES)).toBe('verified');
    expect(matchByTypo('yse', CHOICES)).toBe('verified');
    expect(matchByTypo('yes it is verifed', CHOICES)).toBe('verified');
    expect(matchByTypo('not sur', CHOICES)).toBe('unsure');
    expect(matchByTypo('not-verifed', CHOICES)).toBe('not-verified');
  });

  test('short words get no allowance: "so" is not "no"', () => {
    expect(typoAllowance(2)).toBe(0);
    expect(matchByTypo('so', CHOICES)).toBeUndefined();
    expect(matchByTypo('m', CHOICES)).toBeUndefined();
  });

  test('the allowance grows with the length of the word', () => {
    expect([3, 5, 6, 11, 12, 40].map(typoAllowance)).toEqual([1, 1, 2, 2, 3, 3]);
  });

  test('text far from every choice matches nothing', () => {
    expect(matchByTypo('I waited 2 days', CHOICES)).toBeUndefined();
    expect(matchByTypo('banana', CHOICES)).toBeUndefined();
  });

  test('two choices equally close match neither', () => {
    const close = [
      { id: 'cat', label: 'cart' },
      { id: 'cap', label: 'carp' },
    ];
    expect(matchByTypo('carx', close)).toBeUndefined();
    expect(matchByTypo('cartt', close)).toBe('cat');
  });
});
