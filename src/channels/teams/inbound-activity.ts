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
  return { ok: true, activity: withDates(fields) };
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
