/**
 * Button clicks. A click on the current question answers it (once: a second click, even a simultaneous one,
 * is told who answered); a click on an old question, an ended or an expired conversation gets a note only
 * the clicker sees, and changes nothing. Cause card buttons re-check, start the guided troubleshooting, or watch the domain.
 */
import type { App } from '@slack/bolt';
import { parseDomain } from '../../../dns/domain';
import { currentQuestionId } from '../../../engine/ask';
import type { Input } from '../../../engine/inputs';
import { CARD_ACTION, CHOICE_ACTION, decodeCard, decodeChoice, type CardValue } from '../action-values';
import { mention } from '../blocks';
import { questionRecordKey, type PostedQuestion } from '../delivery';
import { conversationKey, placeFromKey } from '../places';
import { placeOfCard, type ClickBody } from './card-place';
import { watchOneShot } from './one-shot-watch';
import { checkingText, converse, diagnosisMessage, inTurn, isExpired, participant, startInDirectMessage, tellOnly, type SlackDeps } from './context';

export const NOTES = {
  expired: 'This conversation has expired or ended, so that answer was not used. Mention me (or message me) to start again.',
  stale: 'That question is no longer the current one, so your click was not used. Answer the latest question below.',
  answered: (by: string, label: string) => `${by} already answered this question (${label}); nothing changed.`,
  notAvailable: 'That action is not available here.',
};

export function registerActions(app: App, deps: SlackDeps): void {
  app.action<ClickBody>({ type: 'block_actions', action_id: CHOICE_ACTION }, async ({ ack, action, body, client }) => {
    await ack();
    const value = decodeChoice(action.value);
    const place = value ? placeFromKey(value.k) : undefined;
    if (!value || !place) return;
    const user = body.user.id;
    await inTurn(deps, value.k, async () => {
      const note = await whyNotApplied(deps, value.k, value.q);
      if (note) return tellOnly(client, place, user, note);
      // Two processes taking the same click at once: only the first claim applies the answer.
      if (!(await deps.store.claim(`slack:click:${value.k}|${value.q}`, deps.idleExpiryMs))) {
        return tellOnly(client, place, user, (await answeredNote(deps, value.k, value.q)) ?? NOTES.stale);
      }
      await converse(deps, client, place, { type: 'choice', questionId: value.q, choiceId: value.c, by: participant(user) });
    });
  });

  app.action<ClickBody>({ type: 'block_actions', action_id: CARD_ACTION }, async ({ ack, action, body, client, respond }) => {
    await ack();
    const value = decodeCard(action.value);
    if (!value) return;
    const user = body.user.id;
    const teamId = body.team?.id ?? body.user.team_id ?? '';
    if ('k' in value) {
      const place = placeFromKey(value.k);
      const input = conversationInput(value, user);
      if (!place) return;
      if (!input) return tellOnly(client, place, user, NOTES.notAvailable);
      return inTurn(deps, value.k, () => converse(deps, client, place, input));
    }
    if (value.a === 'recheck') {
      await respond({ replace_original: true, text: checkingText(value.d) });
      const message = await diagnosisMessage(deps, { domain: value.d, ...(value.e ? { expect: value.e } : {}), public: value.pub === true });
      await respond({ replace_original: true, ...message });
      return;
    }
    if (value.a === 'watch') {
      await watchOneShot(deps, client, body, respond, { domain: value.d, ...(value.e ? { expect: value.e } : {}), ...(value.c ? { cause: value.c } : {}) });
      return;
    }
    if (value.a === 'troubleshoot') {
      const here = placeOfCard(body, teamId);
      // The flow keeps domains in their ASCII form, as its own domain question does.
      const vars: Record<string, string> = { domain: parseDomain(value.d).ascii, ...(value.e ? { expect: value.e } : {}) };
      if (!here) {
        await startInDirectMessage(deps, client, teamId, user, vars);
        return;
      }
      await inTurn(deps, conversationKey(here), () => converse(deps, client, here, { type: 'start', vars, by: participant(user) }));
    }
  });
}

/** Why a click on question `questionId` of conversation `key` must not be applied, if it must not. */
async function whyNotApplied(deps: SlackDeps, key: string, questionId: string): Promise<string | undefined> {
  const state = await deps.conversations.peek(key);
  if (!state || isExpired(deps, state)) return NOTES.expired;
  if (currentQuestionId(state) === questionId) return undefined;
  return (await answeredNote(deps, key, questionId)) ?? (state.status === 'ended' ? NOTES.expired : NOTES.stale);
}

async function answeredNote(deps: SlackDeps, key: string, questionId: string): Promise<string | undefined> {
  const record = await deps.store.get<PostedQuestion>(questionRecordKey(key, questionId));
  const answered = record?.value.answered;
  return answered ? NOTES.answered(mention(answered.by), answered.label) : undefined;
}

function conversationInput(value: CardValue, user: string): Input | undefined {
  const by = participant(user);
  switch (value.a) {
    case 'recheck':
      return { type: 'command', command: 'recheck', by };
    case 'restart':
    case 'troubleshoot':
      return { type: 'command', command: 'restart', by };
    case 'handoff':
      return { type: 'command', command: 'handoff', by };
    case 'watch':
      return { type: 'command', command: 'watch', by };
    default:
      return undefined;
  }
}
