/**
 * What the persistent stores (SQLite, Redis) share: values travel as JSON text, and a TTL becomes an
 * absolute expiry. JSON means a Date comes back as its ISO string; store plain data.
 */
import { CertstatusError, ErrorCode } from '../core/errors';

/** The value as JSON text, or a coded error for what JSON cannot carry (undefined, a function, a cycle, a BigInt). */
export function toJson(value: unknown): string {
  let json: string | undefined;
  try {
    json = JSON.stringify(value);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new CertstatusError(ErrorCode.Unknown, `Cannot store this value as JSON: ${reason}`);
  }
  if (json === undefined) {
    throw new CertstatusError(ErrorCode.Unknown, `Cannot store a value of type ${typeof value}; store null or plain data.`);
  }
  return json;
}

/** Whole milliseconds to live, or undefined for "no expiry" (like MemoryStore, a TTL of 0 or less means none). */
export function ttlMillis(ttlMs: number | undefined): number | undefined {
  return ttlMs !== undefined && Number.isFinite(ttlMs) && ttlMs > 0 ? Math.ceil(ttlMs) : undefined;
}

/** Absolute expiry time for a write made at `now`, or undefined for none. */
export function expiryFrom(now: number, ttlMs: number | undefined): number | undefined {
  const ttl = ttlMillis(ttlMs);
  return ttl === undefined ? undefined : now + ttl;
}
