/**
 * An answer through a response_url (the slash command's, a click's): the replies as one Block Kit message,
 * and when Slack refuses it (the response_url answers 4xx with `invalid_blocks`, `msg_too_long`, ...) the
 * same answer as plain text, so the "checking" note it replaces never stays on screen.
 */
import type { RespondArguments, RespondFn } from '@slack/bolt';
import type { ShownReply } from '../kit/adapter';
import type { ChannelKit } from '../kit/kit';
import type { CardTarget } from '../kit/payload';
import { plainMessage, renderReplies } from './blocks';

/** What the response_url said, for the log: its body (Slack answers the error code as text) or the status. */
function refusalOf(error: unknown): string {
  const response = (error as { response?: { status?: number; data?: unknown } } | undefined)?.response;
  if (typeof response?.data === 'string' && response.data) return response.data.slice(0, 100);
  const code = (response?.data as { error?: unknown } | undefined)?.error;
  if (typeof code === 'string') return code;
  return response?.status ? `HTTP ${response.status}` : error instanceof Error ? error.message : String(error);
}

export async function respondWithFallback<Place>(
  kit: ChannelKit<Place>,
  respond: RespondFn,
  replies: ShownReply[],
  target: CardTarget,
  options: Pick<RespondArguments, 'response_type' | 'replace_original'>,
): Promise<void> {
  try {
    await respond({ ...options, ...renderReplies(replies, target) });
  } catch (error) {
    kit.logger.warn({ channel: 'slack', method: 'response_url', error: refusalOf(error) }, 'slack refused the answer; sent as plain text');
    await respond({ ...options, ...plainMessage(replies), blocks: [] });
  }
}
