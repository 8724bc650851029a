/**
 * A diagnosis as an Adaptive Card: the cause, its summary, the numbered procedure, warnings, and the
 * evidence in small print, with the engine's buttons (Re-check, Troubleshoot, Notify me when it takes effect...).
 */
import type { Attachment } from 'botbuilder';
import type { ActionButton, CauseReply } from '../../../engine/replies';
import type { Evidence } from '../../../core/checks';
import { evidenceText } from '../../../engine/evidence-text';
import { cardPayload, encodePayload, type CardTarget } from '../../kit/payload';
import { adaptiveCard, heading, submitData, textBlock, type CardAction, type CardElement } from './adaptive';

function evidenceLine(evidence: Evidence): string {
  return `• ${evidenceText(evidence)}`;
}

/** `target`: where the buttons lead (a one-shot card carries its domain, so they work without a conversation). */
export function causeCard(cause: CauseReply, target: CardTarget): Attachment {
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
  const actions: CardAction[] = cause.actions.map((action: ActionButton) => ({
    type: 'Action.Submit',
    title: action.label,
    data: submitData(encodePayload(cardPayload(action.id, target, cause.causeId))),
  }));
  return adaptiveCard(body, actions);
}
