/**
 * The composition root of `certstatus serve`: configuration in, one running server out, with every
 * configured channel on it. Stores, check runners and channels are chosen here and nowhere else.
 */
import { createSlackChannel, type SlackChannel } from '../channels/slack/app';
import { createTeamsBot } from '../channels/teams/bot';
import { createWebChannel } from '../channels/web/channel';
import type { CertificateLookups } from '../channels/kit/certificates';
import { HuaweiScmSource } from '../certs/huawei-scm';
import type { CertificateSource } from '../certs/types';
import { digestCard } from '../certs/digest';
import { DigestSchedule, type DigestScheduleOptions } from '../certs/digest-schedule';
import { DigestSnapshotStore } from '../certs/digest-store';
import { sweepPending } from '../certs/sweep';
import { configError } from '../config/parse';
import { diagnose } from '../dns/diagnose';
import type { WatchNotifier } from '../watch/types';
import { setUpWatches, type WatchEnvOptions } from '../watch/setup';
import { createDnsCheckRunner } from '../checks/dns-runner';
import type { CheckRunner } from '../core/checks';
import { CheckPool } from '../checks/pool';
import { describeChannels, type ServeConfig } from '../config/env';
import { createConversationService } from '../conversation/service';
import { replicaFor } from '../conversation/outbox';
import { RecoverySweep } from './recovery';
import type { ConversationHandler } from '../conversation/types';
import type { Logger } from '../core/logger';
import { loadProviders } from '../dns/analysis/providers';
import type { DiagnoseOptions } from '../dns/types';
import { loadFlowsDir } from '../flow/registry';
import { formatProblem } from '../flow/problems';
import type { EventLog } from '../ops/events';
import { InFlight } from '../channels/kit/in-flight';
import { createMetrics, type Metrics } from '../ops/metrics';
import { countedRoute, metricsRoute } from '../ops/metrics-route';
import { createOpsObserver } from './ops-observer';
import { MemoryStore } from '../store/memory';
import type { StateStore } from '../store/types';
import { healthRoute, readyRoute } from './health';
import { createHttpServer } from './server';
import type { HttpRoute } from '../core/http-route';

export interface ComposeOptions {
  logger: Logger;
  /** Default: an in-memory store; `certstatus serve` passes the SQLite or Redis store (see openStore). */
  store?: StateStore;
  /** Where stats events go (the store's SQLite table or Redis set); none by default. */
  events?: EventLog;
  /** Default: a fresh registry for this server. */
  metrics?: Metrics;
  /** How long close() waits for checks and answers still in flight (default 30 s). */
  drainTimeoutMs?: number;
  /** Default: the live DNS diagnosis configured by the CERTSTATUS_* variables. */
  runCheck?: CheckRunner;
  host?: string;
  /** How long watches last and how often they look (CERTSTATUS_WATCH_*; see watchOptionsFromEnv). */
  watch?: WatchEnvOptions;
  /** Extra routes (metrics, ...). */
  routes?: HttpRoute[];
  /** Default: Huawei Cloud SCM from config.ccm when its credentials are set. */
  certificateSource?: CertificateSource;
  /** The digest's clock and how often it looks (tests); default Date.now and one minute. */
  digestClock?: { now?: () => number; tickMs?: number };
}

export interface RunningCertstatus {
  url: string;
  port: number;
  /** One line: which channels are enabled. */
  channels: string;
  /** This server's metrics (the watch scheduler sets the watches-active source on it). */
  metrics: Metrics;
  /** The daily digest, when CERTSTATUS_DIGEST_CHANNEL is set (tests call its tick()). */
  digest?: DigestSchedule;
  /** Stops accepting requests, lets requests, checks and answers in flight finish, then closes the store. */
  close(): Promise<void>;
}

export function dnsOptions(config: ServeConfig['dns']): Partial<DiagnoseOptions> {
  return {
    ...(config.resolvers ? { resolvers: config.resolvers } : {}),
    ...(config.providersFile ? { providers: loadProviders(config.providersFile) } : {}),
    ...(config.ca ? { caId: config.ca } : {}),
    ...(config.timeoutMs ? { timeoutMs: config.timeoutMs, queryTimeoutMs: Math.min(2000, config.timeoutMs) } : {}),
    ...(config.authPort ? { authPort: config.authPort } : {}),
  };
}

