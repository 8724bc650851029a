/**
 * Matches a choice's label or one of the synonyms the flow lists for it ("y", "yep", "done"), ignoring
 * case and punctuation. Words that name two choices match neither.
 */
import { only, type MatchCandidate } from './candidate';
import { normalise } from './normalise';

export function matchByLabel(text: string, choices: readonly MatchCandidate[]): string | undefined {
  const wanted = normalise(text);
  if (!wanted) return undefined;
  const hits = choices.filter((choice) =>
    [choice.label, ...(choice.synonyms ?? [])].some((word) => normalise(word) === wanted),
  );
  return only(hits)?.id;
}
