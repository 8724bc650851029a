/**
 * The command grammar of every channel: what a message to the bot asks for, once the platform has taken
 * its own markup off (Slack's <@U1>, Teams' <at>certstatus</at>). Slack's slash command, mentions and DMs,
 * Teams messages and the terminal all read words here, so "check example.com public" means the same
 * everywhere. A new command word goes here (and into the usage lines); the engine's own words (recheck, back, ...)
 * stay in engine/match.
 */
import { asCodedError } from '../../core/errors';
import { parseDomain } from '../../core/domain';
import { cleanPasted, pastedValue, unquote } from '../../core/pasted';
import { matchCommand } from '../../engine/match';
import { MAX_RECORD_VALUE } from './payload';

/** A one-shot diagnosis: what the card's buttons carry so that "Check again" asks the same question. */
export interface OneShotRequest {
  /** As the user typed it (the diagnosis parses it again, and its error names what they typed). */
  domain: string;
  /** The record value from the certificate console, when given. */
  expect?: string;
  /** Show it to everyone in the place (Slack's slash command answers only its user otherwise). */
  public: boolean;
  /** Where the CA wants the record, when the certificate service said (else `_dnsauth.{domain}`, TXT). */
  recordName?: string;
  recordType?: 'TXT' | 'CNAME';
}

export type Command =
  /** What the bot does (usage()); inside a conversation the channel passes `help` to it instead. */
  | { kind: 'help' }
  /** Nothing but the bot's name: start a conversation, or help with the open one. */
  | { kind: 'poke' }
  /** The guided conversation, with the domain when one was given (`troubleshoot example.com`). */
  | { kind: 'start'; domain?: string }
  | ({ kind: 'diagnose' } & OneShotRequest)
  /** Several names at once (`check a.com www.a.com`): one card, a section per name. */
  | { kind: 'diagnose-many'; domains: string[]; public: boolean }
  /** `cert:ID`, `certificate ID` or the id alone (`scs1590053258704`): every name of it, against the service's records. */
  | { kind: 'certificate'; id: string; public: boolean }
  /** Bad input: one line saying what to fix, shown to the one who typed it where the platform can. */
  | { kind: 'invalid'; message: string }
  /** Anything else: an answer (or an engine command such as "recheck") for the conversation. */
  | { kind: 'text'; text: string };

export interface GrammarContext {
  /** A conversation waits on an answer here: plain words are answers, only `check DOMAIN` is still a command. */
  conversationActive: boolean;
  /**
   * False where every message is a command (Slack's `/certstatus ...`): anything that is not a known word
   * is read as a domain to check, and gets the domain's error when it is not one.
   */
  freeText: boolean;
}

