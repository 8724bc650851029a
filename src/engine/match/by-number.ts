/**
 * Matches "2", "2." or "(2)" to the second choice. Only when the number is the whole message: "I waited
 * 2 days" is a sentence, not a pick.
 */
import type { MatchCandidate } from './candidate';

const WHOLE_NUMBER = /^\s*[([#]?\s*(\d{1,3})\s*[.)\]]?\s*$/;

export function matchByNumber(text: string, choices: readonly MatchCandidate[]): string | undefined {
  const found = WHOLE_NUMBER.exec(text ?? '');
  if (!found) return undefined;
  const index = Number(found[1]) - 1;
  return index >= 0 && index < choices.length ? choices[index]?.id : undefined;
}
