/**
 * What a button carries, on every platform: a Slack button's `value` and a Teams Action.Submit's `data`
 * hold the same encoded string. Buttons stay clickable forever and come back from the chat client, so each
 * says everything needed to act on it later without server memory, and decoding checks every field: a
 * forged, foreign or truncated value decodes to undefined, never to a half-trusted object.
 *
 * Version 1 is `cs1:` + JSON. Buttons posted before it (Slack's bare JSON, Teams' `certstatus: 'choice'`
 * objects) still decode, through the same checks.
 */
import type { ActionId } from '../../engine/replies';

/** An answer button of a question. */
export interface ChoicePayload {
  kind: 'choice';
  /** The conversation key, where the platform cannot tell it from the click (Slack). */
  key?: string;
  /** Question id (node#turn): a click on an earlier asking is stale. */
  question: string;
  choice: string;
}

/** A cause card button. On a conversation's card it acts on the conversation; on a one-shot card on `domain`. */
export interface CardPayload {
  kind: 'card';
  action: ActionId;
  key?: string;
  /** One-shot cards: the domain diagnosed, the record value compared with, whether it was shown to all. */
  domain?: string;
  expect?: string;
  public?: true;
  /** A one-shot card's watch button: the cause the card showed, which the watch waits to change. */
  cause?: string;
}

export type ActionPayload = ChoicePayload | CardPayload;

/** Where a card's buttons lead: a conversation (by key) or a one-shot diagnosis (by domain). */
export type CardTarget = { key: string } | { domain: string; expect?: string; public?: boolean };

/**
 * The longest record value a button carries: one TXT string (255 characters). The grammar refuses longer
 * values, so a button never holds raw input of any length.
 */
export const MAX_RECORD_VALUE = 255;

/** The payload of a cause card's button on every platform. */
export function cardPayload(action: ActionId, target: CardTarget, causeId: string): CardPayload {
  if ('key' in target) return { kind: 'card', action, key: target.key };
  return {
    kind: 'card',
    action,
    domain: target.domain,
    ...(target.expect && target.expect.length <= MAX_RECORD_VALUE ? { expect: target.expect } : {}),
    ...(target.public ? { public: true as const } : {}),
    // A one-shot watch has no conversation to remember what it waits on: the button says it.
    ...(action === 'watch' ? { cause: causeId } : {}),
  };
}

export const PAYLOAD_VERSION = 'cs1:';
/**
 * Slack allows 2000 characters in a button value. Ours hold a conversation key, or an ASCII domain (at most
 * 253), a record value (at most 255) and a cause id, so they stay far below it.
 */
export const MAX_ENCODED = 2000;
const MAX_FIELD = 512;

const ACTION_IDS = ['recheck', 'troubleshoot', 'restart', 'handoff', 'watch', 'details'] as const satisfies readonly ActionId[];
/** Fails to compile when the engine offers an action this list (and so the decoder) does not know. */
const EVERY_ACTION_KNOWN: Exclude<ActionId, (typeof ACTION_IDS)[number]> extends never ? true : never = true;
void EVERY_ACTION_KNOWN;

export function isActionId(value: unknown): value is ActionId {
  return typeof value === 'string' && (ACTION_IDS as readonly string[]).includes(value);
}

export function encodePayload(payload: ActionPayload): string {
  const wire: Record<string, unknown> =
    payload.kind === 'choice'
      ? { t: 'q', k: payload.key, q: payload.question, c: payload.choice }
      : { t: 'a', a: payload.action, k: payload.key, d: payload.domain, e: payload.expect, p: payload.public ? 1 : undefined, x: payload.cause };
  return PAYLOAD_VERSION + JSON.stringify(wire);
}

/**
 * Reads a button value back: a Slack `value` string, or a Teams submit `value` object (`{ certstatus: string }`,
 * or the older `{ certstatus: 'choice' | 'action', ... }`). Anything else is not ours: undefined.
 */
export function decodePayload(raw: unknown): ActionPayload | undefined {
  if (typeof raw === 'string') return decodeString(raw);
  const fields = record(raw);
  if (!fields) return undefined;
  if (typeof fields.certstatus === 'string' && fields.certstatus.startsWith(PAYLOAD_VERSION)) return decodeString(fields.certstatus);
  return legacyTeams(fields);
}

function decodeString(raw: string): ActionPayload | undefined {
  if (raw.length > MAX_ENCODED) return undefined;
  if (raw.startsWith(PAYLOAD_VERSION)) {
    const wire = parseJson(raw.slice(PAYLOAD_VERSION.length));
    if (!wire) return undefined;
    if (wire.t === 'q') return choice(wire.k, wire.q, wire.c);
    if (wire.t === 'a') return card({ action: wire.a, key: wire.k, domain: wire.d, expect: wire.e, public: wire.p, cause: wire.x });
    return undefined;
  }
  // Slack buttons posted before version 1: `{k,q,c}` for a choice, `{a,k}` or `{a,d,e,pub,c}` for a card.
  const old = parseJson(raw);
  if (!old) return undefined;
  if ('q' in old) return choice(old.k, old.q, old.c, true);
  if (old.k === undefined && old.d === undefined) return undefined;
  return card({ action: old.a, key: old.k, domain: old.d, expect: old.e, public: old.pub === true ? 1 : undefined, cause: old.c });
}

/** Teams cards posted before version 1. */
function legacyTeams(data: Record<string, unknown>): ActionPayload | undefined {
  if (data.certstatus === 'choice') return choice(undefined, data.questionId, data.choiceId);
  if (data.certstatus === 'action') return card({ action: data.action, domain: data.domain, expect: data.expect, cause: data.cause });
  return undefined;
}

function choice(key: unknown, question: unknown, choiceId: unknown, keyRequired = false): ChoicePayload | undefined {
  if (!optionalText(key) || (keyRequired && key === undefined) || !text(question) || !text(choiceId)) return undefined;
  return { kind: 'choice', ...(key !== undefined ? { key } : {}), question, choice: choiceId };
}

interface CardFields {
  action: unknown;
  key?: unknown;
  domain?: unknown;
  expect?: unknown;
  public?: unknown;
  cause?: unknown;
}

function card(fields: CardFields): CardPayload | undefined {
  const { action, key, domain, expect, cause } = fields;
  if (!isActionId(action) || !optionalText(key) || !optionalText(domain) || !optionalText(expect) || !optionalText(cause)) return undefined;
  if (fields.public !== undefined && fields.public !== 1) return undefined;
  return {
    kind: 'card',
    action,
    ...(key !== undefined ? { key } : {}),
    ...(domain !== undefined ? { domain } : {}),
    ...(expect !== undefined ? { expect } : {}),
    ...(fields.public === 1 ? { public: true as const } : {}),
    ...(cause !== undefined ? { cause } : {}),
  };
}

function text(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_FIELD;
}

function optionalText(value: unknown): value is string | undefined {
  return value === undefined || text(value);
}

function record(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function parseJson(raw: string): Record<string, unknown> | undefined {
  try {
    return record(JSON.parse(raw));
  } catch {
    // A button from another app or a truncated value: not ours to act on.
    return undefined;
  }
}
