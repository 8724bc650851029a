import type { MatchCandidate } from '../../../src/engine/match';

/** Choices in the shape of the shipped flow's step 1. */
export const CHOICES: MatchCandidate[] = [
  { id: 'verified', label: 'Yes, it is verified', synonyms: ['yes', 'y', 'yep', 'yeah', 'done'] },
  { id: 'not-verified', label: 'No, not yet', synonyms: ['no', 'n', 'nope'] },
  { id: 'unsure', label: "I'm not sure", synonyms: ['not sure', 'dont know'] },
];
