/**
 * What a user asked for, from the text of `/certstatus ...`, a mention or a DM. The same words work in all
 * three, since Slack does not allow slash commands in threads and agents triage there.
 */
import { asCodedError } from '../../core/errors';
import { parseDomain } from '../../dns/domain';

/** A one-shot diagnosis request, carried by the card's buttons so re-check asks the same question. */
export interface OneShot {
  domain: string;
  expect?: string;
  public: boolean;
}

export type Intent =
  | { kind: 'help' }
  /** Start the guided conversation. */
  | { kind: 'start' }
  /** One-shot diagnosis; `domain` as the user typed it, `expect` the record value when given. */
  | ({ kind: 'diagnose' } & OneShot)
  /** Bad input: the same one-line message as the CLI, shown only to the user who typed it. */
  | { kind: 'invalid'; message: string }
  /** Anything else: an answer for a conversation. */
  | { kind: 'text'; text: string };

const PUBLIC_WORDS = new Set(['public', 'here', 'channel', 'share']);
const START_WORDS = new Set(['start', 'troubleshoot', 'guide']);
/** The verification value the CA asks for starts with a 14-digit date-time stamp (maybe pasted in quotes). */
const RECORD_VALUE = /^["'\u201c]?\d{14}[^\s]*$/;

export const USAGE = [
  '*certstatus* finds out why an SSL certificate stays "Pending domain name verification".',
  '• `/certstatus example.com` checks DNS and shows the cause to you only; add `public` to post it in the channel, and the record value from the certificate console (20261125093000...) to compare it.',
  '• `/certstatus` starts the step-by-step troubleshooting in a direct message with me.',
  '• In a channel, mention me in a thread: `@certstatus check example.com`, or just `@certstatus` to troubleshoot there together; anyone in the thread can answer.',
  '• In a direct message, type a domain to check it, or anything else to start.',
].join('\n');

/** Slack wraps mentions as <@U123> and links as <http://x|x>; mentions are removed, links kept. */
export function stripMentions(text: string): string {
  return text.replace(/<@[A-Z0-9]+(\|[^>]*)?>/g, ' ').replace(/\s+/g, ' ').trim();
}

/**
 * `conversationActive`: the place already has a conversation waiting on an answer, so plain words are
 * answers rather than commands (only `check DOMAIN` and an explicit `help` are still commands then).
 */
export function parseIntent(raw: string, options: { conversationActive: boolean; allowText: boolean }): Intent {
  const text = stripMentions(raw);
  const words = text.split(' ').filter(Boolean);
  const first = words[0]?.toLowerCase();

  if (!first) return { kind: 'start' };
  if (first === 'help' && words.length === 1 && !options.conversationActive) return { kind: 'help' };
  if (first === 'check') return diagnose(words.slice(1), true);
  if (options.conversationActive && options.allowText) return { kind: 'text', text };
  if (START_WORDS.has(first) && words.length === 1) return { kind: 'start' };
  if (looksLikeDomain(first) || !options.allowText) return diagnose(words, false);
  return { kind: 'text', text };
}

function diagnose(words: string[], explicit: boolean): Intent {
  const [domain, ...rest] = words;
  if (!domain) return { kind: 'invalid', message: explicit ? 'Give a domain name, for example check example.com.' : USAGE };
  const values = rest.filter((word) => RECORD_VALUE.test(word));
  const unknown = rest.filter((word) => !PUBLIC_WORDS.has(word.toLowerCase()) && !RECORD_VALUE.test(word));
  if (unknown.length || values.length > 1) {
    const what = unknown.length ? `I did not understand "${unknown.join(' ')}"` : 'Give one record value';
    return { kind: 'invalid', message: `${what}. Usage: /certstatus DOMAIN [RECORD-VALUE] [public]` };
  }
  try {
    parseDomain(domain);
  } catch (error) {
    return { kind: 'invalid', message: asCodedError(error).message };
  }
  const expect = values[0]?.replace(/^["'\u201c]|["'\u201d]$/g, '');
  return { kind: 'diagnose', domain, ...(expect ? { expect } : {}), public: rest.some((word) => PUBLIC_WORDS.has(word.toLowerCase())) };
}

/** A dot, a URL or a Slack link: the user meant a domain (maybe a bad one, which then gets its error). */
function looksLikeDomain(word: string): boolean {
  return word.includes('.') || word.startsWith('<http') || /^[a-z]+:\/\//.test(word);
}
