/**
 * Several names checked at once, answered with ONE card: a certificate's names looked up in the certificate
 * service (`cert:scs…`), or `check a.com www.a.com`. Each name gets a section with its cause in one line; its
 * details (the full cause card with procedure and evidence) are a button away, which re-runs that name's
 * one-shot diagnosis. Checks run concurrently, bounded, and sections keep the order the names were given.
 */
import type { CheckOutcome } from '../core/checks';
import { asCodedError } from '../core/errors';
import { fillTemplate } from '../engine/template';
import type { NameSection, NamesReply, Reply } from '../engine/replies';
import type { OneShotDeps } from './one-shot';
import { oneShotParams } from './one-shot';
import type { DiagnoseRequest, NamesRequest } from './types';

/** Names checked at once: enough to overlap their waits, few enough not to flood the resolver. */
export const NAMES_CONCURRENCY = 4;
/** A card lists at most this many names (a certificate with more gets the rest named in a notice). */
export const NAMES_MAX = 20;
export const DETAILS_LABEL = 'Details';

const RIGHT = 'ca-review-pending';

async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}

function section(deps: OneShotDeps, request: DiagnoseRequest, outcome: CheckOutcome | { error: string }): NameSection {
  const domain = request.domain;
  const expect = request.expect ? { expect: request.expect } : {};
  if ('error' in outcome) return { domain, causeId: 'error', state: 'unchecked', title: 'Could not be checked', line: outcome.error, ...expect };
  if (outcome.outcome === 'error') return { domain, causeId: 'error', state: 'unchecked', title: 'Could not be checked', line: outcome.summary ?? 'The DNS check did not run.', ...expect };
  const flow = deps.causes();
  const cause = flow.causes[outcome.outcome];
  const vars = { domain, ...(request.expect ? { expect: request.expect } : {}), ...(outcome.vars ?? {}) };
  const title = cause ? fillTemplate(cause.title, vars) : (outcome.summary ?? outcome.outcome);
  const line = outcome.summary ?? title;
  if (outcome.outcome === RIGHT && (outcome.causes ?? [RIGHT]).length <= 1) {
    // Without the value the CA asked for, a record being there is not evidence that it is the right one.
    if (!request.expect) return { domain, causeId: RIGHT, state: 'unchecked', title: 'A record is there; its value was not compared', line, ...expect };
    return { domain, causeId: RIGHT, state: 'right', title, line, ...expect };
  }
  return { domain, causeId: outcome.outcome, state: 'stuck', title, line, ...expect };
}

export function namesSummary(sections: NameSection[]): string {
  const right = sections.filter((s) => s.state === 'right').length;
  const stuck = sections.filter((s) => s.state === 'stuck').length;
  const unchecked = sections.length - right - stuck;
  const parts = [`${right} of ${sections.length} name${sections.length === 1 ? '' : 's'} ${right === 1 ? 'is' : 'are'} right`];
  if (stuck) parts.push(`${stuck} need${stuck === 1 ? 's' : ''} a fix`);
  if (unchecked) parts.push(`${unchecked} could not be confirmed`);
  return `${parts.join('; ')}.`;
}

/** The one card for several names; a bad name gets its own section with the domain's one-line error. */
export async function diagnoseNames(deps: OneShotDeps, request: NamesRequest): Promise<Reply[]> {
  const names = request.names.slice(0, NAMES_MAX);
  const notices = [...(request.notices ?? [])];
  if (request.names.length > NAMES_MAX) notices.push(`Only the first ${NAMES_MAX} of ${request.names.length} names are checked here.`);
  const sections = await mapLimit(names, NAMES_CONCURRENCY, async (name): Promise<NameSection> => {
    let params: Record<string, string>;
    try {
      params = oneShotParams(name);
    } catch (error) {
      return section(deps, name, { error: asCodedError(error).message });
    }
    return section(deps, name, await deps.check(params));
  });
  const reply: NamesReply = {
    type: 'names',
    title: request.title ?? `${sections.length} names checked`,
    notices,
    sections,
    summary: namesSummary(sections),
  };
  return [reply];
}
