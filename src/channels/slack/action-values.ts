/**
 * What a Slack button carries. Buttons stay clickable forever, so each one says everything needed to act on
 * it later without server memory: the conversation key, the question id and the choice (or, for a one-shot
 * diagnosis card, the domain). Slack allows 2000 characters in a value.
 */
import type { ActionId } from '../../engine/replies';

export const CHOICE_ACTION_PREFIX = 'certstatus_choice_';
export const CARD_ACTION_PREFIX = 'certstatus_action_';
export const CHOICE_ACTION = new RegExp(`^${CHOICE_ACTION_PREFIX}`);
export const CARD_ACTION = new RegExp(`^${CARD_ACTION_PREFIX}`);

export interface ChoiceValue {
  /** Conversation key. */
  k: string;
  /** Question id (node#turn). */
  q: string;
  /** Choice id. */
  c: string;
}

/**
 * A cause card button: on a conversation card it names the conversation, on a one-shot card the domain
 * (and, on its watch button, `c`: the cause the card showed, which the watch waits to change).
 */
export type CardValue = { a: ActionId; k: string } | { a: ActionId; d: string; e?: string; pub?: boolean; c?: string };

export function encode(value: ChoiceValue | CardValue): string {
  return JSON.stringify(value);
}

export function decodeChoice(raw: string | undefined): ChoiceValue | undefined {
  const value = parse(raw);
  return value && typeof value.k === 'string' && typeof value.q === 'string' && typeof value.c === 'string'
    ? { k: value.k, q: value.q, c: value.c }
    : undefined;
}

export function decodeCard(raw: string | undefined): CardValue | undefined {
  const value = parse(raw);
  if (!value || typeof value.a !== 'string') return undefined;
  const action = value.a as ActionId;
  if (typeof value.k === 'string') return { a: action, k: value.k };
  if (typeof value.d === 'string') {
    return {
      a: action,
      d: value.d,
      ...(typeof value.e === 'string' ? { e: value.e } : {}),
      ...(value.pub === true ? { pub: true } : {}),
      ...(typeof value.c === 'string' ? { c: value.c } : {}),
    };
  }
  return undefined;
}

function parse(raw: string | undefined): Record<string, unknown> | undefined {
  if (!raw) return undefined;
  try {
    const value: unknown = JSON.parse(raw);
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
  } catch {
    // A button from another app or an older version: not ours to act on.
    return undefined;
  }
}
