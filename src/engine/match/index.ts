/**
 * Matches a typed answer to one of a question's choices, strictest rule first: the exact id, the label
 * or a synonym, the number of the choice, then small typos. Commands are matched separately.
 */
import { matchById } from './by-id';
import { matchByLabel } from './by-label';
import { matchByNumber } from './by-number';
import { matchByTypo } from './by-typo';
import type { MatchCandidate } from './candidate';

export type { MatchCandidate } from './candidate';
export { matchCommand, COMMAND_NAMES, WATCH_COMMAND_NAMES, type CommandName } from './command';
export { normalise } from './normalise';

/** Exact matches only (id, label, synonym): these win even over command words. */
export function matchExactly(text: string, choices: readonly MatchCandidate[]): string | undefined {
  return matchById(text, choices) ?? matchByLabel(text, choices);
}

/** Looser matches, tried after commands: a whole-message number, then a small typo. */
export function matchLoosely(text: string, choices: readonly MatchCandidate[]): string | undefined {
  return matchByNumber(text, choices) ?? matchByTypo(text, choices);
}
