/**
 * Configuration of `certstatus serve` from the environment (twelve-factor style: secrets never in code or
 * files under version control). `.env.example` documents every variable read here.
 */
import { loadCcmConfig, loadDigestConfig, type CcmConfig, type DigestConfig } from './ccm';
import { configError, flag, integer, oneOf, optional, port, resolverList, secret, url } from './parse';
import type { Env, ResolverAddress } from './parse';
import { DEFAULT_STORE_TIMEOUT_MS } from '../store/timed';
import { webConfig, type WebConfig } from './web';

export type { Env, ResolverAddress } from './parse';

export interface SlackConfig {
  botToken: string;
  /** Required for the HTTP receiver; optional in Socket Mode. */
  signingSecret?: string;
  /** Set: Socket Mode instead of the HTTP endpoint. */
  appToken?: string;
  /** Base URL of the Web API (tests and proxies); Slack's own when unset. */
  apiUrl?: string;
}

export type TeamsAppType = 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';

export interface TeamsConfig {
  /** Unset only in emulator mode: requests are then not authenticated. */
  appId?: string;
  appPassword?: string;
  appType: TeamsAppType;
  tenantId?: string;
}

export interface DnsConfig {
  resolvers?: ResolverAddress[];
  providersFile?: string;
  /** CA id whose CAA names must be allowed. */
  ca?: string;
  timeoutMs?: number;
  /** Port used to reach authoritative nameservers (53; tests use a high port). */
  authPort?: number;
  /** DNS checks running at once; more wait in order, identical ones join the running one (CERTSTATUS_CHECK_CONCURRENCY). */
  checkConcurrency?: number;
}

export interface ServeConfig {
  port: number;
  slack?: SlackConfig;
  teams?: TeamsConfig;
  /** The check page, web chat and dashboard (CERTSTATUS_WEB_*, on unless CERTSTATUS_WEB=off); absent: off. */
  web?: WebConfig;
  dns: DnsConfig;
  /** Flow id to run; the registry's default when unset. */
  flowId?: string;
  /** Bound of every state-store call and of the /readyz probe (CERTSTATUS_STORE_TIMEOUT_MS). */
  storeTimeoutMs: number;
  /** Certificate look-ups (Huawei Cloud SCM; HUAWEICLOUD_SDK_AK/SK, CERTSTATUS_CCM_*); off without credentials. */
  ccm?: CcmConfig;
  /** The daily digest (CERTSTATUS_DIGEST_*); off when no channel is set. */
  digest?: DigestConfig;
  /** How long a replica counts as alive after its last heartbeat (CERTSTATUS_REPLICA_TTL_MS, default 6 s). */
  replicaTtlMs?: number;
  /** How often undelivered replies and orphaned checks are looked for (CERTSTATUS_RECOVERY_INTERVAL_MS, default 2 s). */
  recoveryIntervalMs?: number;
}

export const DEFAULT_PORT = 3000;

export function loadConfig(env: Env): ServeConfig {
  return {
    port: port(env, 'PORT') ?? DEFAULT_PORT,
    slack: slackConfig(env),
    teams: teamsConfig(env),
    web: webConfig(env),
    dns: {
      resolvers: resolverList(env, 'CERTSTATUS_RESOLVERS'),
      providersFile: optional(env, 'CERTSTATUS_PROVIDERS_FILE'),
      ca: optional(env, 'CERTSTATUS_CA'),
      timeoutMs: integer(env, 'CERTSTATUS_DNS_TIMEOUT_MS', { min: 100, max: 120_000 }),
      authPort: integer(env, 'CERTSTATUS_AUTH_PORT', { min: 1, max: 65535 }),
      checkConcurrency: integer(env, 'CERTSTATUS_CHECK_CONCURRENCY', { min: 1, max: 1000 }),
    },
    flowId: optional(env, 'CERTSTATUS_FLOW'),
    storeTimeoutMs: integer(env, 'CERTSTATUS_STORE_TIMEOUT_MS', { min: 50, max: 60_000 }) ?? DEFAULT_STORE_TIMEOUT_MS,
    ccm: loadCcmConfig(env),
    digest: loadDigestConfig(env),
    replicaTtlMs: integer(env, 'CERTSTATUS_REPLICA_TTL_MS', { min: 300, max: 600_000 }),
    recoveryIntervalMs: integer(env, 'CERTSTATUS_RECOVERY_INTERVAL_MS', { min: 50, max: 600_000 }),
  };
}

