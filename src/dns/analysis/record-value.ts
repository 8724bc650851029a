/**
 * Reading and comparing verification record values. A value such as `20261125093000k7q2m9...` starts with a
 * 14-digit UTC date-time stamp (YYYYMMDDhhmmss) followed by random characters; the stamp tells an old
 * certificate's record from the current one, and a close comparison tells a typo from a different value.
 */
import { distance } from 'fastest-levenshtein';

const STAMP = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})/;
/** Outside these years a leading run of digits is random characters, not a stamp. */
const FIRST_YEAR = 2000;
const LAST_YEAR = 2099;

/** Surrounding whitespace and quotes are ignored so a record pasted with quotes still shows its age. */
export function parseStamp(value: string): Date | undefined {
  const match = STAMP.exec(value.trim().replace(/^["'\\]+/, ''));
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number);
  if (year < FIRST_YEAR || year > LAST_YEAR) return undefined;
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  // Date.UTC rolls 31 February into March; a round trip catches that and hour 24, minute 60 and so on.
  const valid =
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day &&
    date.getUTCHours() === hour &&
    date.getUTCMinutes() === minute &&
    date.getUTCSeconds() === second;
  return valid ? date : undefined;
}

/** A TXT record is one or more character-strings; verifiers read them joined with nothing between. */
export function normaliseTxt(strings: string[]): string {
  return strings.join('');
}

const DAY_MS = 86_400_000;

/**
 * True when `actual` is from an earlier certificate: its stamp is older than the expected value's, or, with
 * no usable expected stamp, older than `staleAfterDays`. A value without a stamp is never called older.
 */
export function isOlderValue(actual: string, expected: string | undefined, now: Date, staleAfterDays = 14): boolean {
  const actualStamp = parseStamp(actual);
  if (!actualStamp) return false;
  const expectedStamp = expected === undefined ? undefined : parseStamp(expected);
  if (expectedStamp) return actualStamp.getTime() < expectedStamp.getTime();
  return now.getTime() - actualStamp.getTime() > staleAfterDays * DAY_MS;
}

export type ValueComparison =
  | { kind: 'exact' }
  | { kind: 'quoted' | 'whitespace' | 'case' | 'typo' | 'truncated' | 'different'; detail: string };

/** Edits up to this many (and at most a tenth of the value) read as a typo rather than another value. */
const MAX_TYPO_EDITS = 3;

function shown(text: string): string {
  const short = text.length > 24 ? `${text.slice(0, 21)}...` : text;
  return `"${short}"`;
}

function characters(count: number): string {
  return `${count} character${count === 1 ? '' : 's'}`;
}

/** Where the two values part: the differing middle once the common start and end are set aside. */
function describeDifference(expected: string, actual: string): string {
  let start = 0;
  while (start < expected.length && start < actual.length && expected[start] === actual[start]) start += 1;
  let end = 0;
  while (
    end < expected.length - start &&
    end < actual.length - start &&
    expected[expected.length - 1 - end] === actual[actual.length - 1 - end]
  ) {
    end += 1;
  }
  const want = expected.slice(start, expected.length - end);
  const got = actual.slice(start, actual.length - end);
  const position = start + 1;
  if (want.length === 0) return `there is an extra ${shown(got)} at character ${position}`;
  if (got.length === 0) {
    return want.length === 1
      ? `character ${position} ("${want}") is missing`
      : `characters ${position} to ${position + want.length - 1} (${shown(want)}) are missing`;
  }
  if (want.length === 1 && got.length === 1) return `character ${position} is "${got}" where "${want}" is expected`;
  return `from character ${position}, ${shown(got)} stands where ${shown(want)} is expected`;
}

function compareCleaned(expected: string, actual: string): ValueComparison {
  if (actual === expected) return { kind: 'exact' };
  if (actual.length === 0) return { kind: 'different', detail: 'the value is empty' };
  if (actual.toLowerCase() === expected.toLowerCase()) {
    const differing = [...expected].map((char, index) => (actual[index] === char ? -1 : index)).filter((index) => index >= 0);
    const first = differing[0];
    const others = differing.length > 1 ? ` (${characters(differing.length)} differ only in upper/lower case)` : '';
    return { kind: 'case', detail: `character ${first + 1} is "${actual[first]}" where "${expected[first]}" is expected${others}` };
  }
  if (actual.length < expected.length && expected.startsWith(actual)) {
    const missing = expected.length - actual.length;
    return { kind: 'truncated', detail: `it is ${characters(missing)} shorter: the end ${shown(expected.slice(actual.length))} is missing` };
  }
  if (actual.length < expected.length && expected.endsWith(actual)) {
    const missing = expected.length - actual.length;
    return { kind: 'truncated', detail: `it is ${characters(missing)} shorter: the start ${shown(expected.slice(0, missing))} is missing` };
  }
  const edits = distance(expected, actual);
  if (edits <= MAX_TYPO_EDITS && edits <= Math.max(1, Math.floor(expected.length / 10))) {
    return { kind: 'typo', detail: describeDifference(expected, actual) };
  }
  return { kind: 'different', detail: describeDifferent(expected, actual) };
}

function describeDifferent(expected: string, actual: string): string {
  if (actual.length > expected.length && actual.startsWith(expected)) {
    return `it has ${characters(actual.length - expected.length)} too many at the end: ${shown(actual.slice(expected.length))}`;
  }
  const actualStamp = parseStamp(actual);
  const expectedStamp = parseStamp(expected);
  if (actualStamp && expectedStamp && actualStamp.getTime() !== expectedStamp.getTime()) {
    const when = (date: Date) => `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
    const age = actualStamp < expectedStamp ? 'older' : 'newer';
    return `it is a different value, from ${when(actualStamp)}, ${age} than the expected one from ${when(expectedStamp)}`;
  }
  return `it is a different value (${shown(actual)} instead of ${shown(expected)})`;
}

/** Leading and trailing quote marks, escaped or not, as left by pasting a zone-file value into a console. */
function stripQuotes(text: string): { text: string; leading: boolean; trailing: boolean } {
  const withoutLeading = text.replace(/^(?:\\?["'\u201c\u201d])+/, '');
  const stripped = withoutLeading.replace(/(?:\\?["'\u201c\u201d])+$/, '');
  return { text: stripped, leading: withoutLeading !== text, trailing: stripped !== withoutLeading };
}

/**
 * How `actual` (a record value as served) differs from `expected` (the value the CA asked for), in words a
 * user can act on. Quotes and spaces are looked at first; when they hide a further difference the kind is
 * that difference and the detail mentions both.
 */
export function compareValue(expected: string, actual: string): ValueComparison {
  if (actual === expected) return { kind: 'exact' };
  const trimmed = actual.trim();
  const quotes = stripQuotes(trimmed);
  const core = quotes.text.trim();
  // A value the CA generates never contains spaces, so spaces inside are always stray; keep them if it does.
  const compact = /\s/.test(expected) ? core : core.replace(/\s+/g, '');

  const cosmetic: string[] = [];
  if (quotes.leading && quotes.trailing) cosmetic.push('the value is wrapped in extra quotes');
  else if (quotes.leading) cosmetic.push('it has a stray quote mark at the start');
  else if (quotes.trailing) cosmetic.push('it has a stray quote mark at the end');
  if (trimmed !== actual || core !== quotes.text) cosmetic.push('it has extra spaces at the start or end');
  if (compact !== core) cosmetic.push(`it contains a space inside, at character ${core.search(/\s/) + 1}`);

  const rest = compareCleaned(expected, compact);
  if (cosmetic.length === 0) return rest;
  const quoted = quotes.leading || quotes.trailing;
  if (rest.kind === 'exact') return { kind: quoted ? 'quoted' : 'whitespace', detail: cosmetic.join('; ') };
  return { kind: rest.kind, detail: `${rest.detail}; also ${cosmetic.join('; ')}` };
}
