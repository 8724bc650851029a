/**
 * The one way typed words are compared, by the engine (answers, command words) and by the flow linter
 * (duplicate labels, reserved words), so both always agree on what "the same word" is.
 */

/** Apostrophes inside words: "don't", "don’t" and "donʼt" all become "dont" rather than "don t". */
const APOSTROPHES = /['\u2018\u2019\u02bc\u0060\u00b4]/g;

/**
 * Normalises what people type so that "Yes!", " yes ", "YES" and full-width "ＹＥＳ" compare equal:
 * Unicode compatibility form (NFKC folds full-width and other compatibility characters), case folded
 * ("Straße" and "STRASSE" meet at "strasse"), apostrophes dropped, every other run of punctuation,
 * quotes and whitespace turned into one space, trimmed.
 */
export function normaliseText(text: string): string {
  return (text ?? '')
    .normalize('NFKC')
    .replace(APOSTROPHES, '')
    .toUpperCase() // upper then lower: the full case folding JavaScript lacks (ß -> SS -> ss)
    .toLowerCase()
    .normalize('NFKC')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
