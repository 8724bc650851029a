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

/**
 * A failing, hanging or misbehaving runner becomes outcome `error` with a one-line reason the flow can
 * branch on. `timeoutMs` bounds a runner that never settles, so a conversation is never stuck checking.
 */
export async function runCheckSafely(
  runCheck: CheckRunner,
  check: string,
  params: Record<string, string>,
  timeoutMs?: number,
): Promise<CheckOutcome> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const running = runCheck(check, params);
    const outcome = timeoutMs
      ? await Promise.race([
          running,
          new Promise<never>((_resolve, reject) => {
            timer = setTimeout(() => reject(new Error(`the ${check} check took longer than ${duration(timeoutMs)}`)), timeoutMs);
          }),
        ])
      : await running;
    if (!outcome || typeof outcome.outcome !== 'string' || !outcome.outcome) {
      return { outcome: 'error', summary: `the ${check} check returned no outcome` };
    }
    return outcome;
  } catch (error) {
    return { outcome: 'error', summary: shortMessage(error) };
  } finally {
    if (timer) clearTimeout(timer);
  }
}
