/**
 * One-shot diagnoses outside any conversation (`/certstatus example.com`, `@certstatus check example.com`,
 * Teams `certstatus example.com`): the cause card, and the watch its "Notify me when it takes effect"
 * button starts. The watch re-runs exactly the check the card came from, so both build their parameters here.
 */
import type { CheckOutcome } from '../core/checks';
import { asCodedError } from '../core/errors';
import { parseDomain } from '../core/domain';
import { buildCauseCard } from '../engine/cause-card';
import { say } from '../engine/messages';
import type { ActionButton, Reply } from '../engine/replies';
import { validateAnswer } from '../engine/validators';
import { notWatchableText, watchAlreadyText, watchStartedText, watchStartFailedText } from '../engine/watch-messages';
import type { Flow } from '../flow/types';
import { isWatchable } from '../flow/watch';
import type { WatchKeeper } from '../watch/types';
import type { DiagnoseRequest, WatchDiagnosisAnswer, WatchDiagnosisRequest } from './types';

export interface OneShotDeps {
  /** Runs the `dns` check (timed and observed by the service). */
  check(params: Record<string, string>): Promise<CheckOutcome>;
  /** The flow's cause texts for the card, and its message overrides. */
  causes(): Pick<Flow, 'causes' | 'messages'>;
  watches?: WatchKeeper;
  now(): number;
}

const errorText = (text: string): Reply => ({ type: 'text', tone: 'error', text });

/** The `dns` check's parameters for a request; throws the domain's CertstatusError for a bad domain. */
export function oneShotParams(request: DiagnoseRequest): Record<string, string> {
  const params: Record<string, string> = { domain: parseDomain(request.domain).ascii };
  const expect = request.expect !== undefined ? validateAnswer('record-value', request.expect) : undefined;
  if (expect?.ok) params.expect = expect.value;
  if (request.platform?.trim()) params.platform = request.platform.trim();
  if (request.recordName) params.recordName = request.recordName;
  if (request.recordType) params.recordType = request.recordType;
  return params;
}

export async function diagnoseOnce(deps: OneShotDeps, request: DiagnoseRequest): Promise<Reply[]> {
  let params: Record<string, string>;
  try {
    params = oneShotParams(request);
  } catch (error) {
    return [errorText(asCodedError(error).message)];
  }
  const outcome = await deps.check(params);
  const flow = deps.causes();
  if (outcome.outcome === 'error') return [errorText(say(flow, 'checkFailed', { why: outcome.summary ?? 'unknown error' }))];
  const actions: ActionButton[] = [{ id: 'recheck', label: say(flow, 'recheckAction') }];
  // Offered only where a watch can post later, and only for a diagnosis that changes once the fix propagates.
  if (deps.watches && isWatchable(flow.causes, outcome.outcome)) actions.push({ id: 'watch', label: say(flow, 'watchAction') });
  actions.push({ id: 'troubleshoot', label: say(flow, 'troubleshootAction') });
  return [buildCauseCard({ flow, causeId: outcome.outcome, vars: { ...params, ...(outcome.vars ?? {}) }, check: outcome, actions })];
}

export async function watchDiagnosis(deps: OneShotDeps, key: string, request: WatchDiagnosisRequest): Promise<WatchDiagnosisAnswer> {
  const { watches } = deps;
  const flow = deps.causes();
  if (!watches) return { replies: [{ type: 'text', text: say(flow, 'watchUnavailable') }] };
  let params: Record<string, string>;
  try {
    params = oneShotParams(request);
  } catch (error) {
    return { replies: [errorText(asCodedError(error).message)] };
  }
  // Button values come back from the chat client: trust the cause only if it is one worth watching.
  if (!isWatchable(flow.causes, request.cause)) return { replies: [{ type: 'text', text: notWatchableText(flow, request.cause) }] };
  const domain = params.domain ?? '';
  try {
    const existing = (await watches.list(key)).find((watch) => watch.domain === domain);
    // A second click leaves the running watch alone (renewing it would forget a diagnosis it already saw change).
    if (existing) {
      return {
        replies: [{ type: 'text', text: watchAlreadyText(flow, domain, existing.nextRunAt, existing.expiresAt) }],
        watching: { domain, nextCheckInMs: Math.max(0, existing.nextRunAt - deps.now()), until: existing.expiresAt },
      };
    }
    const watch = await watches.add({ conversationKey: key, domain, check: 'dns', params, cause: request.cause, origin: 'one-shot' });
    const nextCheckInMs = watch.nextRunAt - watch.createdAt;
    return {
      replies: [{ type: 'text', text: watchStartedText(flow, domain, nextCheckInMs, watch.expiresAt) }],
      watching: { domain, nextCheckInMs, until: watch.expiresAt },
    };
  } catch (error) {
    return { replies: [errorText(watchStartFailedText(flow, asCodedError(error).message))] };
  }
}
