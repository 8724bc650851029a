/**
 * Configuration of certificate look-ups (Huawei Cloud SCM) from the environment. The credentials keep
 * the SDK's own variable names and are held where no log line or JSON dump can print them.
 */
import { inspect } from 'node:util';
import { configError, flag, integer, optional, secret, url } from './parse';
import type { Env } from './parse';

/**
 * The public SCM endpoint (a global service): https://support.huaweicloud.com/en-us/api-scm/scm_02_0004.html
 * lists scm.cn-north-4.myhuaweicloud.com and scm.ap-southeast-1.myhuaweicloud.com.
 */
export const DEFAULT_CCM_ENDPOINT = 'https://scm.ap-southeast-1.myhuaweicloud.com';

/** AK/SK that never print: private fields are invisible to JSON.stringify, pino and util.inspect. */
export class CcmCredentials {
  readonly #ak: string;
  readonly #sk: string;

  constructor(ak: string, sk: string) {
    this.#ak = ak;
    this.#sk = sk;
  }

  get ak(): string {
    return this.#ak;
  }

  get sk(): string {
    return this.#sk;
  }

  toJSON(): string {
    return '[redacted]';
  }

  [inspect.custom](): string {
    return 'CcmCredentials [redacted]';
  }
}

export interface CcmAllowlist {
  slackWorkspaces: string[];
  slackChannels: string[];
  teamsTenants: string[];
  teamsTeams: string[];
  /**
   * CERTSTATUS_CCM_ALLOW_WEB=true: the web check page may look certificates up, but only while it is behind
   * CERTSTATUS_WEB_TOKEN (an open page would hand the account's values to anyone).
   */
  web?: boolean;
}

export interface CcmConfig {
  /** Base URL without a trailing slash. */
  endpoint: string;
  /** Unset: look-ups are off (the DNS check works as before). */
  credentials?: CcmCredentials;
  /** Time limit of one request to the service. */
  timeoutMs: number;
  /** Longest wait on a 429's Retry-After (all retries of one request together). */
  maxRetryWaitMs: number;
  /** Certificates whose details are fetched at once while listing. */
  concurrency: number;
  allow: CcmAllowlist;
}

export const CCM_DEFAULTS = { timeoutMs: 10_000, maxRetryWaitMs: 20_000, concurrency: 4 } as const;

function list(env: Env, variable: string): string[] {
  return (optional(env, variable) ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

export function loadCcmConfig(env: Env): CcmConfig {
  const ak = secret(env, 'HUAWEICLOUD_SDK_AK');
  const sk = secret(env, 'HUAWEICLOUD_SDK_SK');
  if (ak && !sk) throw configError('HUAWEICLOUD_SDK_SK', 'is required when HUAWEICLOUD_SDK_AK is set.');
  if (sk && !ak) throw configError('HUAWEICLOUD_SDK_AK', 'is required when HUAWEICLOUD_SDK_SK is set.');
  const endpoint = (url(env, 'CERTSTATUS_CCM_ENDPOINT') ?? DEFAULT_CCM_ENDPOINT).replace(/\/+$/, '');
  return {
    endpoint,
    credentials: ak && sk ? new CcmCredentials(ak, sk) : undefined,
    timeoutMs: integer(env, 'CERTSTATUS_CCM_TIMEOUT_MS', { min: 100, max: 120_000 }) ?? CCM_DEFAULTS.timeoutMs,
    maxRetryWaitMs: integer(env, 'CERTSTATUS_CCM_RETRY_WAIT_MS', { min: 0, max: 300_000 }) ?? CCM_DEFAULTS.maxRetryWaitMs,
    concurrency: integer(env, 'CERTSTATUS_CCM_CONCURRENCY', { min: 1, max: 20 }) ?? CCM_DEFAULTS.concurrency,
    allow: {
      slackWorkspaces: list(env, 'CERTSTATUS_CCM_ALLOW_SLACK_WORKSPACES'),
      slackChannels: list(env, 'CERTSTATUS_CCM_ALLOW_SLACK_CHANNELS'),
      teamsTenants: list(env, 'CERTSTATUS_CCM_ALLOW_TEAMS_TENANTS'),
      teamsTeams: list(env, 'CERTSTATUS_CCM_ALLOW_TEAMS_TEAMS'),
      ...(flag(env, 'CERTSTATUS_CCM_ALLOW_WEB') ? { web: true } : {}),
    },
  };
}

/** The daily digest of `serve` (CERTSTATUS_DIGEST_*): where, and when in which time zone. */
export interface DigestConfig {
  /** A conversation key: `slack:TEAM:CHANNEL` (or `slack:CHANNEL`), `teams:<conversation id>`. */
  channel: string;
  /** Local time of day, `HH:MM`. */
  at: string;
  timeZone: string;
}

export function loadDigestConfig(env: Env): DigestConfig | undefined {
  const raw = optional(env, 'CERTSTATUS_DIGEST_CHANNEL')?.trim();
  const at = optional(env, 'CERTSTATUS_DIGEST_TIME')?.trim() ?? '09:00';
  const timeZone = optional(env, 'CERTSTATUS_DIGEST_TIMEZONE')?.trim() ?? 'UTC';
  if (!raw) return undefined;
  let channel: string;
  const slack = /^slack:(?:([A-Z0-9]+):)?([A-Z0-9]+)$/.exec(raw);
  if (slack) channel = `slack:${slack[1] ?? 'digest'}:${slack[2]}`;
  else if (/^teams:\S+$/.test(raw)) channel = raw;
  else throw configError('CERTSTATUS_DIGEST_CHANNEL', `must be slack:CHANNEL-ID (slack:C0123ABCD, or slack:TEAM-ID:CHANNEL-ID) or teams:CONVERSATION-ID (a Teams channel such as teams:19:abc@thread.tacv2), got "${raw.slice(0, 60)}".`);
  const time = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(at);
  if (!time) throw configError('CERTSTATUS_DIGEST_TIME', `must be a local time of day as HH:MM (24-hour, like 09:00), got "${at.slice(0, 20)}".`);
  try {
    new Intl.DateTimeFormat('en', { timeZone });
  } catch {
    throw configError('CERTSTATUS_DIGEST_TIMEZONE', `must be an IANA time zone such as Europe/Berlin or Asia/Shanghai, got "${timeZone.slice(0, 40)}".`);
  }
  return { channel, at, timeZone };
}
