/**
 * Configuration of certificate look-ups (Huawei Cloud SCM) from the environment. The credentials keep
 * the SDK's own variable names and are held where no log line or JSON dump can print them.
 */
import { inspect } from 'node:util';
import { configError, integer, optional, secret, url } from './parse';
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
    },
  };
}
