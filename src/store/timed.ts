/**
 * Every store call bounded in time: a store that is down or frozen (Redis stopped, or paused mid-request)
 * fails the call after `timeoutMs` with one clear message, instead of holding a conversation (and the
 * platform's retry of it) for minutes. Slow calls are counted and logged so the cause is visible.
 */
import { CertstatusError, ErrorCode } from '../core/errors';
import type { OpenedStore } from './open-store';

/** Default bound of one store call (CERTSTATUS_STORE_TIMEOUT_MS). */
export const DEFAULT_STORE_TIMEOUT_MS = 2000;

export type StoreOperation = 'get' | 'set' | 'delete' | 'claim' | 'keys' | 'acquireLease' | 'releaseLease';

export interface TimedStoreOptions {
  timeoutMs?: number;
  /** A call slower than this is reported through onSlow (default: half the timeout). */
  slowMs?: number;
  /** Every call: its duration and outcome, for the store duration histogram. */
  onCall?: (operation: StoreOperation, outcome: 'ok' | 'error' | 'timeout', durationMs: number) => void;
  /** A slow or timed-out call, for one log line. */
  onSlow?: (operation: StoreOperation, durationMs: number, timedOut: boolean) => void;
}

/** What the user reads (inside the bot's apology) and the log says when a store call took too long. */
export class StoreTimeoutError extends CertstatusError {
  constructor(
    readonly operation: string,
    readonly timeoutMs: number,
  ) {
    super(ErrorCode.Unknown, `the store did not answer within ${formatMs(timeoutMs)}; it may be down`);
    this.name = 'StoreTimeoutError';
  }
}

/** `work`, or a StoreTimeoutError after `timeoutMs`; the timer never keeps the process alive. */
export function withTimeout<T>(work: Promise<T>, timeoutMs: number, operation: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new StoreTimeoutError(operation, timeoutMs)), timeoutMs);
    timer.unref();
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** The same store, every call bounded; close() is not (it must finish what it flushes). */
export function timedStore<S extends OpenedStore>(store: S, options: TimedStoreOptions = {}): S {
  const timeoutMs = options.timeoutMs ?? DEFAULT_STORE_TIMEOUT_MS;
  const slowMs = options.slowMs ?? timeoutMs / 2;
  const timed = <A extends unknown[], R>(operation: StoreOperation, call: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      const started = performance.now();
      let outcome: 'ok' | 'error' | 'timeout' = 'ok';
      try {
        return await withTimeout(call(...args), timeoutMs, operation);
      } catch (error) {
        outcome = error instanceof StoreTimeoutError ? 'timeout' : 'error';
        throw error;
      } finally {
        const durationMs = performance.now() - started;
        options.onCall?.(operation, outcome, durationMs);
        if (outcome === 'timeout' || durationMs >= slowMs) options.onSlow?.(operation, durationMs, outcome === 'timeout');
      }
    };
  const wrapped: OpenedStore & { callTimeoutMs: number } = {
    kind: store.kind,
    description: store.description,
    get: timed('get', (key: string) => store.get(key)) as OpenedStore['get'],
    set: timed('set', (key: string, value: unknown, setOptions?: Parameters<OpenedStore['set']>[2]) => store.set(key, value, setOptions)),
    delete: timed('delete', (key: string) => store.delete(key)),
    claim: timed('claim', (key: string, ttlMs: number) => store.claim(key, ttlMs)),
    ...(store.keys ? { keys: timed('keys', (prefix: string) => store.keys!(prefix)) } : {}),
    acquireLease: timed('acquireLease', (name: string, owner: string, ttlMs: number) => store.acquireLease(name, owner, ttlMs)),
    releaseLease: timed('releaseLease', (name: string, owner: string) => store.releaseLease(name, owner)),
    close: () => store.close?.() ?? Promise.resolve(),
    // For structures kept beside the state (the watches' table or sorted set): bound their calls alike.
    callTimeoutMs: timeoutMs,
  };
  // Anything else the store offers (event-log access, test hooks) stays reachable, unbounded.
  // (defineProperties, not assign: kind and description are getters on some stores.)
  return Object.defineProperties(Object.create(store) as S, Object.getOwnPropertyDescriptors(wrapped));
}

function formatMs(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}
