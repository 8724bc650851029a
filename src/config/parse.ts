/**
 * Small parsers for environment values. Each failure is a CertstatusError(Config) whose one-line message
 * names the variable and says what to fix, so `certstatus serve` can print it and exit.
 */
import { parseServerAddress } from '../dns/server-address';
import { CertstatusError, ErrorCode } from '../core/errors';

export type Env = Record<string, string | undefined>;

export function configError(variable: string, problem: string): CertstatusError {
  return new CertstatusError(ErrorCode.Config, `${variable} ${problem}`);
}

/** The trimmed value, or undefined when unset or blank (an empty line in .env means "not set"). */
export function optional(env: Env, variable: string): string | undefined {
  const value = env[variable]?.trim();
  return value ? value : undefined;
}

export function integer(env: Env, variable: string, range: { min: number; max: number }): number | undefined {
  const raw = optional(env, variable);
  if (raw === undefined) return undefined;
  if (!/^\d+$/.test(raw)) throw configError(variable, `must be a whole number, got "${clip(raw)}".`);
  const value = Number(raw);
  if (value < range.min || value > range.max) {
    throw configError(variable, `must be between ${range.min} and ${range.max}, got ${raw}.`);
  }
  return value;
}

export function port(env: Env, variable: string): number | undefined {
  return integer(env, variable, { min: 0, max: 65535 });
}

export function url(env: Env, variable: string): string | undefined {
  const raw = optional(env, variable);
  if (raw === undefined) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw configError(variable, `must be a URL such as https://slack.com/api/, got "${clip(raw)}".`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw configError(variable, `must be an http:// or https:// URL, got "${clip(raw)}".`);
  }
  // The Slack WebClient appends method names to this base, so it must end with a slash.
  return raw.endsWith('/') ? raw : `${raw}/`;
}

export function oneOf<T extends string>(env: Env, variable: string, allowed: readonly T[]): T | undefined {
  const raw = optional(env, variable);
  if (raw === undefined) return undefined;
  const match = allowed.find((value) => value.toLowerCase() === raw.toLowerCase());
  if (!match) throw configError(variable, `must be one of ${allowed.join(', ')}, got "${clip(raw)}".`);
  return match;
}

export function flag(env: Env, variable: string): boolean {
  const raw = optional(env, variable)?.toLowerCase();
  if (raw === undefined) return false;
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  if (['0', 'false', 'no', 'off'].includes(raw)) return false;
  throw configError(variable, `must be true or false, got "${clip(raw)}".`);
}

/** A secret: checked for a prefix when one is known, never echoed back in the message. */
export function secret(env: Env, variable: string, prefix?: string): string | undefined {
  const value = optional(env, variable);
  if (value !== undefined && prefix && !value.startsWith(prefix)) {
    throw configError(variable, `must start with "${prefix}"; check that you copied the right token.`);
  }
  return value;
}

export interface ResolverAddress {
  address: string;
  port: number;
}

/** "IP[:PORT]" items separated by commas; IPv6 as "::1" or "[::1]:5353". */
export function resolverList(env: Env, variable: string): ResolverAddress[] | undefined {
  const raw = optional(env, variable);
  if (raw === undefined) return undefined;
  return raw
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean)
    .map((item) => parseResolver(variable, item));
}

function parseResolver(variable: string, item: string): ResolverAddress {
  const parsed = parseServerAddress(item);
  if (parsed.ok) return { address: parsed.address, port: parsed.port };
  if (parsed.problem === 'port') throw configError(variable, `has a bad port in "${clip(item)}"; use 1-65535.`);
  throw configError(variable, `must list IP addresses with optional ports (IP[:PORT], comma separated); "${clip(item)}" is not one.`);
}

function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}