/** The bot's own name typed as a word ("certstatus example.com" in Teams without the @). */
const BOT_NAME = 'certstatus';
const CHECK_WORDS = new Set(['check', 'diagnose']);
const START_WORDS = new Set(['start', 'troubleshoot', 'guide']);
const PUBLIC_WORDS = new Set(['public', 'here', 'channel', 'share']);
/** The verification value the CA asks for starts with a 14-digit date-time stamp (maybe pasted in quotes). */
const RECORD_VALUE = /^["'`\u201c\u2018\u00ab]?\d{14}[^\s]*$/;
/** `cert:ID` in any case; the service says whether the id is one. */
const CERT_PREFIX = /^cert(?:ificate)?:(.+)$/i;
/** A certificate id alone, as the console shows it (scs + 13 digits or letters). */
const BARE_CERTIFICATE_ID = /^scs[a-z0-9]{13}$/i;
const CERTIFICATE_WORDS = new Set(['cert', 'certificate']);
/** Most names one card checks (a certificate's SANs are checked through `cert:ID`). */
export const MAX_NAMES = 20;

export const USAGE_LINE = 'Usage: check DOMAIN [RECORD-VALUE] [public]';

/** The one help text; `where` is the platform's line on how to reach the bot there (see its adapter). */
export function usage(where: string): string {
  return [...USAGE_LINES, where].join('\n');
}

const USAGE_LINES = [
  '*certstatus* finds out why an SSL certificate stays "Pending domain name verification".',
  '• `check example.com` checks DNS now and shows the cause. Add the record value from the certificate console (20261125093000...) to compare it, and `public` to show the answer to everyone here.',
  '• `check example.com www.example.com` checks several names at once: one card, the details of each a click away.',
  '• `cert:scs1590053258704` (or the certificate id alone) checks every name of a certificate against the record the certificate service holds, where this place may look certificates up.',
  '• `troubleshoot` (or just my name) goes through it step by step with me; anyone in the thread can answer.',
  '• `watches` lists what I am watching for you here, `unwatch` stops it.',
  '• `help`: this message.',
];

/** Removes Slack-style mentions (<@U123>, <@U123|name>) and collapses whitespace. */
export function stripMentions(text: string): string {
  return text.replace(/<@[A-Z0-9]+(\|[^>]*)?>/g, ' ').replace(/\s+/g, ' ').trim();
}

export function parseCommand(raw: string, context: GrammarContext): Command {
  // Invisible and no-break characters from a paste, removed as for the CLI (dns/pasted.ts).
  const text = stripMentions(cleanPasted(raw));
  let words = text.split(' ').filter(Boolean);
  if (words[0]?.toLowerCase() === BOT_NAME) words = words.slice(1);
  const first = words[0]?.toLowerCase();

  if (!first) return { kind: 'poke' };
  const rest = words.join(' ');
  if (first === 'help' && words.length === 1 && !(context.conversationActive && context.freeText)) return { kind: 'help' };
  if (first === 'check' && words.length === 1) {
    // Alone, "check" is the engine's re-check of the conversation here; without one it lacks its domain.
    return context.conversationActive ? { kind: 'text', text: rest } : { kind: 'invalid', message: 'Give a domain name, for example check example.com.' };
  }
  // The engine's own words ("check again", "start over") are for the conversation, not a domain to check.
  if (context.freeText && matchCommand(rest)) return { kind: 'text', text: rest };
  const certificate = certificateCommand(words, context);
  if (certificate) return certificate;
  if (CHECK_WORDS.has(first) && words.length > 1) return diagnose(words.slice(1));
  if (context.conversationActive && context.freeText) return { kind: 'text', text: rest };
  if (START_WORDS.has(first) && words.length === 1) return { kind: 'start' };
  if (START_WORDS.has(first) && words.length === 2 && looksLikeDomain(words[1] ?? '')) return start(words[1] ?? '');
  if (looksLikeDomain(first) || !context.freeText) return diagnose(words);
  return { kind: 'text', text: rest };
}

/** True when the words are one of the engine's commands ("recheck", "restart", "watches", ...). */
export function isConversationCommand(text: string): boolean {
  return matchCommand(stripMentions(text)) !== undefined;
}

/** "watches" or "unwatch": these also reach a place whose only link to the bot is a watch (a one-shot card's). */
export function isWatchListOrCancel(text: string): boolean {
  const command = matchCommand(stripMentions(text));
  return command === 'watches' || command === 'unwatch';
}

/** The flow keeps domains in their ASCII form, as its own domain question does. */
function start(domain: string): Command {
  try {
    return { kind: 'start', domain: parseDomain(domain).ascii };
  } catch (error) {
    return { kind: 'invalid', message: asCodedError(error).message };
  }
}

/**
 * `cert:ID`, `cert ID`, `certificate ID`, the id alone, each maybe after `check` and before `public`. A bare
 * id is a command only where it cannot be an answer to an open question.
 */
function certificateCommand(words: string[], context: GrammarContext): Command | undefined {
  const afterCheck = CHECK_WORDS.has(words[0]?.toLowerCase() ?? '') ? words.slice(1) : words;
  const [first = '', ...rest] = afterCheck;
  let id: string | undefined;
  let others = rest;
  const prefixed = CERT_PREFIX.exec(first);
  if (prefixed) id = prefixed[1];
  else if (CERTIFICATE_WORDS.has(first.toLowerCase()) && rest[0]) [id, ...others] = rest;
  else if (BARE_CERTIFICATE_ID.test(first) && (afterCheck !== words || !(context.conversationActive && context.freeText))) id = first;
  if (id === undefined) return undefined;
  const unknown = others.filter((word) => !PUBLIC_WORDS.has(word.toLowerCase()));
  if (unknown.length) return { kind: 'invalid', message: `I did not understand "${unknown.join(' ')}" after the certificate id. ${USAGE_LINE}` };
  return { kind: 'certificate', id, public: others.length > 0 };
}

function diagnose(words: string[]): Command {
  const [domain, ...afterDomain] = words;
  if (!domain) return { kind: 'invalid', message: USAGE_LINE };
  // Further names: words that look like a domain and are no record value.
  const names = afterDomain.filter((word) => !RECORD_VALUE.test(word) && !PUBLIC_WORDS.has(word.toLowerCase()) && looksLikeDomain(word));
  if (names.length) return diagnoseMany([domain, ...names], afterDomain.filter((word) => !names.includes(word)));
  const rest = afterDomain;
  const values = rest.filter((word) => RECORD_VALUE.test(word));
  const unknown = rest.filter((word) => !PUBLIC_WORDS.has(word.toLowerCase()) && !RECORD_VALUE.test(word));
  if (unknown.length || values.length > 1) {
    const what = unknown.length ? `I did not understand "${unknown.join(' ')}"` : 'Give one record value';
    return { kind: 'invalid', message: `${what}. ${USAGE_LINE}` };
  }
  try {
    parseDomain(domain);
  } catch (error) {
    return { kind: 'invalid', message: asCodedError(error).message };
  }
  const cleaned = unquote(cleanPasted(values[0]));
  if (cleaned.length > MAX_RECORD_VALUE) {
    return { kind: 'invalid', message: `That record value is ${cleaned.length} characters long; the value from the certificate console is at most ${MAX_RECORD_VALUE}. Paste it again. ${USAGE_LINE}` };
  }
  // The same cleaning as the CLI's --expect (core/pasted.ts): quotes, invisible characters, TXT strings.
  const expect = pastedValue(values[0]);
  return { kind: 'diagnose', domain, ...(expect ? { expect } : {}), public: rest.some((word) => PUBLIC_WORDS.has(word.toLowerCase())) };
}

function diagnoseMany(domains: string[], rest: string[]): Command {
  if (rest.some((word) => RECORD_VALUE.test(word))) {
    return { kind: 'invalid', message: 'A record value goes with one name (check DOMAIN VALUE); for several names leave the values out, or give the certificate id (cert:ID) to compare each with its own.' };
  }
  const unknown = rest.filter((word) => !PUBLIC_WORDS.has(word.toLowerCase()));
  if (unknown.length) return { kind: 'invalid', message: `I did not understand "${unknown.join(' ')}". ${USAGE_LINE}` };
  if (domains.length > MAX_NAMES) return { kind: 'invalid', message: `Give at most ${MAX_NAMES} names at once (you gave ${domains.length}).` };
  for (const domain of domains) {
    try {
      parseDomain(domain);
    } catch (error) {
      return { kind: 'invalid', message: asCodedError(error).message };
    }
  }
  const unique = domains.filter((domain, index) => domains.findIndex((d) => d.toLowerCase() === domain.toLowerCase()) === index);
  if (unique.length === 1) return { kind: 'diagnose', domain: unique[0] ?? '', public: rest.length > 0 };
  return { kind: 'diagnose-many', domains: unique, public: rest.length > 0 };
}

/** A dot, a URL or a Slack link: the user meant a domain (maybe a bad one, which then gets its error). */
function looksLikeDomain(word: string): boolean {
  return word.includes('.') || word.startsWith('<http') || /^[a-z]+:\/\//.test(word);
}
