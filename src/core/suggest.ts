/** "Did you mean ...?" support: the closest candidate within a small edit distance. */
import { distance } from 'fastest-levenshtein';

export function closest(word: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  const limit = Math.max(2, Math.floor(word.length / 3));
  for (const candidate of candidates) {
    const d = distance(word.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance && d <= limit) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

/** `"a", "b" and "c"` (at most `max`, then "..."). */
export function quoteList(items: readonly string[], max = 12): string {
  const shown = items.slice(0, max).map((i) => `"${i}"`);
  if (items.length > max) shown.push('...');
  return shown.join(', ');
}
