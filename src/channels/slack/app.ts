/**
 * The Slack channel: the real Bolt App with its real HTTPReceiver (mounted on our server as an HttpRoute at
 * /slack/events) or Socket Mode when an app-level token is configured.
 */
import type { CheckQueue } from '../../checks/pool';
import { App, HTTPReceiver, SocketModeReceiver, type webApi } from '@slack/bolt';
import type { ConversationHandler } from '../../conversation/types';
import { asCodedError } from '../../core/errors';
import type { Logger } from '../../core/logger';
import type { SlackConfig } from '../../config/env';
import type { HttpRoute } from '../../core/http-route';
import type { StateStore } from '../../store/types';
import { boltLogger } from './bolt-logger';
import type { WatchNotifier } from '../../watch/types';
import type { CertificateLookups } from '../kit/certificates';
import type { InFlight } from '../kit/in-flight';
import { ChannelKit } from '../kit/kit';
import { slackAdapter } from './adapter';
import { registerActions } from './handlers/actions';
import { registerCommand } from './handlers/command';
import { registerEvents } from './handlers/events';
import { verifyBotToken, type BotIdentity } from './startup';

export const SLACK_EVENTS_PATH = '/slack/events';

/**
 * Web API retries: rate-limited calls wait for Retry-After and are retried (rejectRateLimitedCalls stays
 * false); other transient failures back off a few times instead of the client's default 30 minutes.
 */
export const WEB_API_RETRY: webApi.RetryOptions = { retries: 5, factor: 2, minTimeout: 500, maxTimeout: 10_000, randomize: true };

/** Slack's replay window: a request signed further than this from our clock, either way, is refused. */
export const SLACK_TIMESTAMP_WINDOW_S = 5 * 60;

/**
 * Bolt refuses a request signed more than five minutes in the past but not one signed in the future, which
 * stays replayable for as long as its timestamp is ahead. The window applies both ways here, before Bolt
 * reads the body.
 */
export function withinTimestampWindow(listener: HttpRoute['handler'], now: () => number, logger: Logger): HttpRoute['handler'] {
  return (req, res) => {
    const header = req.headers['x-slack-request-timestamp'];
    const timestamp = typeof header === 'string' && /^\d{1,12}$/.test(header) ? Number(header) : undefined;
    // A missing or malformed header is Bolt's to refuse (with its own log line).
    if (timestamp !== undefined) {
      const skew = timestamp - Math.floor(now() / 1000);
      if (Math.abs(skew) > SLACK_TIMESTAMP_WINDOW_S) {
        const off = `${Math.abs(skew)} s ${skew > 0 ? 'ahead of' : 'behind'}`;
        logger.warn({ channel: 'slack', status: 401, skewSeconds: skew }, `Slack request refused: its timestamp is ${off} this server's clock (more than ${SLACK_TIMESTAMP_WINDOW_S / 60} minutes)`);
        // The body is not read: close the connection with the answer rather than leave it half-read.
        res.writeHead(401, { 'Content-Type': 'text/plain; charset=utf-8', Connection: 'close' });
        res.end('Request timestamp outside the 5-minute window.');
        return;
      }
    }
    return listener(req, res);
  };
}

export interface SlackChannelOptions {
  config: SlackConfig;
  conversations: ConversationHandler;
  store: StateStore;
  logger: Logger;
  /** The conversation service's idle expiry (default 24 hours). */
  idleExpiryMs?: number;
  /** How long posted questions are remembered (the kit's default: seven days). */
  cardLifetimeMs?: number;
  now?: () => number;
  /** The server's tracker of work in flight (the kit makes its own otherwise). */
  inFlight?: InFlight;
  /** The server's check pool: the "checking" note says how many checks are ahead. */
  checkQueue?: CheckQueue;
  /** Certificate look-ups (`cert:ID`, values for typed domains), with their allowlist. */
  certificates?: CertificateLookups;
  /** Tests shorten the backoff; the rate-limit wait is always the server's Retry-After. */
  retryConfig?: webApi.RetryOptions;
}

