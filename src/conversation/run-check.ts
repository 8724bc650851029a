/** Runs a check through the channel's CheckRunner without ever letting it throw into a conversation. */
import { asCodedError } from '../core/errors';
import type { CheckOutcome, CheckRunner } from '../checks/types';

const MAX_MESSAGE = 200;

function shortMessage(error: unknown): string {
  const message = asCodedError(error).message.replace(/\s+/g, ' ').trim() || 'unknown error';
  return message.length > MAX_MESSAGE ? `${message.slice(0, MAX_MESSAGE - 3)}...` : message;
}

/** A failing or misbehaving runner becomes outcome `error` with a one-line reason the flow can branch on. */
export async function runCheckSafely(runCheck: CheckRunner, check: string, params: Record<string, string>): Promise<CheckOutcome> {
  try {
    const outcome = await runCheck(check, params);
    if (!outcome || typeof outcome.outcome !== 'string' || !outcome.outcome) {
      return { outcome: 'error', summary: `the ${check} check returned no outcome` };
    }
    return outcome;
  } catch (error) {
    return { outcome: 'error', summary: shortMessage(error) };
  }
}
