/**
 * Matching a typed answer to one of a question's choices, strictest rule first: the exact id, the label
 * or a synonym, then (after command words, which the caller tries in between) the number of the choice,
 * then small typos. Every rule compares words as core/text.ts normalises them, like the flow linter.
 * A rule that finds two choices picks neither: a wrong guess costs more than asking again.
 */
import { normaliseText } from '../core/text';

export { matchCommand, COMMAND_NAMES, WATCH_COMMAND_NAMES, type CommandName } from '../flow/commands';

/** What the rules compare a message against: a choice's id, label and synonyms. */
export interface MatchCandidate {
  id: string;
  label: string;
  synonyms?: readonly string[];
}

/** Exact matches only (id, label, synonym): these win even over command words. */
export function matchExactly(text: string, choices: readonly MatchCandidate[]): string | undefined {
  return matchById(text, choices) ?? matchByLabel(text, choices);
}

/** Looser matches, tried after commands: a whole-message number, then a small typo. */
export function matchLoosely(text: string, choices: readonly MatchCandidate[]): string | undefined {
  return matchByNumber(text, choices) ?? matchByTypo(text, choices);
}

/** A button value or a typed choice id ("not-sure"). */
export function matchById(text: string, choices: readonly MatchCandidate[]): string | undefined {
  const wanted = normaliseText(text);
  if (!wanted) return undefined;
  return only(choices.filter((choice) => normaliseText(choice.id) === wanted))?.id;
}

/** The label or one of the synonyms the flow lists for it ("y", "yep", "done"). */
export function matchByLabel(text: string, choices: readonly MatchCandidate[]): string | undefined {
  const wanted = normaliseText(text);
  if (!wanted) return undefined;
  const hits = choices.filter((choice) => [choice.label, ...(choice.synonyms ?? [])].some((word) => normaliseText(word) === wanted));
  return only(hits)?.id;
}

/** "2", "2." or "(2)" is the second choice, but only as the whole message: "I waited 2 days" is a sentence. */
const WHOLE_NUMBER = /^\s*[([#]?\s*(\d{1,3})\s*[.)\]]?\s*$/;

export function matchByNumber(text: string, choices: readonly MatchCandidate[]): string | undefined {
  const found = WHOLE_NUMBER.exec(text ?? '');
  if (!found) return undefined;
  const index = Number(found[1]) - 1;
  return index >= 0 && index < choices.length ? choices[index]?.id : undefined;
}

/**
 * Edits tolerated for a word of this many characters: none for one or two letters, where one edit turns
 * "no" into "so", then more as words get longer.
 */
export function typoAllowance(length: number): number {
  if (length <= 2) return 0;
  if (length <= 5) return 1;
  if (length <= 11) return 2;
  return 3;
}

/** Small typos ("yse", "verifed"): the closest choice within the allowance, unless two are equally close. */
export function matchByTypo(text: string, choices: readonly MatchCandidate[]): string | undefined {
  const wanted = normaliseText(text);
  if (!wanted) return undefined;
  let best: { id: string; edits: number } | undefined;
  let tied = false;
  for (const choice of choices) {
    const words = [choice.id, choice.label, ...(choice.synonyms ?? [])].map(normaliseText).filter(Boolean);
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

/**
 * Optimal string alignment distance: Levenshtein edits plus the swap of two neighbouring letters as one
 * edit. Swaps ("yse", "recehck") are the commonest typing slip, and plain Levenshtein (the
 * fastest-levenshtein package used for "did you mean") counts them as two.
 */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (!a.length) return b.length;
  if (!b.length) return a.length;
  // Three rows suffice: the swap looks back two rows.
  let before = new Array<number>(b.length + 1).fill(0);
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  let current = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, before[j - 2] + 1);
      current[j] = best;
    }
    [before, previous, current] = [previous, current, before];
  }
  return previous[b.length];
}

/** The only element of a list, or undefined when there are none or several (never guess). */
function only<T>(items: readonly T[]): T | undefined {
  return items.length === 1 ? items[0] : undefined;
}
