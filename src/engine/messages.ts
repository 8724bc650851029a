/**
 * The sentences the engine itself says, looked up in the message catalogue (src/flow/messages.ts): the
 * flow's `messages:` override when it has one, else the default English. Pure, like the rest of the engine.
 */
import { MESSAGE_CATALOGUE, type MessageId, type MessageParams } from '../flow/messages';
import type { Flow } from '../flow/types';
import { fillTemplate } from './template';

/** Whatever carries a flow's message overrides (a flow, or nothing: the defaults). */
export type MessageSource = Pick<Flow, 'messages'> | undefined;

export function say<Id extends MessageId>(flow: MessageSource, id: Id, ...[params]: MessageParamsArg<Id>): string {
  const override = flow?.messages && Object.hasOwn(flow.messages, id) ? flow.messages[id] : undefined;
  const template = override ?? MESSAGE_CATALOGUE[id].text;
  const vars: Record<string, string> = {};
  for (const [name, value] of Object.entries((params ?? {}) as Record<string, string | number>)) vars[name] = String(value);
  return fillTemplate(template, vars);
}

/** Messages without parameters take none; the others require exactly theirs. */
type MessageParamsArg<Id extends MessageId> = [(typeof MESSAGE_CATALOGUE)[Id]['params'][number]] extends [never] ? [] : [MessageParams<Id>];

/** A user's text or an error reason shortened to one line, for quoting inside a sentence. */
export function clip(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > 60 ? `${oneLine.slice(0, 57)}...` : oneLine;
}
