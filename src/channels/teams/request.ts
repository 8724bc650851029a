/**
 * What a Teams message asks for, once the bot's @mention is stripped: a one-shot diagnosis
 * (`certstatus example.com`, `check example.com`), help, a guided conversation (`troubleshoot`), a card
 * button, or plain text for the conversation.
 */
import { TurnContext, type Activity } from 'botbuilder';
import type { Input } from '../../engine/inputs';
import type { Participant } from '../../engine/replies';
import { parseCardSubmit, type ActionSubmit } from './card-data';

export type TeamsRequest =
  | { kind: 'diagnose'; domain: string; expect?: string }
  | { kind: 'help' }
  /** A bare @mention: start a conversation, or help with the current question. */
  | { kind: 'poke'; by: Participant }
  | { kind: 'input'; input: Input }
  | { kind: 'action'; submit: ActionSubmit; by: Participant }
  | { kind: 'ignore' };

const DIAGNOSE = /^(?:certstatus|check)\s+(\S+)(?:\s+(\S+))?\s*$/i;
const TROUBLESHOOT = /^(?:troubleshoot|certstatus)(?:\s+(\S+))?\s*$/i;

export function participantOf(activity: Partial<Activity>): Participant {
  const from = activity.from;
  // The AAD object id is stable across chats; the channel account id differs per bot and tenant.
  return { id: from?.aadObjectId ?? from?.id ?? 'unknown', ...(from?.name ? { name: from.name } : {}) };
}

/** The message text without the bot's @mention and without Teams markup left around it. */
export function messageText(activity: Partial<Activity>): string {
  const text = activity.text ? TurnContext.removeRecipientMention(activity) ?? activity.text : '';
  return text
    .replace(/<at>[^<]*<\/at>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/gi, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export function parseRequest(activity: Partial<Activity>): TeamsRequest {
  const by = participantOf(activity);
  const submit = parseCardSubmit(activity.value);
  if (submit?.certstatus === 'choice') {
    return { kind: 'input', input: { type: 'choice', questionId: submit.questionId, choiceId: submit.choiceId, by } };
  }
  if (submit?.certstatus === 'action') return { kind: 'action', submit, by };

  // removeRecipientMention rewrites activity.text, so look at the raw text first.
  const hadText = Boolean(activity.text?.trim());
  const text = messageText(activity);
  if (!text) return hadText ? { kind: 'poke', by } : { kind: 'ignore' };
  if (/^help$/i.test(text)) return { kind: 'help' };
  const diagnose = DIAGNOSE.exec(text);
  if (diagnose) return { kind: 'diagnose', domain: diagnose[1], ...(diagnose[2] ? { expect: diagnose[2] } : {}) };
  const troubleshoot = TROUBLESHOOT.exec(text);
  if (troubleshoot) {
    return { kind: 'input', input: { type: 'start', ...(troubleshoot[1] ? { vars: { domain: troubleshoot[1] } } : {}), by } };
  }
  return { kind: 'input', input: { type: 'text', text, by } };
}
