/**
 * A question as an Adaptive Card: the text, optional help, and one Action.Submit button per choice whose
 * data carries the kit's payload: question id and choice id (so a click on an old card is recognised as stale).
 * Once answered, the card is replaced by the answered version: no buttons, the answer and who gave it.
 */
import type { Attachment } from 'botbuilder';
import type { AnsweredReply, QuestionReply } from '../../../engine/replies';
import { encodePayload } from '../../kit/payload';
import { adaptiveCard, submitData, textBlock, type CardAction, type CardElement } from './adaptive';

function questionBody(question: QuestionReply): CardElement[] {
  const body: CardElement[] = [textBlock(question.text, { weight: 'Bolder' })];
  if (question.help) body.push(textBlock(question.help, { isSubtle: true }));
  return body;
}

export function questionCard(question: QuestionReply): Attachment {
  const body = questionBody(question);
  if (question.freeText) body.push(textBlock('Type your answer as a message.', { isSubtle: true, size: 'Small' }));
  const actions: CardAction[] = question.choices.map((choice) => {
    const data = submitData(encodePayload({ kind: 'choice', question: question.questionId, choice: choice.id }));
    return { type: 'Action.Submit', title: choice.label, data };
  });
  return adaptiveCard(body, actions);
}

export function answeredCard(question: QuestionReply, answered: AnsweredReply): Attachment {
  const who = answered.by?.name ?? answered.by?.id;
  const line = who ? `✅ **${answered.label}** (answered by ${who})` : `✅ **${answered.label}**`;
  return adaptiveCard([...questionBody(question), textBlock(line, { spacing: 'Medium' })]);
}
