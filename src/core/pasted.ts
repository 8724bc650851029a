/**
 * Input as people paste it, cleaned once for every entry point (the CLI's arguments and `--expect`, the
 * channel kit's command grammar, the DNS check runner, the diagnosis itself). Copying from a console, a
 * mail or a chat brings quotes, zero-width and no-break characters, the record's name instead of the
 * domain, a URL or `host:port`. Domain names themselves are parsed in domain.ts, which uses this.
 */
import { CertstatusError, ErrorCode } from './errors';

/** Zero-width characters, the BOM, soft hyphens and bidi marks: invisible when pasted, never part of a name or value. */
const INVISIBLE = /[\u00ad\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\ufeff]/g;
/** No-break and other typographic spaces, read as plain spaces. */
const ODD_SPACES = /[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]/g;
/** Quotes that surround a pasted value, straight, typographic or backticks. */
const QUOTE_PAIR = /^(["'`\u201c\u201d\u2018\u2019\u00ab\u00bb])([\s\S]*)(["'`\u201c\u201d\u2018\u2019\u00ab\u00bb])$/;

/** The longest verification value accepted: one TXT character-string (RFC 1035 s3.3.14) is 255 octets. */
export const MAX_VALUE_LENGTH = 255;

/** Removes invisible characters and turns odd spaces into plain ones, then trims. */
export function cleanPasted(raw: string | undefined): string {
  return (raw ?? '').replace(INVISIBLE, '').replace(ODD_SPACES, ' ').trim();
}

/** Removes surrounding quote pairs (`"v"`, `“v”`, `'"v"'`), trimming inside each. */
export function unquote(text: string): string {
  let value = text;
  for (let match = QUOTE_PAIR.exec(value); match; match = QUOTE_PAIR.exec(value)) value = (match[2] ?? '').trim();
  return value;
}

/**
 * The expected record value as pasted: invisible characters, surrounding spaces and quotes removed; TXT
 * presentation of several strings (`"abc" "def"`) joined, as the CA reads them. Undefined when nothing is
 * left (the value was not given); a value longer than any verification value is refused.
 */
export function pastedValue(raw: string | undefined): string | undefined {
  let value = cleanPasted(raw);
  const strings = /^"[^"]*"(?:\s+"[^"]*")+$/.test(value) ? value.match(/"([^"]*)"/g) : null;
  if (strings) value = strings.map((s) => s.slice(1, -1)).join('');
  value = unquote(value);
  if (!value) return undefined;
  if (value.length > MAX_VALUE_LENGTH) {
    throw new CertstatusError(ErrorCode.Usage, `The record value is ${value.length} characters long; a verification value has at most ${MAX_VALUE_LENGTH}: paste only the Value field from the certificate console.`);
  }
  return value;
}

/** As pastedValue, but an empty value is an error: it was given explicitly (`--expect ""`). */
export function requiredValue(raw: string | undefined, what = 'The record value'): string {
  const value = pastedValue(raw);
  if (value === undefined) throw new CertstatusError(ErrorCode.Usage, `${what} is empty: give the value from the certificate console (it starts with 14 digits), or leave it out.`);
  return value;
}

/** Scripts a label may mix under UTS #39's "highly restrictive" level (with Common and Inherited characters). */
const SCRIPTS = ['Latin', 'Cyrillic', 'Greek', 'Armenian', 'Georgian', 'Hebrew', 'Arabic', 'Thai', 'Devanagari', 'Hangul', 'Han', 'Hiragana', 'Katakana', 'Bopomofo'] as const;
const SCRIPT_RE = Object.fromEntries(SCRIPTS.map((s) => [s, new RegExp(`\\p{Script=${s}}`, 'u')])) as Record<(typeof SCRIPTS)[number], RegExp>;
const ALLOWED_MIXES = [
  ['Latin', 'Han', 'Hiragana', 'Katakana'],
  ['Latin', 'Han', 'Bopomofo'],
  ['Latin', 'Han', 'Hangul'],
];
const COMMON = /[\p{Script=Common}\p{Script=Inherited}]/u;

function scriptOf(char: string): string {
  if (COMMON.test(char)) return '';
  return SCRIPTS.find((s) => SCRIPT_RE[s].test(char)) ?? 'another script';
}

/**
 * A warning when a label of the (Unicode) name mixes scripts, as a Cyrillic "а" in "exаmple.com" does
 * (UTS #39 s5.2, highly restrictive): the name looks like another one and is probably not meant.
 */
export function mixedScriptWarning(unicodeName: string): string | undefined {
  for (const label of unicodeName.split('.')) {
    const chars = [...label];
    const scripts = [...new Set(chars.map(scriptOf).filter(Boolean))];
    if (scripts.length < 2 || ALLOWED_MIXES.some((mix) => scripts.every((s) => mix.includes(s)))) continue;
    const minority = scripts.map((s) => ({ s, chars: chars.filter((c) => scriptOf(c) === s) })).sort((a, b) => a.chars.length - b.chars.length)[0];
    const shown = [...new Set(minority.chars)].map((c) => `"${c}" (U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')})`).join(', ');
    return `"${unicodeName}" mixes ${scripts.join(' and ')} letters in "${label}": ${shown} ${minority.chars.length === 1 ? 'is' : 'are'} ${minority.s}. It looks like another name; check that this is the domain on the certificate.`;
  }
  return undefined;
}
