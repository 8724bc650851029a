/**
 * The composition root of `certstatus serve`: configuration in, one running server out, with every
 * configured channel on it. Stores, check runners and channels are chosen here and nowhere else.
 */
import { createSlackChannel, type SlackChannel } from '../channels/slack/app';
import { createTeamsBot, type TeamsBot } from '../channels/teams/bot';
import { createDnsCheckRunner } from '../checks/dns-runner';
import type { CheckRunner } from '../checks/types';
import { describeChannels, type ServeConfig } from '../config/env';
import { createConversationService } from '../conversation/service';
import type { Logger } from '../core/logger';
import { loadProviders } from '../dns/analysis/providers';
import type { DiagnoseOptions } from '../dns/types';
import { loadFlowsDir } from '../flow/load';
import { MemoryStore } from '../store/memory';
import type { StateStore } from '../store/types';
import { healthRoute } from './health';
import { createHttpServer } from './server';
import type { HttpRoute } from './types';

export interface ComposeOptions {
  logger: Logger;
  /** Default: an in-memory store (conversations are lost on restart; durable stores plug in here). */
  store?: StateStore;
  /** Default: the live DNS diagnosis configured by the CERTSTATUS_* variables. */
  runCheck?: CheckRunner;
  host?: string;
  /** Extra routes (metrics, ...). */
  routes?: HttpRoute[];
}

export interface RunningCertstatus {
  url: string;
  port: number;
  /** One line: which channels are enabled. */
  channels: string;
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

export async function startCertstatus(config: ServeConfig, options: ComposeOptions): Promise<RunningCertstatus> {
  const { logger } = options;
  const store = options.store ?? new MemoryStore();
  const flows = loadFlowsDir();
  if (config.flowId) flows.get(config.flowId); // an unknown CERTSTATUS_FLOW fails now, not on the first message
  const conversations = createConversationService({
    flows,
    store,
    runCheck: options.runCheck ?? createDnsCheckRunner(dnsOptions(config.dns)),
    flowId: config.flowId,
    onError: (error, key) => logger.error({ err: error, key }, 'conversation failed'),
  });

  const routes: HttpRoute[] = [...(options.routes ?? [])];
  const enabled: string[] = [];
  let slack: SlackChannel | undefined;
  if (config.slack) {
    slack = createSlackChannel({ config: config.slack, conversations, store, logger });
    await slack.start(); // auth.test: a missing or rejected token stops here with one line
    if (slack.route) routes.push(slack.route);
    enabled.push('slack');
  }
  let teams: TeamsBot | undefined;
  if (config.teams) {
    // Teams: botbuilder's CloudAdapter at /api/messages on the same server.
    teams = createTeamsBot({ ...config.teams, conversations, store, logger });
    routes.push(teams.route);
    enabled.push('teams');
  }
  routes.push(healthRoute(() => enabled));

  const server = await createHttpServer({ routes, logger }).listen(config.port, options.host);
  return {
    url: server.url,
    port: server.port,
    channels: describeChannels(config),
    async close() {
      await server.close();
      // Answers still being posted after their request returned (slow DNS checks) finish before the store closes.
      await teams?.idle();
      await slack?.stop();
      await store.close?.();
    },
  };
}
