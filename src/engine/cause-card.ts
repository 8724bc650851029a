/**
 * Builds the cause card (a CauseReply) from a flow's cause, the conversation's variables and the last
 * check's evidence, grouped for reading (core/evidence-groups) so every channel shows the same lines. Shared by the engine's answer nodes and the one-shot `diagnose`, so both read alike.
 */
import type { CheckOutcome } from '../core/checks';
import type { Flow } from '../flow/types';
import type { ActionButton, CauseReply } from './replies';
import type { Evidence } from '../core/checks';
import { fillTemplate } from './template';
import { groupEvidence } from '../core/evidence-groups';

export interface CauseCardInput {
  flow: Pick<Flow, 'causes'>;
  causeId: string;
  vars: Readonly<Record<string, string>>;
  check?: CheckOutcome;
  actions: ActionButton[];
}

function evidenceOf(check: CheckOutcome | undefined): Evidence[] {
  if (!check) return [];
  // The same answer from several servers is one line, the differing one first (the check keeps every line).
  const evidence = groupEvidence(check.evidence ?? []);
  // The check's one-line summary is the most telling fact; lead with it unless it is already listed.
  if (check.summary && !evidence.some((e) => e.text === check.summary)) evidence.unshift({ text: check.summary });
  return evidence;
}

export function buildCauseCard({ flow, causeId, vars, check, actions }: CauseCardInput): CauseReply {
  const cause = flow.causes[causeId];
  const fill = (text: string) => fillTemplate(text, vars);
  const summary = cause?.summary ? fill(cause.summary) : undefined;
  const after = cause?.after ? fill(cause.after) : undefined;
  return {
    type: 'cause',
    causeId,
    // A cause the flow does not describe (a check outcome newer than the flow) still gets a readable card.
    title: cause ? fill(cause.title) : (check?.summary ?? causeId),
    ...(summary ? { summary } : {}),
    procedure: (cause?.procedure ?? []).map(fill),
    ...(after ? { after } : {}),
    evidence: evidenceOf(check),
    warnings: [...(check?.warnings ?? [])],
    actions,
  };
}
