/**
 * Slack retries an event it thinks failed (X-Slack-Retry-Num), for example after a slow response; the
 * same event_id must never be handled twice. A claim in the shared StateStore makes that hold across
 * processes when the store is shared (SQLite/Redis), not only within one.
 */
import type { Middleware, AnyMiddlewareArgs } from '@slack/bolt';
import type { Logger } from '../../core/logger';
import type { StateStore } from '../../store/types';

/** Slack retries for up to about an hour (three retries with backoff); keep claims a little longer. */
export const EVENT_CLAIM_TTL_MS = 2 * 60 * 60 * 1000;

export function dedupeEvents(store: StateStore, logger: Logger): Middleware<AnyMiddlewareArgs> {
  return async ({ body, next, context }) => {
    const eventId = (body as { event_id?: unknown }).event_id;
    if (typeof eventId === 'string') {
      const first = await store.claim(`slack:event:${eventId}`, EVENT_CLAIM_TTL_MS);
      if (!first) {
        logger.info({ eventId, retryNum: context.retryNum, retryReason: context.retryReason }, 'slack event already handled; retry ignored');
        return;
      }
    }
    await next();
  };
}