export interface SlackChannel {
  app: App;
  /** The HTTP endpoint; absent in Socket Mode. */
  route?: HttpRoute;
  /** Verifies the token (one-line CertstatusError when missing or rejected), then connects in Socket Mode. */
  start(): Promise<BotIdentity>;
  /** Disconnects (Socket Mode) and waits for answers still being worked on after their ack (unless the server tracks them). */
  stop(): Promise<void>;
  /** Posts a watch's notice into the Slack thread or DM that asked for it (for the watch scheduler). */
  watchNotifier: WatchNotifier;
  /** Posts what a dead process left in a Slack conversation (the recovery sweep). */
  recover(key: string): Promise<void>;
}

export function createSlackChannel(options: SlackChannelOptions): SlackChannel {
  const { config, logger } = options;
  const socketMode = Boolean(config.appToken);
  const log = boltLogger(logger);
  const clientOptions = {
    ...(config.apiUrl ? { slackApiUrl: config.apiUrl } : {}),
    retryConfig: options.retryConfig ?? WEB_API_RETRY,
    rejectRateLimitedCalls: false,
  };
  const httpReceiver = socketMode
    ? undefined
    : new HTTPReceiver({
        signingSecret: config.signingSecret ?? '',
        endpoints: SLACK_EVENTS_PATH,
        logger: log,
        // Ack first, work after: Slack's 3-second limit applies to the HTTP response, not to our DNS check.
        processBeforeResponse: false,
      });
  // Socket Mode opens its connection with apps.connections.open, through the same API URL as everything else.
  const receiver = httpReceiver ?? new SocketModeReceiver({ appToken: config.appToken ?? '', logger: log, installerOptions: { clientOptions } });

  const app = new App({
    token: config.botToken,
    logger: log,
    // auth.test runs in start(), where its failure becomes one clear line instead of an unhandled rejection.
    deferInitialization: true,
    clientOptions,
    receiver,
  });

  const kit = new ChannelKit({
    adapter: slackAdapter(app.client, logger),
    conversations: options.conversations,
    store: options.store,
    logger,
    ...(options.idleExpiryMs ? { idleExpiryMs: options.idleExpiryMs } : {}),
    ...(options.cardLifetimeMs ? { cardLifetimeMs: options.cardLifetimeMs } : {}),
    ...(options.now ? { now: options.now } : {}),
    ...(options.inFlight ? { inFlight: options.inFlight } : {}),
    ...(options.checkQueue ? { checkQueue: options.checkQueue } : {}),
    ...(options.certificates ? { certificates: options.certificates } : {}),
  });
  // Work continues after the ack (a DNS check, then the answer); tracked so stop() can let it finish.
  app.use(({ next }) => kit.track(next()));
  // Slack retries an event it thinks failed (X-Slack-Retry-Num); the same event_id is handled once.
  app.use(async ({ body, next, context }) => {
    const eventId = (body as { event_id?: unknown }).event_id;
    if (typeof eventId === 'string' && !(await kit.firstDelivery(eventId))) {
      logger.info({ eventId, retryNum: context.retryNum, retryReason: context.retryReason }, 'slack event already handled (or being handled by a live replica); retry ignored');
      return;
    }
    await kit.asDelivery(typeof eventId === 'string' ? eventId : undefined, next);
  });
  registerCommand(app, kit);
  registerEvents(app, kit);
  registerActions(app, kit);
  app.error(async (error) => {
    logger.error({ err: asCodedError(error.original ?? error) }, 'slack handler failed');
  });

  return {
    app,
    // The wall clock, as Bolt's own check uses (options.now is the conversations' clock, which tests move).
    ...(httpReceiver ? { route: { method: 'POST' as const, path: SLACK_EVENTS_PATH, handler: withinTimestampWindow(httpReceiver.requestListener, Date.now, logger) } } : {}),
    async start() {
      const identity = await verifyBotToken(config.botToken, config.apiUrl);
      await app.init();
      if (socketMode) await app.start();
      logger.info({ botUserId: identity.botUserId, teamId: identity.teamId, socketMode }, 'slack app ready');
      return identity;
    },
    async stop() {
      if (socketMode) await app.stop();
      // A tracker handed in is the server's, which drains it (with its time limit) itself.
      if (!options.inFlight) await kit.inFlight.idle();
    },
    watchNotifier: kit.notifier(),
    recover: (key) => kit.recover(key),
  };
}
