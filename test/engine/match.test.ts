/** Answer matching (src/engine/match.ts): each rule on its own, then the two tiers the engine uses. */
import { editDistance, matchById, matchByLabel, matchByNumber, matchByTypo, matchExactly, matchLoosely, typoAllowance, type MatchCandidate } from '../../src/engine/match';

/** Choices in the shape of the shipped flow's step 1. */
const CHOICES: MatchCandidate[] = [
  { id: 'verified', label: 'Yes, it is verified', synonyms: ['yes', 'y', 'yep', 'yeah', 'done'] },
  { id: 'not-verified', label: 'No, not yet', synonyms: ['no', 'n', 'nope'] },
  { id: 'unsure', label: "I'm not sure", synonyms: ['not sure', 'dont know'] },
];

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
