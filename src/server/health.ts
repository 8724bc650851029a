/**
 * GET /healthz: liveness for load balancers and orchestrators (the process answers), with the channels
 * that are enabled; it never touches the store, so a store outage does not get the process restarted.
 * GET /readyz: readiness, which asks the store (bounded in time): 503 while it is down or frozen, so a
 * load balancer sends traffic to a replica that can serve it.
 */
import { sendJson } from './server';
import type { HttpRoute } from '../core/http-route';
import { withTimeout, DEFAULT_STORE_TIMEOUT_MS } from '../store/timed';
import type { StateStore } from '../store/types';

export function healthRoute(channels: () => string[]): HttpRoute {
  return {
    method: 'GET',
    path: '/healthz',
    handler: (_req, res) => sendJson(res, 200, { status: 'ok', channels: channels() }),
  };
}

/** The key /readyz reads: never written, so the probe is one cheap read of a missing key. */
export const READY_PROBE_KEY = 'readyz-probe';

export function readyRoute(store: StateStore, timeoutMs = DEFAULT_STORE_TIMEOUT_MS): HttpRoute {
  return {
    method: 'GET',
    path: '/readyz',
    async handler(_req, res) {
      try {
        await withTimeout(store.get(READY_PROBE_KEY), timeoutMs, 'readiness probe');
        sendJson(res, 200, { status: 'ready', store: 'ok' });
      } catch (error) {
        sendJson(res, 503, { status: 'not ready', store: error instanceof Error ? error.message : String(error) });
      }
    },
  };
}
