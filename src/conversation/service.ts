/**
 * The conversation service every channel talks to: load the state of a conversation, step the pure
 * engine, save with compare-and-set, deliver the replies, run check effects and feed their results back.
 */
import type { CheckRunner } from '../core/checks';
import { asCodedError } from '../core/errors';
import type { Input } from '../engine/inputs';
import { clip, say, type MessageSource } from '../engine/messages';
import type { Reply } from '../engine/replies';
import { isIdleTooLong, isOutdated, type ConversationState } from '../engine/state';
import { currentQuestionId } from '../engine/ask';
import { step, type StepResult } from '../engine/step';
import type { FlowRegistry } from '../flow/registry';
import type { LoadedFlow } from '../flow/types';
import type { StateStore } from '../store/types';
import type { ConversationHandler, DeliverReplies, DiagnoseRequest, HandleOptions, NamesRequest, WatchDiagnosisRequest } from './types';
import { diagnoseOnce, watchDiagnosis, type OneShotDeps } from './one-shot';
import { diagnoseNames } from './names';
import { runCheckSafely } from '../checks/run-safely';
import { notify, type ConversationObserver } from './observer';
import { fillTemplate } from '../engine/template';
import type { WatchKeeper } from '../watch/types';
import { answerWatchEffect, isListOrCancel, standaloneWatchEffect, startWatch } from './watch-effects';

export interface ConversationServiceOptions {
  /** Every flow by id, or one flow. */
  flows: FlowRegistry | LoadedFlow;
  store: StateStore;
  runCheck: CheckRunner;
  /** Clock in milliseconds (default Date.now). */
  now?: () => number;
  /** Open conversations idle longer than this start over (default 24 hours). */
  idleExpiryMs?: number;
  /** Flow new conversations use (default: the registry's default flow). */
  flowId?: string;
  /** How long a conversation stays in the store after its last message, so `recheck` works later (default 7 days). */
  stateTtlMs?: number;
  /** A check that has not finished after this long counts as failed (outcome `error`); default 60 s. */
  checkTimeoutMs?: number;
  /** Told about unexpected failures (store down, engine bug) that were turned into an apology. */
  onError?: (error: unknown, key: string) => void;
  /** Told when conversations start, end or expire and when checks finish (metrics, stats); never changes a turn. */
  observer?: ConversationObserver;
  /**
   * The watch scheduler, where the channel can post into a conversation later (Slack, Teams). Without it
   * cause cards do not offer "Notify me when it takes effect" and the watch commands say it is unavailable.
   */
  watches?: WatchKeeper;
}

/** Attempts before giving up on a conversation that keeps changing under us. */
const MAX_ATTEMPTS = 8;
/** What applying one input produced for the channel, and the flow it ran on (whose messages the effects' replies use). */
type Applied = Pick<StepResult, 'replies' | 'effects'> & { flow?: LoadedFlow };
const DEFAULT_STATE_TTL_MS = 7 * 24 * 60 * 60 * 1000;
const DEFAULT_CHECK_TIMEOUT_MS = 60_000;
const KEY_PREFIX = 'conversation:';
/** Where a conversation's state lives in the store: this prefix + the channel's conversation key. */
export const CONVERSATION_KEY_PREFIX = KEY_PREFIX;

function isLoadedFlow(flows: FlowRegistry | LoadedFlow): flows is LoadedFlow {
  return 'nodeById' in flows;
}

