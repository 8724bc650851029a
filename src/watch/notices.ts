/**
 * What a watch posts: the change took effect (now the CA's turn), the diagnosis changed to something
 * else, or the watch ran out. Cause cards are built from the flow's cause texts, as in a conversation.
 */
import type { CheckOutcome } from '../core/checks';
import { buildCauseCard } from '../engine/cause-card';
import { say } from '../engine/messages';
import type { Reply } from '../engine/replies';
import { fillTemplate } from '../engine/template';
import { watchEndedText } from '../engine/watch-messages';
import type { Flow } from '../flow/types';
import type { Watch } from './types';

/** The flow a watch's notices come from: its cause texts and its message overrides. */
export type CauseTexts = Pick<Flow, 'causes' | 'messages'>;

function varsOf(watch: Watch, outcome?: CheckOutcome): Record<string, string> {
  return { ...watch.params, domain: watch.domain, ...(outcome?.vars ?? {}) };
}

/** The flow's title of a cause ("The configuration has not taken effect yet (TTL)"), else its id. */
export function causeTitle(causes: CauseTexts, cause: string, vars: Readonly<Record<string, string>>): string {
  const title = causes.causes[cause]?.title;
  return title ? fillTemplate(title, vars) : cause;
}

function card(causes: CauseTexts, watch: Watch, outcome: CheckOutcome): Reply {
  return buildCauseCard({
    flow: causes,
    causeId: outcome.outcome,
    vars: varsOf(watch, outcome),
    check: outcome,
    actions: [{ id: 'recheck', label: say(causes, 'recheckAction') }],
  });
}

export function tookEffectNotice(causes: CauseTexts, watch: Watch, outcome: CheckOutcome): Reply[] {
  return [{ type: 'text', text: say(causes, 'watchTookEffect', { domain: watch.domain }) }, card(causes, watch, outcome)];
}

export function changedNotice(causes: CauseTexts, watch: Watch, outcome: CheckOutcome, keepsWatching: boolean): Reply[] {
  const title = causeTitle(causes, outcome.outcome, varsOf(watch, outcome));
  const replies: Reply[] = [{ type: 'text', text: say(causes, 'watchCauseChanged', { domain: watch.domain, title }) }, card(causes, watch, outcome)];
  if (keepsWatching) replies.push({ type: 'text', text: say(causes, 'watchGoesOn') });
  return replies;
}

export function expiredNotice(causes: CauseTexts, watch: Watch): Reply[] {
  const title = causeTitle(causes, watch.lastCause, varsOf(watch));
  return [{ type: 'text', text: watchEndedText(causes, watch.domain, watch.expiresAt - watch.createdAt, title) }];
}
