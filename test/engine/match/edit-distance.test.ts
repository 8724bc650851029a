import { editDistance } from '../../../src/engine/match/edit-distance';

describe('editDistance', () => {
  it.each([
    ['yes', 'yes', 0],
    ['', 'abc', 3],
    ['abc', '', 3],
    ['yess', 'yes', 1],
    ['yrs', 'yes', 1],
    ['verifed', 'verified', 1],
    ['kitten', 'sitting', 3],
  ])('counts insertions, deletions and substitutions: %j ~ %j = %d', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
  });

  it.each([
    ['yse', 'yes'],
    ['recehck', 'recheck'],
    ['ab', 'ba'],
  ])('counts a swap of neighbouring letters as one edit: %j ~ %j', (a, b) => {
    expect(editDistance(a, b)).toBe(1);
  });

  it('is symmetric', () => {
    for (const [a, b] of [['ca', 'abc'], ['stale', 'tsale'], ['watch', 'wacth']]) expect(editDistance(a, b)).toBe(editDistance(b, a));
  });
});
