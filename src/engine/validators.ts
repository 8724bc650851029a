/** Checks and cleans free-text answers according to the input node's `validate` setting. */
import { parseDomain } from '../core/domain';
import { asCodedError } from '../core/errors';
import type { InputValidator } from '../flow/types';
import { say, type MessageSource } from './messages';

export type Validation = { ok: true; value: string } | { ok: false; message: string };

/** Removes one pair of matching quotes around a pasted value: "abc" or 'abc' or “abc”. */
function stripQuotes(text: string): string {
  const match = /^(["'\u201c\u2018])([\s\S]*)(["'\u201d\u2019])$/.exec(text);
  return match ? (match[2] ?? '').trim() : text;
}

export function validateAnswer(validator: InputValidator | undefined, raw: string, flow?: MessageSource): Validation {
  const text = (raw ?? '').trim();
  switch (validator) {
    case 'domain':
      try {
        return { ok: true, value: parseDomain(text).ascii };
      } catch (error) {
        return { ok: false, message: say(flow, 'invalidDomain', { why: asCodedError(error).message }) };
      }
    case 'record-value': {
      const value = stripQuotes(text);
      return value ? { ok: true, value } : { ok: false, message: say(flow, 'needRecordValue') };
    }
    default:
      return text ? { ok: true, value: text } : { ok: false, message: say(flow, 'needAnswer') };
  }
}
