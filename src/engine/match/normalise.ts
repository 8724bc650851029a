/**
 * Normalises what people type so that "Yes!", " yes " and "YES" compare equal: Unicode-compatible form,
 * lower case, punctuation turned into spaces, runs of whitespace collapsed.
 */
export function normalise(text: string): string {
  return (text ?? '')
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u2019']/g, '') // "don't" -> "dont", so apostrophes do not split words
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
