/**
 * Everything `certstatus serve` needs to run watches, in one call: the scheduler on the shared store, a
 * notifier router whose channels are filled in once the channels exist, the watches-active gauge, and
 * logging of failures. Watches need leases (one replica runs a watch), which every store from openStore has.
 */
import type { CheckRunner } from '../core/checks';
import { configError, type Env, integer, optional } from '../config/parse';
import type { Logger } from '../core/logger';
import type { Flow } from '../flow/types';
import type { EventLog } from '../ops/events';
import type { Metrics } from '../ops/metrics';
import { timedCheckRunner } from '../ops/timed-check';
import type { LeaseHolder } from '../store/open-store';
import type { StateStore } from '../store/types';
import { routeNotifier, type NotifierRoutes } from './notifier-router';
import { WatchScheduler } from './scheduler';

export interface WatchesSetupOptions {
  store: StateStore;
  runCheck: CheckRunner;
  /** The flow whose cause texts notices use (called each time, so a reloaded flow is used). */
  causes: () => Pick<Flow, 'causes' | 'messages'>;
  logger: Logger;
  /** The server's Metrics: the watches-active gauge reads from the scheduler, re-checks count as `watch` checks. */
  metrics?: Pick<Metrics, 'setWatchesActiveSource' | 'check'>;
  maxAgeMs?: number;
  /** Delays between re-checks (default 1, 2, 5, 10, 15, 30 minutes). */
  intervalsMs?: readonly number[];
  /** How often the loop looks for due watches (default 15 s). */
  tickMs?: number;
  /** Clock (tests). */
  now?: () => number;
  /** The stats event log: watches starting and how they ended (the dashboard reads them). */
  events?: EventLog;
}

export interface WatchesSetup {
  scheduler: WatchScheduler;
  /** Set `routes.slack` / `routes.teams` to each channel's notifier once the channel is created. */
  routes: NotifierRoutes;
}

export type WatchEnvOptions = Pick<WatchesSetupOptions, 'maxAgeMs' | 'intervalsMs' | 'tickMs'>;

/**
 * CERTSTATUS_WATCH_HOURS: how long a watch lasts (default 48, at most 30 days).
 * CERTSTATUS_WATCH_INTERVALS: seconds between re-checks, comma-separated, the last repeating (default 60,120,300,600,900,1800).
 * CERTSTATUS_WATCH_TICK_SECONDS: how often each replica looks for due watches (default 15).
 */
export function watchOptionsFromEnv(env: Env): WatchEnvOptions {
  const hours = integer(env, 'CERTSTATUS_WATCH_HOURS', { min: 1, max: 720 });
  const tick = integer(env, 'CERTSTATUS_WATCH_TICK_SECONDS', { min: 1, max: 3600 });
  const intervals = secondsList(env, 'CERTSTATUS_WATCH_INTERVALS');
  return {
    ...(hours !== undefined ? { maxAgeMs: hours * 3600_000 } : {}),
    ...(intervals ? { intervalsMs: intervals.map((seconds) => seconds * 1000) } : {}),
    ...(tick !== undefined ? { tickMs: tick * 1000 } : {}),
  };
}

function secondsList(env: Env, variable: string): number[] | undefined {
  const raw = optional(env, variable);
  if (raw === undefined) return undefined;
  const parts = raw.split(',').map((part) => part.trim());
  if (parts.some((part) => !/^\d+$/.test(part) || Number(part) < 1 || Number(part) > 86_400)) {
    throw configError(variable, `must be seconds between 1 and 86400 separated by commas (for example 60,120,300), got "${raw.slice(0, 60)}".`);
  }
  return parts.map(Number);
}

export function hasLeases(store: StateStore): store is StateStore & LeaseHolder {
  const candidate = store as Partial<LeaseHolder>;
  return typeof candidate.acquireLease === 'function' && typeof candidate.releaseLease === 'function';
}

/** The watches, or undefined (with a warning) for a store without leases: then no watch is offered. */
export function setUpWatches(options: WatchesSetupOptions): WatchesSetup | undefined {
  const { store, logger } = options;
  if (!hasLeases(store)) {
    logger.warn('watches are off: the state store has no leases (use openStore)');
    return undefined;
  }
  const routes: NotifierRoutes = {};
  const scheduler = new WatchScheduler({
    store,
    // Re-checks run outside any conversation turn, so no conversation observer times them: this does.
    runCheck: options.metrics ? timedCheckRunner(options.runCheck, options.metrics, 'watch') : options.runCheck,
    notifier: routeNotifier(routes),
    causes: options.causes,
    ...(options.maxAgeMs ? { maxAgeMs: options.maxAgeMs } : {}),
    ...(options.intervalsMs?.length ? { intervalsMs: options.intervalsMs } : {}),
    ...(options.tickMs ? { tickMs: options.tickMs } : {}),
    ...(options.now ? { now: options.now } : {}),
    onError: (error, watchId) => logger.warn({ err: error, watch: watchId }, 'watch: run failed; it is tried again later'),
    onEvent: (event) => {
      const fields = { watch: event.watch.id, conversation: event.watch.conversationKey, domain: event.watch.domain };
      if (event.type === 'checked') logger.debug({ ...fields, outcome: event.outcome }, 'watch: checked');
      else if (event.type === 'notified') logger.info({ ...fields, ...(event.outcome ? { outcome: event.outcome } : {}) }, 'watch: notice posted');
      else if (event.type === 'started') logger.info(fields, 'watch: started');
      else if (event.type === 'cancelled') logger.info(fields, 'watch: cancelled');
      else logger.info({ ...fields, reason: event.reason }, 'watch: ended');
      const ending = event.type === 'ended' ? event.reason : event.type === 'cancelled' ? 'cancelled' : undefined;
      if (options.events && (event.type === 'started' || ending)) {
        const channel = event.watch.conversationKey.slice(0, Math.max(0, event.watch.conversationKey.indexOf(':'))) || 'unknown';
        const record = { at: (options.now ?? Date.now)(), channel, conversationKey: event.watch.conversationKey, domain: event.watch.domain };
        void options.events
          .append(ending ? { ...record, kind: 'watch-ended', outcome: ending } : { ...record, kind: 'watch-started' })
          .catch((error: unknown) => logger.warn({ err: error }, 'could not record a stats event'));
      }
    },
  });
  options.metrics?.setWatchesActiveSource(() => scheduler.count());
  return { scheduler, routes };
}
