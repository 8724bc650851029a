/**
 * `watch`, `watches` and `unwatch`: the engine decides whether there is something to watch and says so;
 * the channel's watch scheduler (behind the effects) keeps the watches, so listing and cancelling are
 * answered there.
 */
import { canRun, checkToRepeat } from './check-node';
import { reaskCurrent } from './commands';
import { say } from './messages';
import { notWatchableText, watchStartedText } from './watch-messages';
import { sayText, type Working } from './result';
import { fillParams } from './template';
import { isWatchable } from './watchable';

/** The cause an ended conversation diagnosed, if it ended with one. */
function diagnosedCause(work: Working): string | undefined {
  const { state } = work;
  return state.status === 'ended' && state.outcome?.kind === 'cause' ? state.outcome.cause : undefined;
}

/** True when a cause card for `cause` should offer the watch button. */
export function offersWatch(work: Working, cause: string): boolean {
  const { vars, checkNode } = work.state;
  if (!work.watch || !isWatchable(cause) || !vars.domain) return false;
  const node = checkToRepeat(work.flow, checkNode);
  return Boolean(node && canRun(node, vars));
}

export function startWatch(work: Working): void {
  const { state, flow } = work;
  if (!work.watch) {
    sayText(work, say(work.flow, 'watchUnavailable'));
    return reaskCurrent(work);
  }
  if (state.status === 'checking') return sayText(work, say(work.flow, 'stillChecking'));
  const cause = diagnosedCause(work);
  if (!cause) {
    sayText(work, say(work.flow, 'nothingToWatchYet'));
    return reaskCurrent(work);
  }
  const node = checkToRepeat(flow, state.checkNode);
  if (!isWatchable(cause) || !node || !canRun(node, state.vars)) return sayText(work, notWatchableText(work.flow, cause));
  const params = fillParams(node.params, state.vars);
  const domain = params.domain ?? state.vars.domain ?? '';
  const confirmation = watchStartedText(work.flow, domain, work.watch.firstCheckInMs, work.now + work.watch.maxAgeMs);
  work.effects.push({ type: 'start-watch', domain, check: node.check, params, cause, confirmation });
  sayText(work, confirmation);
}

export function listWatches(work: Working): void {
  if (!work.watch) return sayText(work, say(work.flow, 'watchUnavailable'));
  work.effects.push({ type: 'list-watches' });
}

export function cancelWatches(work: Working): void {
  if (!work.watch) return sayText(work, say(work.flow, 'watchUnavailable'));
  work.effects.push({ type: 'cancel-watches' });
}
