/**
 * Retry de-duplication for every platform. Slack retries an event it thinks failed (X-Slack-Retry-Num),
 * the Bot Framework a request that took too long; the same delivery must never be handled twice. A claim
 * in the shared StateStore makes that hold across processes when the store is shared (SQLite, Redis).
 */
import type { StateStore } from '../../store/types';

/** Slack retries for up to about an hour, the Bot Framework within minutes; keep claims a little longer. */
export const DELIVERY_CLAIM_TTL_MS = 2 * 60 * 60 * 1000;

export class Deduplicator {
  constructor(
    private readonly store: StateStore,
    private readonly ttlMs = DELIVERY_CLAIM_TTL_MS,
  ) {}

  /** True the first time `platform` delivers `deliveryId`; false for every retry of it. */
  first(platform: string, deliveryId: string): Promise<boolean> {
    return this.store.claim(`delivery:${platform}:${deliveryId}`, this.ttlMs);
  }
}
