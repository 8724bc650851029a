/**
 * Everything `certstatus serve` needs to run watches, in one call: the scheduler on the shared store, a
 * notifier router whose channels are filled in once the channels exist, the watches-active gauge, and
 * logging of failures. Watches need leases (one replica runs a watch), which every store from openStore has.
 */
import type { CheckRunner } from '../checks/types';
import { type Env, integer } from '../config/parse';
import type { Logger } from '../core/logger';
import type { Flow } from '../flow/types';
import type { LeaseHolder } from '../store/open-store';
import type { StateStore } from '../store/types';
import { routeNotifier, type NotifierRoutes } from './notifier-router';
import { WatchScheduler } from './scheduler';

export interface WatchesSetupOptions {
  store: StateStore;
  runCheck: CheckRunner;
  /** The flow whose cause texts notices use (called each time, so a reloaded flow is used). */
  causes: () => Pick<Flow, 'causes'>;
  logger: Logger;
  /** Where the watches-active gauge reads from (the server's Metrics). */
  metrics?: { setWatchesActiveSource(source: () => number | Promise<number>): void };
  maxAgeMs?: number;
  /** Clock (tests). */
  now?: () => number;
}

export interface WatchesSetup {
  scheduler: WatchScheduler;
  /** Set `routes.slack` / `routes.teams` to each channel's notifier once the channel is created. */
  routes: NotifierRoutes;
}

/** CERTSTATUS_WATCH_HOURS: how long a watch lasts (default 48, at most 30 days). */
export function watchOptionsFromEnv(env: Env): { maxAgeMs?: number } {
  const hours = integer(env, 'CERTSTATUS_WATCH_HOURS', { min: 1, max: 720 });
  return hours === undefined ? {} : { maxAgeMs: hours * 60 * 60 * 1000 };
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
    runCheck: options.runCheck,
    notifier: routeNotifier(routes),
    causes: options.causes,
    ...(options.maxAgeMs ? { maxAgeMs: options.maxAgeMs } : {}),
    ...(options.now ? { now: options.now } : {}),
    onError: (error, watchId) => logger.warn({ err: error, watch: watchId }, 'watch: run failed; it is tried again later'),
    onEvent: (event) => {
      const fields = { watch: event.watch.id, conversation: event.watch.conversationKey, domain: event.watch.domain };
      if (event.type === 'checked') logger.debug({ ...fields, outcome: event.outcome }, 'watch: checked');
      else if (event.type === 'notified') logger.info({ ...fields, ...(event.outcome ? { outcome: event.outcome } : {}) }, 'watch: notice posted');
      else logger.info({ ...fields, reason: event.reason }, 'watch: ended');
    },
  });
  options.metrics?.setWatchesActiveSource(() => scheduler.count());
  return { scheduler, routes };
}
