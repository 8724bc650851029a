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
import {
  APPLIED_KEPT,
  currentDelivery,
  engineState,
  hasPendingWork,
  newEntryId,
  soloReplica,
  type ConversationRecord,
  type OutboxEntry,
  type Replica,
} from './outbox';
import type { Versioned } from '../store/types';

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
  /**
   * This process as one of the replicas sharing the store: whose outbox entries and running checks are
   * whose, and whether their owner is still alive. Default: a process alone on its store.
   */
  replica?: Replica;
}

/** Attempts before giving up on a conversation that keeps changing under us. */
const MAX_ATTEMPTS = 8;
/** What applying one input produced for the channel, and the flow it ran on (whose messages the effects' replies use). */
type Applied = Pick<StepResult, 'replies' | 'effects'> & {
  flow?: LoadedFlow;
  /** The outbox entry holding `replies`, when they were stored. */
  entryId?: string;
  /** The platform delivery was applied before (a retry): nothing was stepped. */
  duplicate?: boolean;
};
const DEFAULT_STATE_TTL_MS = 7 * 24 * 60 * 60 * 1000;
const DEFAULT_CHECK_TIMEOUT_MS = 60_000;
const KEY_PREFIX = 'conversation:';
/** A marker per conversation with replies to post or a check running, so recovery finds them without a scan. */
const PENDING_PREFIX = 'pending:';
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

  const replica = options.replica ?? soloReplica();
  /** Outbox entries and checks this process is posting or running right now (others are up for recovery). */
  const delivering = new Set<string>();
  const checking = new Set<string>();

  /**
   * One input applied atomically, with the replies it produced and the check it starts in the same write:
   * re-read and re-step when another input won the race. `deliveryId`: the platform delivery it came in,
   * applied once however often the platform retries it.
   */
  async function apply(key: string, input: Input, deliveryId?: string, knownVars?: HandleOptions['knownVars']): Promise<Applied> {
    const storeKey = KEY_PREFIX + key;
    const known = new Map<string, Record<string, string>>();
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
      const stored = await store.get<ConversationRecord>(storeKey);
      const record = stored?.value;
      if (deliveryId && record?.applied?.includes(deliveryId)) return { replies: [], effects: [], duplicate: true };
      const prior = record ? engineState(record) : undefined;
      // A typed answer belongs to the question that was open when it arrived; if another input won the
      // race and moved on, the engine must not apply it to the next question.
      if (attempt === 1 && input.type === 'text' && !input.questionId && prior) {
        const open = currentQuestionId(prior);
        if (open) input = { ...input, questionId: open };
      }
      const flow = flowFor(prior, input);
      let result = step(flow, prior, input, {
        now: now(),
        idleExpiryMs: options.idleExpiryMs,
        ...(options.watches ? { watch: options.watches.offer } : {}),
        // A check pending well past the runner's timeout was lost (the process restarted mid-check).
        lostCheckMs: 2 * checkTimeoutMs,
      });
      // An ignored input (a late check result) changes nothing and need not be written.
      if (prior && result.state === prior) return { ...result, flow };
      // A domain just learned (typed as an answer): what the edge knows about it joins the variables, once.
      const domain = result.state.vars.domain;
      if (knownVars && input.type !== 'start' && domain && !result.state.vars.expect && domain !== prior?.vars.domain) {
        if (!known.has(domain)) known.set(domain, await knownVars(result.state.vars).catch(() => ({})));
        const extra = known.get(domain) ?? {};
        if (Object.keys(extra).length) result = { ...result, state: { ...result.state, vars: { ...extra, ...result.state.vars } } };
      }
      if (!prior && (input.type === 'check-result' || input.type === 'watch-result')) return { ...result, flow };
      const entry: OutboxEntry | undefined = result.replies.length ? { id: newEntryId(), owner: replica.id, replies: result.replies, sent: 0 } : undefined;
      const check = result.effects.find((effect) => effect.type === 'run-check');
      const running = check
        ? { requestId: check.requestId, check: check.check, params: check.params, owner: replica.id, startedAt: now(), ...(input.by ? { by: input.by } : {}) }
        : result.state.status === 'checking' ? record?.running : undefined;
      const outbox = [...(record?.outbox ?? []), ...(entry ? [entry] : [])];
      const applied = deliveryId ? [...(record?.applied ?? []), deliveryId].slice(-APPLIED_KEPT) : record?.applied;
      const next: ConversationRecord = { ...result.state, ...(outbox.length ? { outbox } : {}), ...(running ? { running } : {}), ...(applied ? { applied } : {}) };
      if (entry || check) await markPending(key);
      const saved = await store.set(storeKey, next, { expectedVersion: stored?.version ?? 0, ttlMs: stateTtlMs });
      if (saved.ok) {
        observeLifecycle(key, input, prior, result);
        return { ...result, flow, ...(entry ? { entryId: entry.id } : {}) };
      }
    }
    return { replies: [busyReply(causesSource())], effects: [] };
  }

  async function markPending(key: string): Promise<void> {
    await store.set(PENDING_PREFIX + key, 1, { ttlMs: stateTtlMs });
  }

  /**
   * Changes the stored record with compare-and-set, re-reading on a race (`known`: a version just read or
   * written, tried first). `change` returns undefined to leave it as it is. Resolves with what is stored.
   */
  async function updateRecord(
    key: string,
    change: (record: ConversationRecord) => ConversationRecord | undefined,
    known?: Versioned<ConversationRecord>,
  ): Promise<Versioned<ConversationRecord> | undefined> {
    let current = known ?? (await store.get<ConversationRecord>(KEY_PREFIX + key));
    for (let attempt = 1; attempt <= MAX_ATTEMPTS && current; attempt += 1) {
      const next = change(structuredClone(current.value));
      if (!next) return current;
      const saved = await store.set(KEY_PREFIX + key, next, { expectedVersion: current.version, ttlMs: stateTtlMs });
      if (saved.ok) return { value: next, version: saved.version };
      current = await store.get<ConversationRecord>(KEY_PREFIX + key);
    }
    return current;
  }

  /** Replaces the replies of an entry not yet posted (watch effects add to and take from a turn's replies). */
  async function rewriteEntry(key: string, entryId: string | undefined, replies: Reply[]): Promise<string | undefined> {
    const id = entryId ?? newEntryId();
    if (!entryId) await markPending(key);
    const stored = await updateRecord(key, (record) => {
      const outbox = record.outbox ?? [];
      const entry = outbox.find((e) => e.id === id);
      if (entry) entry.replies = replies;
      else outbox.push({ id, owner: replica.id, replies, sent: 0 });
      return { ...record, outbox };
    });
    return stored?.value.outbox?.some((e) => e.id === id) ? id : undefined;
  }

  /**
   * Posts the conversation's outbox in order: this process's entries, and those of replicas no longer
   * alive (taken over first, so only one replica posts them). Each reply is ticked off once posted, so a
   * process dying mid-turn leaves only what was not posted. Entries a live replica is posting are left to it.
   */
  async function drain(key: string, deliver: DeliverReplies): Promise<void> {
    let current = await store.get<ConversationRecord>(KEY_PREFIX + key);
    for (;;) {
      let entry: OutboxEntry | undefined;
      for (const candidate of current?.value.outbox ?? []) {
        if (candidate.owner === replica.id ? !delivering.has(candidate.id) : !(await replica.isAlive(candidate.owner))) {
          entry = candidate;
          break;
        }
      }
      if (!current || !entry) return;
      const id = entry.id;
      if (entry.owner !== replica.id) {
        const from = entry.owner;
        current = await updateRecord(key, (record) => {
          const found = record.outbox?.find((e) => e.id === id);
          if (!found || found.owner !== from) return undefined;
          found.owner = replica.id;
          return record;
        }, current);
        if (current?.value.outbox?.find((e) => e.id === id)?.owner !== replica.id) continue;
      }
      delivering.add(id);
      try {
        current = await postEntry(key, id, deliver, current!);
      } finally {
        delivering.delete(id);
      }
    }
  }

  /** Posts one entry from where it stopped, ticking off each reply; resolves with the record after it. */
  async function postEntry(key: string, id: string, deliver: DeliverReplies, known: Versioned<ConversationRecord>): Promise<Versioned<ConversationRecord> | undefined> {
    let current: Versioned<ConversationRecord> | undefined = known;
    const entry = current.value.outbox?.find((e) => e.id === id);
    if (!entry || entry.owner !== replica.id) return current;
    const from = entry.sent;
    const tick = async (count: number) => {
      const before = current;
      const sent = from + count;
      current = await updateRecord(key, (record) => {
        const found = record.outbox?.find((e) => e.id === id);
        if (!found || found.owner !== replica.id || (found.sent >= sent && sent < found.replies.length)) return undefined;
        found.sent = sent;
        if (found.sent >= found.replies.length) record.outbox = record.outbox!.filter((e) => e.id !== id);
        if (!record.outbox?.length) delete record.outbox;
        return record;
      }, current);
      // Taken over, or the store kept refusing the tick: stop rather than post a reply twice.
      const now = current?.value.outbox?.find((e) => e.id === id);
      if (current === before || (now && (now.owner !== replica.id || now.sent < sent))) throw new Error('the outbox entry could not be ticked off');
    };
    const rest = entry.replies.length - from;
    let ticked = 0;
    if (rest > 0) {
      await deliver(entry.replies.slice(from), async (count) => {
        await tick(count);
        ticked = count;
      });
    }
    // A deliverer that does not report each reply posted them all once it resolves.
    if (ticked < rest || rest <= 0) await tick(Math.max(rest, 0));
    return current;
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
    await runInputs(key, [input], deliver, handleOptions.signal, handleOptions.deliveryId ?? currentDelivery(), handleOptions.knownVars);
  }

  /** Applies inputs in turn (a check's result after the check), posting each one's replies before the next. */
  async function runInputs(key: string, queue: Input[], deliver: DeliverReplies, signal?: AbortSignal, deliveryId?: string, knownVars?: HandleOptions['knownVars']): Promise<void> {
    for (let next = queue.shift(); next; next = queue.shift()) {
      let result: Applied;
      try {
        result = await apply(key, next, deliveryId, knownVars);
        deliveryId = undefined;
        if (result.duplicate) {
          // A retry of a delivery applied before: post what was not posted and finish an orphaned check.
          await recover(key, deliver);
          return;
        }
        // "watches" and "unwatch" are answered from the watches, after the turn's own replies.
        const replies = [...result.replies];
        let changed = false;
        for (const effect of result.effects) {
          if (!isListOrCancel(effect) || !options.watches) continue;
          replies.push(...(await answerWatchEffect(options.watches, key, effect, causeTitle, result.flow)));
          changed = true;
        }
        const entryId = changed ? await rewriteEntry(key, result.entryId, replies) : result.entryId;
        if (entryId) await drain(key, deliver);
        else if (replies.length) await deliver(replies);
      } catch (error) {
        options.onError?.(error, key);
        await deliver([apologyReply(error, causesSource())]);
        return;
      }
      for (const effect of result.effects) {
        // The engine confirms a watch from the store's answer, so "I am watching" is said only once it exists.
        if (effect.type === 'start-watch' && options.watches) queue.push(await startWatch(options.watches, key, effect, next.by));
        if (effect.type !== 'run-check') continue;
        checking.add(effect.requestId);
        try {
          const outcome = await timedCheck(effect.check, effect.params, key, signal);
          queue.push({ type: 'check-result', requestId: effect.requestId, result: outcome, ...(next.by ? { by: next.by } : {}) });
        } finally {
          checking.delete(effect.requestId);
        }
      }
    }
  }

  /**
   * Takes up what a process left in the conversation at `key` when it died: replies not posted, and the
   * check it was running (run again here, its result applied as if it had come back). Work a live replica
   * is doing is left to it.
   */
  async function recover(key: string, deliver: DeliverReplies): Promise<void> {
    await drain(key, deliver);
    const stored = await store.get<ConversationRecord>(KEY_PREFIX + key);
    const running = stored?.value.running;
    if (!stored || !running || stored.value.status !== 'checking' || stored.value.pendingCheck !== running.requestId) return;
    const mine = running.owner === replica.id;
    if (mine ? checking.has(running.requestId) : await replica.isAlive(running.owner)) return;
    const from = running.owner;
    const taken = await updateRecord(key, (record) => {
      if (record.running?.requestId !== running.requestId || record.running.owner !== from) return undefined;
      record.running.owner = replica.id;
      return record;
    }, stored);
    if (taken?.value.running?.owner !== replica.id || taken.value.running.requestId !== running.requestId) return;
    checking.add(running.requestId);
    let outcome;
    try {
      outcome = await timedCheck(running.check, running.params, key);
    } finally {
      checking.delete(running.requestId);
    }
    await runInputs(key, [{ type: 'check-result', requestId: running.requestId, result: outcome, ...(running.by ? { by: running.by } : {}) }], deliver);
  }

  /** Conversations with replies to post or a check running (or that had them lately); for the recovery sweep. */
  async function pendingKeys(): Promise<string[]> {
    return ((await store.keys?.(PENDING_PREFIX)) ?? []).map((marker) => marker.slice(PENDING_PREFIX.length));
  }

  /** Drops the marker of a conversation with nothing left to do (unless new work marked it meanwhile). */
  async function settle(key: string): Promise<void> {
    const marker = await store.get<number>(PENDING_PREFIX + key);
    if (!marker) return;
    if (hasPendingWork((await store.get<ConversationRecord>(KEY_PREFIX + key))?.value)) return;
    // Compare-and-set on the marker's version: a turn that marked it after the read above keeps it.
    await store.set(PENDING_PREFIX + key, 0, { expectedVersion: marker.version, ttlMs: 1 });
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
    recover: async (key: string, deliver: DeliverReplies) => {
      await recover(key, deliver);
      await settle(key);
    },
    pendingKeys,
    replica,
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
