/**
 * The web channel's settings (CERTSTATUS_WEB_*, CERTSTATUS_DASHBOARD_*). The check page is on by default:
 * it is the one channel that needs no platform credentials. A public page that sends DNS queries on
 * request is a relay, so it is rate limited per client, its concurrent checks are capped, and it can be
 * turned off or put behind a token.
 */
import { configError, flag, integer, oneOf, optional, secret, type Env } from './parse';

export interface WebConfig {
  /** CERTSTATUS_WEB=off: no check page, chat or dashboard. */
  enabled: boolean;
  /** CERTSTATUS_WEB_TOKEN: the check page and chat answer only with it (?token=, then a cookie; or a Bearer header). */
  token?: string;
  /** CERTSTATUS_WEB_RATE_PER_MINUTE: checks (one per name) a client may start a minute (default 20). */
  ratePerMinute: number;
  /** CERTSTATUS_WEB_MAX_CONCURRENT: checks running at once for the whole page (default 4). */
  maxConcurrent: number;
  /** CERTSTATUS_WEB_MAX_NAMES: names one request may check (default 5). */
  maxNames: number;
  /** CERTSTATUS_WEB_TRUST_PROXY=true: the client is the first X-Forwarded-For address (behind a reverse proxy). */
  trustProxy: boolean;
  /** CERTSTATUS_DASHBOARD_TOKEN: /dashboard with ?token= (then a cookie) or a Bearer header. */
  dashboardToken?: string;
  /** CERTSTATUS_DASHBOARD_HEADER: /dashboard for requests carrying this header (set by the reverse proxy after its login). */
  dashboardHeader?: string;
  /** CERTSTATUS_WEB_RESULT_DAYS: how long a result's permalink works (default 30). */
  resultTtlMs: number;
}

export const WEB_DEFAULTS = { ratePerMinute: 20, maxConcurrent: 4, maxNames: 5, resultDays: 30 } as const;

export function webConfig(env: Env): WebConfig {
  const mode = oneOf(env, 'CERTSTATUS_WEB', ['on', 'off'] as const) ?? 'on';
  const header = optional(env, 'CERTSTATUS_DASHBOARD_HEADER');
  if (header !== undefined && !/^[A-Za-z0-9-]+$/.test(header)) {
    throw configError('CERTSTATUS_DASHBOARD_HEADER', `must be an HTTP header name (letters, digits, dashes), got "${header.slice(0, 40)}".`);
  }
  const token = secret(env, 'CERTSTATUS_WEB_TOKEN');
  const dashboardToken = secret(env, 'CERTSTATUS_DASHBOARD_TOKEN');
  for (const [variable, value] of [['CERTSTATUS_WEB_TOKEN', token], ['CERTSTATUS_DASHBOARD_TOKEN', dashboardToken]] as const) {
    if (value !== undefined && value.length < 16) throw configError(variable, 'must be at least 16 characters long (a random string).');
  }
  return {
    enabled: mode === 'on',
    ...(token ? { token } : {}),
    ratePerMinute: integer(env, 'CERTSTATUS_WEB_RATE_PER_MINUTE', { min: 1, max: 100_000 }) ?? WEB_DEFAULTS.ratePerMinute,
    maxConcurrent: integer(env, 'CERTSTATUS_WEB_MAX_CONCURRENT', { min: 1, max: 1000 }) ?? WEB_DEFAULTS.maxConcurrent,
    maxNames: integer(env, 'CERTSTATUS_WEB_MAX_NAMES', { min: 1, max: 100 }) ?? WEB_DEFAULTS.maxNames,
    trustProxy: flag(env, 'CERTSTATUS_WEB_TRUST_PROXY'),
    ...(dashboardToken ? { dashboardToken } : {}),
    ...(header ? { dashboardHeader: header.toLowerCase() } : {}),
    resultTtlMs: (integer(env, 'CERTSTATUS_WEB_RESULT_DAYS', { min: 1, max: 3650 }) ?? WEB_DEFAULTS.resultDays) * 86_400_000,
  };
}
