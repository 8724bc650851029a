/** What the matchers compare a message against: a choice's id, label and synonyms. */
export interface MatchCandidate {
  id: string;
  label: string;
  synonyms?: readonly string[];
}

/** Picks the only element of a list, or undefined when there are none or several (never guess). */
export function only<T>(items: readonly T[]): T | undefined {
  return items.length === 1 ? items[0] : undefined;
}