export function createConversationService(options: ConversationServiceOptions): ConversationHandler {
  const { store, runCheck } = options;
  const now = options.now ?? Date.now;
  const stateTtlMs = options.stateTtlMs ?? DEFAULT_STATE_TTL_MS;
  const checkTimeoutMs = options.checkTimeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS;
  const flows = options.flows;

  const newFlow = (): LoadedFlow => {
    if (isLoadedFlow(flows)) return flows;
    return options.flowId ? flows.get(options.flowId) : flows.defaultFlow;
  };
  newFlow(); // a broken or unknown flow for new conversations refuses to start here, with its lint message

  /** Where a one-shot card takes its cause texts from; without a usable flow the card still shows the check's findings. */
  const causesSource = (): Pick<LoadedFlow, 'causes' | 'messages'> => {
    try {
      return newFlow();
    } catch {
      return { causes: {} };
    }
  };

  /** A cause's title from the flow, for lists of watches. */
  const causeTitle = (cause: string, vars: Record<string, string>): string => {
    const title = causesSource().causes[cause]?.title;
    return title ? fillTemplate(title, vars) : cause;
  };

  /** The flow a stored conversation runs on; one that no longer exists falls back to the default (and restarts). */
  const flowFor = (state: ConversationState | undefined, input: Input): LoadedFlow => {
    if (!state || input.type === 'start' || isLoadedFlow(flows)) return newFlow();
    try {
      return flows.get(state.flowId);
    } catch {
      return newFlow();
    }
  };

  /** One input applied atomically: re-read and re-step when another input won the race. */
  async function apply(key: string, input: Input): Promise<Applied> {
    const storeKey = KEY_PREFIX + key;
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
      const stored = await store.get<ConversationState>(storeKey);
      // A typed answer belongs to the question that was open when it arrived; if another input won the
      // race and moved on, the engine must not apply it to the next question.
      if (attempt === 1 && input.type === 'text' && !input.questionId && stored) {
        const open = currentQuestionId(stored.value);
        if (open) input = { ...input, questionId: open };
      }
      const flow = flowFor(stored?.value, input);
      const result = step(flow, stored?.value, input, {
        now: now(),
        idleExpiryMs: options.idleExpiryMs,
        ...(options.watches ? { watch: options.watches.offer } : {}),
        // A check pending well past the runner's timeout was lost (the process restarted mid-check).
        lostCheckMs: 2 * checkTimeoutMs,
      });
      // An ignored input (a late check result) changes nothing and need not be written.
      if (stored && result.state === stored.value) return { ...result, flow };
      if (!stored && (input.type === 'check-result' || input.type === 'watch-result')) return { ...result, flow };
      const saved = await store.set(storeKey, result.state, { expectedVersion: stored?.version ?? 0, ttlMs: stateTtlMs });
      if (saved.ok) {
        observeLifecycle(key, input, stored?.value, result);
        return { ...result, flow };
      }
    }
    return { replies: [busyReply(causesSource())], effects: [] };
  }

  /** Starts, ends and expiries the step just saved, for the observer. */
  function observeLifecycle(key: string, input: Input, prior: ConversationState | undefined, result: StepResult): void {
    if (!options.observer) return;
    const state = result.state;
    const replaced = !prior || prior.startedAt !== state.startedAt;
    if (prior && replaced && input.type !== 'check-result' && prior.status !== 'ended') {
      const ctx = { now: now(), idleExpiryMs: options.idleExpiryMs };
      if (!isOutdated(flowFor(prior, input), prior) && isIdleTooLong(prior, ctx)) {
        notify(options.observer, { type: 'expired', key, startedAt: prior.startedAt });
      }
    }
    if (replaced) notify(options.observer, { type: 'started', key, startedAt: state.startedAt });
    // Where the conversation now rests (a question, a check, its end): the dashboard's flow graph counts these.
    if (state.node && (replaced || prior?.node !== state.node)) {
      notify(options.observer, { type: 'node', key, startedAt: state.startedAt, flow: state.flowId, node: state.node });
    }
    for (const effect of result.effects) {
      if (effect.type !== 'ended') continue;
      notify(options.observer, { type: 'ended', key, startedAt: state.startedAt, outcome: effect.outcome, ...(effect.cause ? { cause: effect.cause } : {}) });
    }
  }

  async function timedCheck(check: string, params: Record<string, string>, key?: string, signal?: AbortSignal) {
    const started = Date.now();
    const outcome = await runCheckSafely(runCheck, check, params, checkTimeoutMs, signal);
    notify(options.observer, { type: 'checked', ...(key ? { key } : {}), check, outcome: outcome.outcome, durationMs: Date.now() - started, ...(params.domain ? { domain: params.domain } : {}) });
    return outcome;
  }

  /**
   * "watches" / "unwatch" where no conversation is open to take them (a one-shot card's thread or DM, or
   * after the conversation expired): answered from the watches, without starting a conversation.
   */
  async function answeredWithoutConversation(key: string, input: Input, deliver: DeliverReplies): Promise<boolean> {
    const effect = options.watches ? standaloneWatchEffect(input) : undefined;
    if (!effect || !options.watches) return false;
    const stored = (await store.get<ConversationState>(KEY_PREFIX + key))?.value;
    if (stored && !isIdleTooLong(stored, { now: now(), idleExpiryMs: options.idleExpiryMs })) return false;
    await deliver(await answerWatchEffect(options.watches, key, effect, causeTitle, causesSource()));
    return true;
  }

  async function handle(key: string, input: Input, deliver: DeliverReplies, handleOptions: HandleOptions = {}): Promise<void> {
    try {
      if (await answeredWithoutConversation(key, input, deliver)) return;
    } catch (error) {
      options.onError?.(error, key);
      await deliver([apologyReply(error, causesSource())]);
      return;
    }
    const queue: Input[] = [input];
    for (let next = queue.shift(); next; next = queue.shift()) {
      let result: Applied;
      try {
        result = await apply(key, next);
      } catch (error) {
        options.onError?.(error, key);
        await deliver([apologyReply(error, causesSource())]);
        return;
      }
      const replies = [...result.replies];
      for (const effect of result.effects) {
        if (isListOrCancel(effect) && options.watches) replies.push(...(await answerWatchEffect(options.watches, key, effect, causeTitle, result.flow)));
      }
      if (replies.length) await deliver(replies);
      for (const effect of result.effects) {
        // The engine confirms a watch from the store's answer, so "I am watching" is said only once it exists.
        if (effect.type === 'start-watch' && options.watches) queue.push(await startWatch(options.watches, key, effect, next.by));
        if (effect.type !== 'run-check') continue;
        const outcome = await timedCheck(effect.check, effect.params, key, handleOptions.signal);
        queue.push({ type: 'check-result', requestId: effect.requestId, result: outcome, ...(next.by ? { by: next.by } : {}) });
      }
    }
  }

  async function peek(key: string): Promise<ConversationState | undefined> {
    return (await store.get<ConversationState>(KEY_PREFIX + key))?.value;
  }

  const oneShot: OneShotDeps = {
    check: (params) => timedCheck('dns', params),
    causes: causesSource,
    ...(options.watches ? { watches: options.watches } : {}),
    now,
  };

  async function hasWatches(key: string): Promise<boolean> {
    return options.watches ? (await options.watches.list(key)).length > 0 : false;
  }

  return {
    handle,
    peek,
    diagnose: (request: DiagnoseRequest) => diagnoseOnce(oneShot, request),
    diagnoseNames: (request: NamesRequest) => diagnoseNames(oneShot, request),
    watchDiagnosis: (key: string, request: WatchDiagnosisRequest) => watchDiagnosis(oneShot, key, request),
    hasWatches,
  };
}

function busyReply(flow: MessageSource): Reply {
  return { type: 'text', tone: 'warning', text: say(flow, 'busy') };
}

function apologyReply(error: unknown, flow: MessageSource): Reply {
  return { type: 'text', tone: 'error', text: say(flow, 'somethingWentWrong', { why: clip(asCodedError(error).message) }) };
}
