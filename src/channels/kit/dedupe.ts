/**
 * Retry de-duplication for every platform. Slack retries an event it thinks failed (X-Slack-Retry-Num),
 * the Bot Framework a request that took too long or whose connection broke; the same delivery must never be
 * applied twice, and never dropped either. A claim in the shared StateStore names the replica handling the
 * delivery: a retry is dropped while that replica is alive (it is posting the answer) or once the delivery
 * is done, and taken over when the replica died first (the conversation's outbox then posts only what the
 * dead one did not).
 */
import type { Replica } from '../../conversation/outbox';
import type { StateStore } from '../../store/types';

/** Slack retries for up to about an hour, the Bot Framework within minutes; keep claims a little longer. */
export const DELIVERY_CLAIM_TTL_MS = 2 * 60 * 60 * 1000;

type Claim = { owner?: string; done?: boolean };

export class Deduplicator {
  constructor(
    private readonly store: StateStore,
    private readonly ttlMs = DELIVERY_CLAIM_TTL_MS,
  ) {}

  /**
   * True the first time `platform` delivers `deliveryId`, and for a retry of a delivery whose replica died
   * before finishing it; false while a live replica works on it and once it is done. Without `replica`
   * (one process, nothing to take over) only the first delivery is true.
   */
  async first(platform: string, deliveryId: string, replica?: Replica): Promise<boolean> {
    const key = claimKey(platform, deliveryId);
    if (!replica) return this.store.claim(key, this.ttlMs);
    const mine: Claim = { owner: replica.id };
    const made = await this.store.set(key, mine, { expectedVersion: 0, ttlMs: this.ttlMs });
    if (made.ok) return true;
    const current = made.current;
    const claim = current?.value as Claim | boolean | undefined;
    // An older claim (`true`), a finished delivery, or one a live replica handles: the retry is not needed.
    if (!current || typeof claim !== 'object' || claim === null || claim.done || !claim.owner) return false;
    if (await replica.isAlive(claim.owner)) return false;
    return (await this.store.set(key, mine, { expectedVersion: current.version, ttlMs: this.ttlMs })).ok;
  }

  /** The delivery was handled to the end: retries of it are dropped even after its replica is gone. */
  async done(platform: string, deliveryId: string): Promise<void> {
    await this.store.set(claimKey(platform, deliveryId), { done: true } satisfies Claim, { ttlMs: this.ttlMs });
  }
}

function claimKey(platform: string, deliveryId: string): string {
  return `delivery:${platform}:${deliveryId}`;
}
