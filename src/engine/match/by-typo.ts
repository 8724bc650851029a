/**
 * Forgives small typos ("yse", "verifed") by edit distance, with an allowance that grows with the length
 * of the word: none for one- or two-letter words, where one edit turns "no" into "so". Two choices that
 * are equally close match neither: a wrong guess costs more than asking again.
 */
import { editDistance } from './edit-distance';
import type { MatchCandidate } from './candidate';
import { normalise } from './normalise';

/** Edits tolerated for a word of this many characters. */
export function typoAllowance(length: number): number {
  if (length <= 2) return 0;
  if (length <= 5) return 1;
  if (length <= 11) return 2;
  return 3;
}

export function matchByTypo(text: string, choices: readonly MatchCandidate[]): string | undefined {
  const wanted = normalise(text);
  if (!wanted) return undefined;
  let best: { id: string; edits: number } | undefined;
  let tied = false;
  for (const choice of choices) {
    const words = [choice.id, choice.label, ...(choice.synonyms ?? [])].map(normalise).filter(Boolean);
    let closest = Infinity;
    for (const word of words) {
      const edits = editDistance(wanted, word);
      if (edits <= typoAllowance(Math.min(word.length, wanted.length))) closest = Math.min(closest, edits);
    }
    if (closest === Infinity) continue;
    if (!best || closest < best.edits) {
      best = { id: choice.id, edits: closest };
      tied = false;
    } else if (closest === best.edits) {
      tied = true;
    }
  }
  return best && !tied ? best.id : undefined;
}