/** The certificate service of `serve`, when its credentials are configured. */
export function certificateSource(config: ServeConfig): CertificateSource | undefined {
  const ccm = config.ccm;
  if (!ccm?.credentials) return undefined;
  return new HuaweiScmSource({ endpoint: ccm.endpoint, credentials: ccm.credentials, timeoutMs: ccm.timeoutMs, maxRetryWaitMs: ccm.maxRetryWaitMs, concurrency: ccm.concurrency });
}

/** The daily digest: the pending sweep with the server's DNS settings, posted where CERTSTATUS_DIGEST_CHANNEL says. */
function digestSchedule(
  config: ServeConfig,
  source: CertificateSource | undefined,
  notifiers: Record<string, WatchNotifier>,
  logger: Logger,
  store: StateStore,
  causes: DigestScheduleOptions['causes'],
  clock: ComposeOptions['digestClock'] = {},
): DigestSchedule {
  const digest = config.digest!;
  if (!source) throw configError('CERTSTATUS_DIGEST_CHANNEL', "needs HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK: the digest lists the account's certificates waiting on verification.");
  const platform = digest.channel.slice(0, digest.channel.indexOf(':'));
  const notifier = notifiers[platform];
  if (!notifier) throw configError('CERTSTATUS_DIGEST_CHANNEL', `names a ${platform} channel, but ${platform} is not configured on this server.`);
  const dns = dnsOptions(config.dns);
  const now = clock.now ?? Date.now;
  return new DigestSchedule({
    snapshots: new DigestSnapshotStore(store),
    causes,
    sweep: () => sweepPending(source, (t) => diagnose(t.domain, { ...dns, expect: t.expect, recordName: t.recordName, recordType: t.recordType }), config.ccm?.concurrency ?? 4),
    post: (d) => notifier.notify(digest.channel, [digestCard(d, new Date(now()))]),
    at: digest.at,
    timeZone: digest.timeZone,
    logger,
    now,
    ...(clock.tickMs ? { tickMs: clock.tickMs } : {}),
  });
}

/** Loopback addresses: 127.0.0.0/8, ::1 and localhost. */
export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/**
 * Where the server listens: `host` as asked (all interfaces by default), except in Teams emulator mode,
 * which answers /api/messages without authentication and so listens on loopback only.
 */
function listenHost(config: ServeConfig, host: string | undefined): string | undefined {
  if (!config.teams || config.teams.appId) return host;
  if (host === undefined) return '127.0.0.1';
  if (isLoopbackHost(host)) return host;
  throw configError('--host', `is ${host}, but CERTSTATUS_TEAMS_EMULATOR serves /api/messages without authentication, so the server listens on loopback only (127.0.0.1 or ::1). Set MicrosoftAppId to serve other addresses.`);
}

