/**
 * GET /metrics for Prometheus, and the wrapper that counts every request of a route by channel and
 * status (counted when the response finishes, so Bolt's and botbuilder's own status codes are seen).
 */
import type { HttpRoute } from '../core/http-route';
import type { Metrics } from './metrics';

export function metricsRoute(metrics: Metrics): HttpRoute {
  return {
    method: 'GET',
    path: '/metrics',
    async handler(_req, res) {
      const text = await metrics.render();
      res.writeHead(200, { 'Content-Type': metrics.contentType, 'Content-Length': Buffer.byteLength(text) });
      res.end(text);
    },
  };
}

/** The web channel's pages (src/channels/web): the check page, results, watches, the chat, the dashboard. */
const WEB_PATHS = new Set(['/', '/check', '/result', '/watch', '/watch/state', '/chat', '/chat/start', '/dashboard']);

/** Which channel a route serves, for the request counter's label. */
export function channelOfPath(path: string): string {
  if (path.startsWith('/slack')) return 'slack';
  if (path === '/api/messages') return 'teams';
  if (path === '/healthz' || path === '/readyz') return 'health';
  if (path === '/metrics') return 'metrics';
  if (WEB_PATHS.has(path) || path.startsWith('/assets/')) return 'web';
  return 'other';
}

export function countedRoute(route: HttpRoute, metrics: Metrics, channel = channelOfPath(route.path)): HttpRoute {
  return {
    ...route,
    handler(req, res) {
      // 'close' also fires for a client that went away; count each request once, whichever comes first.
      let counted = false;
      const started = performance.now();
      const count = () => {
        if (counted) return;
        counted = true;
        metrics.request(channel, res.writableFinished ? res.statusCode : 499, { route: route.path, method: req.method ?? route.method, durationMs: performance.now() - started });
      };
      res.once('finish', count);
      res.once('close', count);
      return route.handler(req, res);
    },
  };
}
