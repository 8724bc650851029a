/**
 * Runs watches: re-checks each due watch, posts when its diagnosis changed, backs off while it has not,
 * and ends it after `maxAgeMs`. All state is in the store, so a restarted process carries on where the
 * last one stopped, and a lease per watch makes one replica at a time run it.
 */
import { createHash, randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { CheckRunner } from '../core/checks';
import { runCheckSafely } from '../checks/run-safely';
import type { WatchOffer } from '../engine/result';
import { isWatchable, isWatchGoal } from '../flow/watch';
import type { LeaseHolder } from '../store/open-store';
import type { StateStore } from '../store/types';
import { DEFAULT_INTERVALS_MS, delayFor } from './backoff';
import { changedNotice, expiredNotice, tookEffectNotice, type CauseTexts } from './notices';
import type { Watch, WatchKeeper, WatchNotifier, WatchRequest } from './types';
import type { StoredWatch, WatchStore } from './watch-store';
import { openWatchStore } from './watch-store-open';

export const DEFAULT_MAX_AGE_MS = 48 * 60 * 60 * 1000;
const DEFAULT_TICK_MS = 15_000;
const DEFAULT_CHECK_TIMEOUT_MS = 60_000;
/** A notice that cannot be posted when a watch expires is retried this long, then dropped. */
const EXPIRY_GRACE_MS = 60 * 60 * 1000;
/** Watches checked at the same time by one process. */
const CONCURRENCY = 4;
/** Due watches one tick takes on at most; the rest wait for the next tick (they stay due). */
const DUE_PER_TICK = 500;

export interface Timers {
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface WatchSchedulerOptions {
  store: StateStore & LeaseHolder;
  /** Where watches are kept; default: the one for `store` (SQLite table, Redis sorted set, else key-value). */
  watches?: WatchStore;
  runCheck: CheckRunner;
  notifier: WatchNotifier;
  /**
   * The flow's cause table (a function, so a reloaded flow is used): the notices' texts, and which diagnoses
   * keep a watch going (`watch: offer`) or end it as taken effect (`watch: goal`).
   */
  causes: CauseTexts | (() => CauseTexts);
  now?: () => number;
  /** For start(): default the real timers, unref'd so the loop never keeps a process alive. */
  timers?: Timers;
  /** This replica's lease owner id (default host:pid:random). */
  ownerId?: string;
  /** Delays between re-checks; the last repeats (default 1, 2, 5, 10, 15, 30 minutes). */
  intervalsMs?: readonly number[];
  /** How long a watch lasts (default 48 hours). */
  maxAgeMs?: number;
  /** How often start()'s loop looks for due watches (default 15 s). */
  tickMs?: number;
  checkTimeoutMs?: number;
  /** How long one replica holds a watch while checking it (default twice the check timeout plus a minute). */
  leaseMs?: number;
  newId?: () => string;
  /** Failures that did not stop the loop (store down, notifier refused). */
  onError?: (error: unknown, watchId?: string) => void;
  /** Told what happened to a watch (for logs): checked with an outcome, a notice posted, the watch ended. */
  onEvent?: (event: WatchEvent) => void;
}

export type WatchEvent =
  | { type: 'started'; watch: Watch }
  | { type: 'cancelled'; watch: Watch }
  | { type: 'checked'; watch: Watch; outcome: string }
  | { type: 'notified'; watch: Watch; outcome?: string }
  | { type: 'ended'; watch: Watch; reason: 'took-effect' | 'changed' | 'expired' };

/** What one runDue() did, by watch id. */
export interface RunReport {
  checked: string[];
  notified: string[];
  ended: string[];
}

const REAL_TIMERS: Timers = {
  setTimeout: (run, ms) => setTimeout(run, ms).unref(),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export class WatchScheduler implements WatchKeeper {
  readonly offer: WatchOffer;
  private readonly watches: WatchStore;
  private readonly now: () => number;
  private readonly timers: Timers;
  private readonly ownerId: string;
  private readonly intervals: readonly number[];
  private readonly maxAgeMs: number;
  private readonly checkTimeoutMs: number;
  private readonly leaseMs: number;
  private timer: unknown;
  private running = false;
  private inFlight: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: WatchSchedulerOptions) {
    this.now = options.now ?? Date.now;
    this.timers = options.timers ?? REAL_TIMERS;
    this.ownerId = options.ownerId ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
    this.intervals = options.intervalsMs ?? DEFAULT_INTERVALS_MS;
    this.maxAgeMs = options.maxAgeMs ?? DEFAULT_MAX_AGE_MS;
    this.checkTimeoutMs = options.checkTimeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS;
    this.leaseMs = options.leaseMs ?? 2 * this.checkTimeoutMs + 60_000;
    this.watches = options.watches ?? openWatchStore(options.store, this.now);
    this.offer = { firstCheckInMs: delayFor(0, this.intervals), maxAgeMs: this.maxAgeMs };
  }

  async add(request: WatchRequest): Promise<Watch> {
    // One watch per conversation and domain: asking again renews it rather than posting everything twice.
    for (const old of await this.watches.byConversation(request.conversationKey)) {
      if (old.watch.domain === request.domain) await this.watches.remove(old.watch.id);
    }
    const now = this.now();
    const watch: Watch = {
      ...request,
      params: { ...request.params },
      id: this.options.newId?.() ?? watchId(request.conversationKey, request.domain),
      lastCause: request.cause,
      createdAt: now,
      nextRunAt: now + delayFor(0, this.intervals),
      attempt: 0,
      expiresAt: now + this.maxAgeMs,
    };
    // Two adds racing (a double submit, two replicas) write the same id: the second finds it taken.
    if (!(await this.watches.create(watch))) {
      const existing = (await this.list(request.conversationKey)).find((other) => other.domain === request.domain);
      if (existing) return existing;
    }
    this.tell({ type: 'started', watch });
    return watch;
  }

  async list(conversationKey: string): Promise<Watch[]> {
    return (await this.watches.byConversation(conversationKey))
      .map((stored) => stored.watch)
      .sort((a, b) => a.createdAt - b.createdAt);
  }

  async cancel(conversationKey: string, id?: string): Promise<number> {
    const mine = (await this.list(conversationKey)).filter((watch) => id === undefined || watch.id === id);
    for (const watch of mine) {
      await this.watches.remove(watch.id);
      this.tell({ type: 'cancelled', watch });
    }
    return mine.length;
  }

  /** Watches in the store (for the watches-active gauge). */
  async count(): Promise<number> {
    return this.watches.count();
  }

  /** Runs every due watch this replica can lease. */
  async runDue(): Promise<RunReport> {
    const report: RunReport = { checked: [], notified: [], ended: [] };
    // Only what is due is read (an index range); each is read again under its lease before it runs.
    const due = await this.watches.due(this.now(), DUE_PER_TICK);
    for (let i = 0; i < due.length; i += CONCURRENCY) {
      await Promise.all(due.slice(i, i + CONCURRENCY).map((id) => this.runLeased(id, report)));
    }
    return report;
  }

  /** Runs due watches every `tickMs` until stop(). */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.schedule(0);
  }

  /** Stops the loop and waits for a run in progress to finish. */
  async stop(): Promise<void> {
    this.running = false;
    if (this.timer !== undefined) this.timers.clearTimeout(this.timer);
    this.timer = undefined;
    await this.inFlight;
  }

  private schedule(ms: number): void {
    this.timer = this.timers.setTimeout(() => {
      this.timer = undefined;
      this.inFlight = this.runDue()
        .catch((error: unknown) => this.options.onError?.(error))
        .finally(() => {
          if (this.running) this.schedule(this.options.tickMs ?? DEFAULT_TICK_MS);
        });
    }, ms);
  }

  private async runLeased(id: string, report: RunReport): Promise<void> {
    const lease = `watch:${id}`;
    try {
      if (!(await this.options.store.acquireLease(lease, this.ownerId, this.leaseMs))) return;
    } catch (error) {
      this.options.onError?.(error, id);
      return;
    }
    try {
      // Read again under the lease: another replica may have run it just before.
      const fresh = await this.watches.get(id);
      if (fresh && fresh.watch.nextRunAt <= this.now()) await this.runOne(fresh, report);
    } catch (error) {
      this.options.onError?.(error, id);
    } finally {
      await this.options.store.releaseLease(lease, this.ownerId).catch((error: unknown) => this.options.onError?.(error, id));
    }
  }

  private async runOne({ watch, version }: StoredWatch, report: RunReport): Promise<void> {
    const causes = this.causeTexts();
    if (this.now() >= watch.expiresAt) {
      const posted = await this.post(watch, expiredNotice(causes, watch));
      if (posted) this.record(report, 'notified', { type: 'notified', watch });
      if (posted || this.now() >= watch.expiresAt + EXPIRY_GRACE_MS) {
        await this.watches.remove(watch.id);
        this.record(report, 'ended', { type: 'ended', watch, reason: 'expired' });
      } else {
        await this.reschedule(watch, version);
      }
      return;
    }
    const outcome = await runCheckSafely(this.options.runCheck, watch.check, watch.params, this.checkTimeoutMs);
    this.record(report, 'checked', { type: 'checked', watch, outcome: outcome.outcome });
    // A check that could not run says nothing about DNS: try again later, quietly.
    if (outcome.outcome === 'error' || outcome.outcome === watch.lastCause) return this.reschedule(watch, version);

    // Which diagnoses end a watch as "took effect" and which keep it going is the flow's cause table.
    const tookEffect = isWatchGoal(causes.causes, outcome.outcome);
    const keepsWatching = !tookEffect && isWatchable(causes.causes, outcome.outcome);
    // Cancelled while the check ran: say nothing.
    if (!(await this.watches.get(watch.id))) return;
    const notice = tookEffect ? tookEffectNotice(causes, watch, outcome) : changedNotice(causes, watch, outcome, keepsWatching);
    // Not posted (channel down): keep the old diagnosis so the next run tries again.
    if (!(await this.post(watch, notice))) return this.reschedule(watch, version);
    this.record(report, 'notified', { type: 'notified', watch, outcome: outcome.outcome });
    if (keepsWatching) {
      await this.watches.update({ ...watch, lastCause: outcome.outcome, attempt: 0, nextRunAt: this.now() + delayFor(0, this.intervals) }, version);
      return;
    }
    await this.watches.remove(watch.id);
    this.record(report, 'ended', { type: 'ended', watch, reason: tookEffect ? 'took-effect' : 'changed' });
  }

  private record(report: RunReport, kind: keyof RunReport, event: WatchEvent): void {
    report[kind].push(event.watch.id);
    this.tell(event);
  }

  private tell(event: WatchEvent): void {
    try {
      this.options.onEvent?.(event);
    } catch {
      // A failing logger must not stop a watch.
    }
  }

  private async reschedule(watch: Watch, version: number): Promise<void> {
    const attempt = watch.attempt + 1;
    const now = this.now();
    const later = now + delayFor(attempt, this.intervals);
    // The last re-check before the end lands on the end, so the "stopped watching" notice is on time.
    const nextRunAt = watch.expiresAt > now ? Math.min(later, watch.expiresAt) : later;
    await this.watches.update({ ...watch, attempt, nextRunAt }, version);
  }

  private async post(watch: Watch, replies: Parameters<WatchNotifier['notify']>[1]): Promise<boolean> {
    try {
      await this.options.notifier.notify(watch.conversationKey, replies, watch);
      return true;
    } catch (error) {
      this.options.onError?.(error, watch.id);
      return false;
    }
  }

  private causeTexts(): CauseTexts {
    const causes = this.options.causes;
    try {
      return typeof causes === 'function' ? causes() : causes;
    } catch {
      return { causes: {} };
    }
  }
}

/** One id per conversation and domain, so concurrent adds cannot create two watches of the same thing. */
export function watchId(conversationKey: string, domain: string): string {
  return createHash('sha256').update(`${conversationKey}\n${domain}`).digest('hex').slice(0, 24);
}
