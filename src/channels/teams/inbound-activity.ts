/**
 * Reads a POST /api/messages body into a Bot Framework activity, with the checks CloudAdapter.process makes
 * (a JSON object with a string type) and botbuilder's validateAndFixActivity date fix-up, which its package
 * does not export.
 */
import type { IncomingMessage } from 'node:http';
import type { Activity } from 'botbuilder';

/** Bot Framework activities are small; anything this large is not one. */
const MAX_BODY_BYTES = 1024 * 1024;
const NOT_AN_ACTIVITY = 'Expected a Bot Framework activity as a JSON object.';

export type InboundActivity = { ok: true; activity: Activity } | { ok: false; status: number; message: string };

export async function readInboundActivity(req: IncomingMessage): Promise<InboundActivity> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return { ok: false, status: 413, message: 'Activity too large.' };
    chunks.push(chunk as Buffer);
  }
  let value: unknown;
  try {
    value = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    return { ok: false, status: 400, message: NOT_AN_ACTIVITY };
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) return { ok: false, status: 400, message: NOT_AN_ACTIVITY };
  const fields = value as Record<string, unknown>;
  // process throws on a non-string type and answers 400 to an empty one; both are bad input.
  if (typeof fields.type !== 'string' || !fields.type) return { ok: false, status: 400, message: 'Expected a Bot Framework activity with a type.' };
  const problem = activityProblem(fields);
  if (problem) return { ok: false, status: 400, message: `Not a Bot Framework activity: ${problem}.` };
  return { ok: true, activity: withDates(fields) };
}

const isObject = (value: unknown) => value !== null && typeof value === 'object' && !Array.isArray(value);
const optional = (value: unknown, check: (value: unknown) => boolean) => value === undefined || value === null || check(value);

/**
 * What the turn and the reply need, checked before botbuilder sees the activity (it would throw a
 * TypeError deep inside instead): a conversation to answer in, an http(s) service URL to answer through,
 * and fields of the types the Bot Framework schema gives them.
 */
function activityProblem(fields: Record<string, unknown>): string | undefined {
  const conversation = fields.conversation as Record<string, unknown> | undefined;
  if (!isObject(conversation) || typeof conversation!.id !== 'string' || !conversation!.id) return 'it has no conversation id';
  if (typeof fields.serviceUrl !== 'string' || !isHttpUrl(fields.serviceUrl)) return 'its serviceUrl is not an http or https URL';
  if (!optional(fields.text, (text) => typeof text === 'string')) return 'its text is not a string';
  for (const field of ['id', 'replyToId', 'channelId', 'textFormat', 'locale']) {
    if (!optional(fields[field], (value) => typeof value === 'string')) return `its ${field} is not a string`;
  }
  for (const field of ['from', 'recipient', 'channelData']) {
    if (!optional(fields[field], isObject)) return `its ${field} is not an object`;
  }
  for (const field of ['entities', 'attachments', 'membersAdded', 'membersRemoved']) {
    if (!optional(fields[field], Array.isArray)) return `its ${field} is not a list`;
  }
  return undefined;
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

/** True for a service URL on this machine (127.0.0.0/8, ::1, localhost): all the emulator mode posts to. */
export function isLoopbackUrl(text: string): boolean {
  try {
    const host = new URL(text).hostname.replace(/^\[|\]$/g, '');
    return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
  } catch {
    return false;
  }
}

/** As validateAndFixActivity: the wire's date strings become Dates, the raw strings are kept beside them. */
function withDates(fields: Record<string, unknown>): Activity {
  for (const [field, raw] of [['timestamp', 'rawTimestamp'], ['expiration', 'rawExpiration'], ['localTimestamp', 'rawLocalTimestamp']]) {
    const value = fields[field];
    if (typeof value === 'string') {
      fields[raw] = value;
      fields[field] = new Date(value);
    }
  }
  return fields as unknown as Activity;
}
