/**
 * botframework-connector's token validation prints to console.error when it refuses a token (an expired
 * token's error with its stack, the published signing key after a bad signature) and then throws; the
 * refusal itself is logged by the route. While the SDK validates one request's token, its console.error
 * calls go to a sink (that request's logger) instead. AsyncLocalStorage scopes this to the validation's own
 * async calls: console.error anywhere else, concurrent requests included, is passed through untouched.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { inspect } from 'node:util';

export type ConsoleSink = (message: string) => void;

const activeSink = new AsyncLocalStorage<ConsoleSink>();
const REDIRECTS = Symbol('certstatus.redirectsToSink');
type ConsoleError = typeof console.error & { [REDIRECTS]?: true };

/** Wraps whatever console.error currently is (a test's spy included), once. */
function ensureRedirect(): void {
  const current = console.error as ConsoleError;
  if (current[REDIRECTS]) return;
  const redirecting: ConsoleError = (...args: unknown[]) => {
    const sink = activeSink.getStore();
    if (sink) sink(args.map(describe).join(' '));
    else current.apply(console, args);
  };
  redirecting[REDIRECTS] = true;
  console.error = redirecting;
}

/** An error by its name and message only: its stack is not news about a refused token. */
function describe(value: unknown): string {
  if (value instanceof Error) return `${value.name}: ${value.message}`;
  return typeof value === 'string' ? value : inspect(value, { breakLength: Infinity });
}

export function withConsoleErrorsTo<T>(sink: ConsoleSink, work: () => Promise<T>): Promise<T> {
  ensureRedirect();
  return activeSink.run(sink, work);
}
