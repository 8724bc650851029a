/** GET /healthz: liveness for load balancers and orchestrators, with the channels that are enabled. */
import { sendJson } from './server';
import type { HttpRoute } from './types';

export function healthRoute(channels: () => string[]): HttpRoute {
  return {
    method: 'GET',
    path: '/healthz',
    handler: (_req, res) => sendJson(res, 200, { status: 'ok', channels: channels() }),
  };
}
