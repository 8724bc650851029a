/**
 * A diagnosis as an Adaptive Card: the cause, its summary, the numbered procedure, warnings, and the
 * evidence in small print, with the engine's buttons (Re-check, Troubleshoot, Notify me when it takes effect...).
 */
import type { Attachment } from 'botbuilder';
import type { ActionButton, CauseReply, Evidence } from '../../../engine/replies';
import { evidenceText } from '../../../engine/evidence-text';
import type { ActionSubmit } from '../card-data';
import { adaptiveCard, heading, textBlock, type CardAction, type CardElement } from './adaptive';

/** Where the card came from: a one-shot diagnosis carries its domain, so its buttons work without a conversation. */
export interface CauseCardContext {
  domain?: string;
  expect?: string;
}

function evidenceLine(evidence: Evidence): string {
  return `• ${evidenceText(evidence)}`;
}

export function causeCard(cause: CauseReply, context: CauseCardContext = {}): Attachment {
  const body: CardElement[] = [heading(cause.title)];
  if (cause.summary) body.push(textBlock(cause.summary));
  if (cause.procedure.length) {
    body.push(textBlock('What to do', { weight: 'Bolder', spacing: 'Medium' }));
    cause.procedure.forEach((step, index) => body.push(textBlock(`${index + 1}. ${step}`, { spacing: 'Small' })));
  }
  if (cause.after) body.push(textBlock(cause.after, { isSubtle: true, spacing: 'Medium' }));
  for (const warning of cause.warnings) body.push(textBlock(`⚠️ ${warning}`, { color: 'Attention' }));
  if (cause.evidence.length) {
    body.push(textBlock('Evidence', { weight: 'Bolder', size: 'Small', spacing: 'Medium' }));
    for (const evidence of cause.evidence) body.push(textBlock(evidenceLine(evidence), { size: 'Small', isSubtle: true, spacing: 'None' }));
  }
  // Every action the engine offers works here (`watch` is offered only when a watch scheduler runs).
  const actions: CardAction[] = cause.actions.map((action: ActionButton) => {
    const data: ActionSubmit = { certstatus: 'action', action: action.id, ...oneShotData(action, cause, context) };
    return { type: 'Action.Submit', title: action.label, data };
  });
  return adaptiveCard(body, actions);
}

/** What a one-shot card's button needs to act without a conversation; nothing on a conversation's card. */
function oneShotData(action: ActionButton, cause: CauseReply, context: CauseCardContext): Partial<ActionSubmit> {
  if (!context.domain) return {};
  return {
    domain: context.domain,
    ...(context.expect ? { expect: context.expect } : {}),
    ...(action.id === 'watch' ? { cause: cause.causeId } : {}),
  };
}
