/** Matches a button value or a typed choice id ("not-sure") exactly, ignoring case and punctuation. */
import { only, type MatchCandidate } from './candidate';
import { normalise } from './normalise';

export function matchById(text: string, choices: readonly MatchCandidate[]): string | undefined {
  const wanted = normalise(text);
  if (!wanted) return undefined;
  const hits = choices.filter((choice) => normalise(choice.id) === wanted);
  return only(hits)?.id;
}