export async function startCertstatus(config: ServeConfig, options: ComposeOptions): Promise<RunningCertstatus> {
  const { logger } = options;
  // Refused before anything starts (a Socket Mode connection, watches) that would then need stopping.
  const host = listenHost(config, options.host);
  const store = options.store ?? new MemoryStore();
  const metrics = options.metrics ?? createMetrics();
  const inFlight = new InFlight();
  const flows = loadFlowsDir();
  for (const off of flows.disabled ?? []) logger.error({ file: off.file, problems: off.problems.map(formatProblem) }, `flow disabled: ${off.summary}`);
  void (config.flowId ? flows.get(config.flowId) : flows.defaultFlow); // an unknown or broken flow fails now, not on the first message
  const runCheck = options.runCheck ?? createDnsCheckRunner({ ...dnsOptions(config.dns), onQuery: (response) => metrics.dnsQuery(response) });
  // This process among the replicas sharing the store: whose unposted replies and running checks are whose.
  const replica = replicaFor(store, config.replicaTtlMs);
  await replica.start();
  const recoverers: ((key: string) => Promise<void>)[] = [];
  // Conversations of every channel check through one pool: a bounded number of DNS checks at once, the
  // rest queued in order, identical ones merged. Watches re-check in the background with their own limit.
  const pool = new CheckPool(runCheck, { concurrency: config.dns.checkConcurrency });
  const watches = setUpWatches({ store, runCheck, causes: () => (config.flowId ? flows.get(config.flowId) : flows.defaultFlow), logger, metrics, ...(options.events ? { events: options.events } : {}), ...options.watch });
  // One service per channel (state lives in the store, so they share conversations' storage), each telling
  // metrics, stats and the log which channel a conversation came from. The channels' kits track their work
  // (a DNS check and the answers after it) in the same InFlight, so close() waits for all of it.
  const conversationsFor = (channel: string): ConversationHandler =>
    createConversationService({
      flows,
      store,
      runCheck: pool.run,
      flowId: config.flowId,
      onError: (error, key) => logger.error({ err: error, channel, conversation: key }, 'conversation failed'),
      ...(watches ? { watches: watches.scheduler } : {}),
      replica,
      observer: createOpsObserver({ channel, metrics, events: options.events, logger, track: (work) => inFlight.track(work) }),
    });

  const source = options.certificateSource ?? certificateSource(config);
  // The allowlist applies to every channel; look-ups land in the stats event log.
  const certificates: CertificateLookups | undefined = config.ccm
    ? { ...(source ? { source } : {}), allow: config.ccm.allow, ...(options.events ? { events: options.events } : {}) }
    : undefined;
  const withCertificates = certificates ? { certificates } : {};

  const routes: HttpRoute[] = [...(options.routes ?? [])];
  const enabled: string[] = [];
  const notifiers: Record<string, WatchNotifier> = {};
  let slack: SlackChannel | undefined;
  if (config.slack) {
    slack = createSlackChannel({ config: config.slack, conversations: conversationsFor('slack'), store, logger, inFlight, checkQueue: pool, ...withCertificates });
    await slack.start(); // auth.test: a missing or rejected token stops here with one line
    if (slack.route) routes.push(slack.route);
    recoverers.push(slack.recover);
    if (watches) watches.routes.slack = slack.watchNotifier;
    notifiers.slack = slack.watchNotifier;
    enabled.push('slack');
  }
  if (config.teams) {
    // Teams: botbuilder's CloudAdapter at /api/messages on the same server.
    const teams = createTeamsBot({ ...config.teams, conversations: conversationsFor('teams'), store, logger, inFlight, checkQueue: pool, ...withCertificates });
    routes.push(teams.route);
    recoverers.push(teams.recover);
    if (watches) watches.routes.teams = teams.watchNotifier;
    notifiers.teams = teams.watchNotifier;
    enabled.push('teams');
  }
  if (config.web?.enabled) {
    // The check page, web chat and dashboard: the web's kit adapter, on the same store and watches.
    const web = createWebChannel({
      config: config.web, conversations: conversationsFor('web'), store, logger, inFlight, ...withCertificates,
      flow: () => (config.flowId ? flows.get(config.flowId) : flows.defaultFlow),
      ...(options.events ? { events: options.events } : {}),
      ...(watches ? { watches: watches.scheduler, openWatches: () => watches.scheduler.count() } : {}),
    });
    routes.push(...web.routes);
    recoverers.push((key) => web.kit.recover(key));
    if (watches) watches.routes.web = web.watchNotifier;
    enabled.push('web');
  }
  routes.push(healthRoute(() => enabled), readyRoute(store, config.storeTimeoutMs), metricsRoute(metrics));

  const causes = () => (config.flowId ? flows.get(config.flowId) : flows.defaultFlow).causes;
  const digest = config.digest ? digestSchedule(config, source, notifiers, logger, store, causes, options.digestClock) : undefined;

  const counted = routes.map((route) => countedRoute(route, metrics));
  const server = await createHttpServer({ routes: counted, logger }).listen(config.port, host);
  watches?.scheduler.start();
  digest?.start();
  // Replies a dead process did not post, and checks it was running, are taken up now and every few seconds.
  const recovery = new RecoverySweep({ pendingKeys: conversationsFor('recovery').pendingKeys!, recoverers, logger, ...(config.recoveryIntervalMs ? { intervalMs: config.recoveryIntervalMs } : {}) });
  recovery.start();
  return {
    url: server.url,
    port: server.port,
    channels: describeChannels(config),
    metrics,
    ...(digest ? { digest } : {}),
    async close() {
      await server.close();
      await digest?.stop();
      await recovery.stop();
      await watches?.scheduler.stop();
      await slack?.stop(); // Socket Mode: no new events
      // Answers still being posted after their request returned (slow DNS checks) finish before the store closes.
      if (!(await inFlight.drain(options.drainTimeoutMs ?? 30_000))) logger.warn({ pending: inFlight.size }, 'closing with work still in flight');
      await options.events?.close?.();
      await replica.stop();
      await store.close?.();
    },
  };
}