function slackConfig(env: Env): SlackConfig | undefined {
  const botToken = secret(env, 'SLACK_BOT_TOKEN', 'xoxb-');
  const signingSecret = secret(env, 'SLACK_SIGNING_SECRET');
  const appToken = secret(env, 'SLACK_APP_TOKEN', 'xapp-');
  const apiUrl = url(env, 'SLACK_API_URL');
  if (!botToken) {
    if (signingSecret || appToken) throw configError('SLACK_BOT_TOKEN', 'is required when SLACK_SIGNING_SECRET or SLACK_APP_TOKEN is set.');
    return undefined;
  }
  if (!signingSecret && !appToken) {
    throw configError('SLACK_SIGNING_SECRET', 'is required with SLACK_BOT_TOKEN (or set SLACK_APP_TOKEN to use Socket Mode).');
  }
  return { botToken, signingSecret, appToken, apiUrl };
}

function teamsConfig(env: Env): TeamsConfig | undefined {
  const appId = optional(env, 'MicrosoftAppId');
  const appPassword = secret(env, 'MicrosoftAppPassword');
  // SingleTenant by default: Azure no longer creates multi-tenant bots (since 2025-07-31).
  const appType = oneOf(env, 'MicrosoftAppType', ['MultiTenant', 'SingleTenant', 'UserAssignedMSI'] as const) ?? 'SingleTenant';
  const tenantId = optional(env, 'MicrosoftAppTenantId');
  const emulator = flag(env, 'CERTSTATUS_TEAMS_EMULATOR');
  if (!appId) {
    if (appPassword) throw configError('MicrosoftAppId', 'is required when MicrosoftAppPassword is set.');
    // Without an app id requests cannot be authenticated: only on explicit request (Bot Framework Emulator).
    // (MultiTenant here: botbuilder's anonymous mode needs no tenant.)
    return emulator ? { appType: 'MultiTenant' } : undefined;
  }
  if (appType !== 'UserAssignedMSI' && !appPassword) {
    throw configError('MicrosoftAppPassword', `is required with MicrosoftAppId for MicrosoftAppType ${appType}.`);
  }
  if (appType !== 'MultiTenant' && !tenantId) {
    const hint = env.MicrosoftAppType ? '' : ' (the default; set MicrosoftAppType=MultiTenant only for a bot registered as multi-tenant before 2025-07-31)';
    throw configError('MicrosoftAppTenantId', `is required when MicrosoftAppType is ${appType}${hint}: the Directory (tenant) ID of the app registration.`);
  }
  return { appId, appPassword, appType, tenantId };
}

/** One line for the log: which channels run, never a secret. */
export function describeChannels(config: ServeConfig): string {
  const parts: string[] = [];
  if (config.slack) parts.push(config.slack.appToken ? 'Slack (Socket Mode)' : 'Slack (HTTP /slack/events)');
  if (config.teams) parts.push(config.teams.appId ? 'Teams (/api/messages)' : 'Teams (/api/messages, emulator mode, unauthenticated)');
  if (config.web?.enabled) parts.push(config.web.token ? 'web page (/, with a token)' : 'web page (/)');
  return parts.length ? `channels enabled: ${parts.join(', ')}` : 'channels enabled: none (set SLACK_BOT_TOKEN or MicrosoftAppId; see .env.example); serving /healthz only';
}
