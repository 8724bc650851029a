/** Runs a check through the channel's CheckRunner without ever letting it throw into a conversation. */
import { asCodedError } from '../core/errors';
import type { CheckOutcome, CheckRunner } from '../core/checks';

const MAX_MESSAGE = 200;

function duration(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`;
}

function shortMessage(error: unknown): string {
  const message = asCodedError(error).message.replace(/\s+/g, ' ').trim() || 'unknown error';
  return message.length > MAX_MESSAGE ? `${message.slice(0, MAX_MESSAGE - 3)}...` : message;
}

/** Why a cancelled check did not run, as the flow's "The check could not run: {{why}}" shows it. */
export const CANCELLED_SUMMARY = 'you cancelled it (Ctrl-C)';

/**
 * A failing, hanging or misbehaving runner becomes outcome `error` with a one-line reason the flow can
 * branch on. `timeoutMs` bounds a runner that never settles, so a conversation is never stuck checking;
 * `signal` (the terminal's Ctrl-C) stops waiting for it at once.
 */
export async function runCheckSafely(
  runCheck: CheckRunner,
  check: string,
  params: Record<string, string>,
  timeoutMs?: number,
  signal?: AbortSignal,
): Promise<CheckOutcome> {
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  try {
    if (signal?.aborted) return { outcome: 'error', summary: CANCELLED_SUMMARY };
    const stops: Promise<never>[] = [];
    if (timeoutMs) {
      stops.push(
        new Promise<never>((_resolve, reject) => {
          timer = setTimeout(() => reject(new Error(`the ${check} check took longer than ${duration(timeoutMs)}`)), timeoutMs);
        }),
      );
    }
    if (signal) {
      stops.push(
        new Promise<never>((_resolve, reject) => {
          onAbort = () => reject(new Error(CANCELLED_SUMMARY));
          signal.addEventListener('abort', onAbort, { once: true });
        }),
      );
    }
    const running = runCheck(check, params);
    const outcome = stops.length ? await Promise.race([running, ...stops]) : await running;
    if (!outcome || typeof outcome.outcome !== 'string' || !outcome.outcome) {
      return { outcome: 'error', summary: `the ${check} check returned no outcome` };
    }
    return outcome;
  } catch (error) {
    return { outcome: 'error', summary: shortMessage(error) };
  } finally {
    if (timer) clearTimeout(timer);
    if (onAbort) signal?.removeEventListener('abort', onAbort);
  }
}
