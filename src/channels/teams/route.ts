/**
 * POST /api/messages on the shared HTTP server. It does what CloudAdapter.process does for a POST (read the
 * activity, authenticate and run the turn, write the invoke response) but answers failures itself: process
 * prints every error, each refused token included, to the console with its stack. Here a refused request is
 * one JSON warn line and a short 401, an unexpected failure one error line and a 500.
 */
import type { ServerResponse } from 'node:http';
import type { TurnContext } from 'botbuilder';
import { AuthenticationError } from 'botframework-connector';
import { silentLogger, type Logger } from '../../core/logger';
import type { HttpRoute } from '../../core/http-route';
import type { TeamsCloudAdapter } from './adapter';
import { isLoopbackUrl, readInboundActivity } from './inbound-activity';

export const TEAMS_MESSAGES_PATH = '/api/messages';

export interface TeamsRouteOptions {
  adapter: TeamsCloudAdapter;
  logic: (context: TurnContext) => Promise<void>;
  path?: string;
  /** Where refused and failed requests are logged; silent by default. */
  logger?: Logger;
  /**
   * Emulator mode (no app id, so no authentication): refuse activities whose serviceUrl is not on this
   * machine, so an unauthenticated request cannot make the bot post anywhere.
   */
  loopbackServiceUrlsOnly?: boolean;
}

export function createTeamsRoute(options: TeamsRouteOptions): HttpRoute {
  const logger = options.logger ?? silentLogger;
  return {
    method: 'POST',
    path: options.path ?? TEAMS_MESSAGES_PATH,
    async handler(req, res) {
      const inbound = await readInboundActivity(req);
      if (!inbound.ok) {
        // One line, no stack: bad input is the caller's, not ours.
        logger.warn({ channel: 'teams', status: inbound.status, reason: inbound.message }, 'teams: request refused: not a valid activity');
        return sendPlain(res, inbound.status, inbound.message);
      }
      const { activity } = inbound;
      if (options.loopbackServiceUrlsOnly && !isLoopbackUrl(activity.serviceUrl)) {
        logger.warn({ channel: 'teams', status: 403, serviceUrl: activity.serviceUrl.slice(0, 200) }, 'teams: request refused: emulator mode answers only loopback service URLs');
        return sendPlain(res, 403, 'Emulator mode (no MicrosoftAppId) answers only activities whose serviceUrl is on this machine.');
      }
      const authHeader = req.headers.authorization ?? '';
      try {
        const invokeResponse = await options.adapter.processInbound(authHeader, activity, options.logic);
        sendInvokeResponse(res, invokeResponse?.status ?? 200, invokeResponse?.body);
      } catch (error) {
        // botbuilder marks an OpenID metadata outage as an AuthenticationError too, with status 500: ours, not the caller's.
        if (error instanceof AuthenticationError && error.statusCode !== 500) {
          // The reason is botbuilder's short message (never the token); the header itself is not logged.
          logger.warn({ channel: 'teams', status: 401, activityId: activity.id, reason: error.message }, 'teams: request refused: Bot Framework token not accepted');
          return sendPlain(res, 401, 'Unauthorized: missing or invalid Bot Framework token.');
        }
        logger.error({ channel: 'teams', err: error, activityId: activity.id }, 'teams: request failed');
        sendPlain(res, 500, 'Internal error while handling the activity.');
      }
    },
  };
}

function sendPlain(res: ServerResponse, status: number, message: string): void {
  res.statusCode = status;
  res.setHeader('content-type', 'text/plain; charset=utf-8');
  // A 413 leaves the rest of the body unread: close the connection with the answer (see server.ts).
  if (status === 413) res.setHeader('connection', 'close');
  res.end(message);
}

/** As process does: the invoke response's status, and its body (if any) as JSON. */
function sendInvokeResponse(res: ServerResponse, status: number, body: unknown): void {
  res.statusCode = status;
  if (!body) return void res.end();
  if (typeof body === 'string' || Buffer.isBuffer(body)) return void res.end(body);
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.end(JSON.stringify(body));
}
