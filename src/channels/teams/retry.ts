/**
 * Retries a Bot Connector call on the transient answers Teams documents. botbuilder's HTTP pipeline
 * (@azure/core-rest-pipeline) already retries 502 and 504 (every 5xx but 501/505, exponential backoff from
 * 1 s, 3 retries) and 429 only when Retry-After is set; 412 and a bare 429 reach us as errors. This wrapper
 * retries exactly those two, with exponential backoff and jitter, honouring Retry-After when given; retrying
 * 5xx here as well would multiply the pipeline's attempts (4 x 4 = 16 calls, measured against the fake).
 */
export const RETRIED_CONNECTOR_STATUSES: ReadonlySet<number> = new Set([412, 429]);

export interface RetryOptions {
  /** Total tries including the first; default 4. */
  attempts?: number;
  /** First backoff; doubled each time. Default 500 ms. */
  baseDelayMs?: number;
  /** Upper bound of one wait, also for Retry-After. Default 10 s. */
  maxDelayMs?: number;
  sleep?: (ms: number) => Promise<void>;
  onRetry?: (info: { status: number; attempt: number; delayMs: number }) => void;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function connectorStatus(error: unknown): number | undefined {
  if (!error || typeof error !== 'object') return undefined;
  const candidate = (error as { statusCode?: unknown; status?: unknown }).statusCode ?? (error as { status?: unknown }).status;
  return typeof candidate === 'number' ? candidate : undefined;
}

function retryAfterMs(error: unknown): number | undefined {
  const headers = (error as { response?: { headers?: { get?: (name: string) => string | undefined } } }).response?.headers;
  const value = headers?.get?.('retry-after');
  if (!value) return undefined;
  const seconds = Number(value);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
}

export async function withConnectorRetry<T>(operation: () => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const attempts = Math.max(1, options.attempts ?? 4);
  const base = options.baseDelayMs ?? 500;
  const max = options.maxDelayMs ?? 10_000;
  const sleep = options.sleep ?? defaultSleep;
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation();
    } catch (error) {
      const status = connectorStatus(error);
      if (status === undefined || !RETRIED_CONNECTOR_STATUSES.has(status) || attempt >= attempts) throw error;
      const backoff = base * 2 ** (attempt - 1) * (0.8 + Math.random() * 0.4);
      const delayMs = Math.min(max, retryAfterMs(error) ?? backoff);
      options.onRetry?.({ status, attempt, delayMs });
      await sleep(delayMs);
    }
  }
}
