/**
 * What an Adaptive Card button sends back (Action.Submit `data`, arriving as the message activity's
 * `value`). Tagged with `certstatus` so values from other cards or apps are never mistaken for ours.
 */
import type { ActionId } from '../../engine/replies';

export interface ChoiceSubmit {
  certstatus: 'choice';
  questionId: string;
  choiceId: string;
}

export interface ActionSubmit {
  certstatus: 'action';
  action: ActionId;
  /** Set on one-shot diagnosis cards (no conversation behind them): what to re-check or troubleshoot. */
  domain?: string;
  /** One-shot cards: the record value the diagnosis compared with, when one was given. */
  expect?: string;
  /** A one-shot card's watch button: the cause the card showed, which the watch waits to change. */
  cause?: string;
}

export type CardSubmit = ChoiceSubmit | ActionSubmit;

const ACTIONS: readonly ActionId[] = ['recheck', 'troubleshoot', 'restart', 'handoff', 'watch'];

export function parseCardSubmit(value: unknown): CardSubmit | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const data = value as Record<string, unknown>;
  if (data.certstatus === 'choice' && typeof data.questionId === 'string' && typeof data.choiceId === 'string') {
    return { certstatus: 'choice', questionId: data.questionId, choiceId: data.choiceId };
  }
  if (data.certstatus === 'action' && ACTIONS.includes(data.action as ActionId)) {
    return {
      certstatus: 'action',
      action: data.action as ActionId,
      ...(typeof data.domain === 'string' ? { domain: data.domain } : {}),
      ...(typeof data.expect === 'string' ? { expect: data.expect } : {}),
      ...(typeof data.cause === 'string' ? { cause: data.cause } : {}),
    };
  }
  return undefined;
}
