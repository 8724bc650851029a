/**
 * The digest's "yesterday": the snapshot of the last posted digest, kept in the state store (memory,
 * SQLite or Redis behind StateStore) so a restart neither loses it nor posts the same digest again.
 */
import type { Cause } from '../flow/types';
import type { StateStore } from '../store/types';
import { composeDigest, type Digest, type DigestSnapshot } from './digest';
import type { CertificateResult } from './sweep';

export const DIGEST_SNAPSHOT_KEY = 'certs:digest:snapshot';
const DAY_CLAIM_TTL_MS = 36 * 60 * 60 * 1000;

export interface PreparedDigest {
  /** Undefined: nothing changed, post nothing. */
  digest?: Digest;
  /** Keep today's snapshot as the next "yesterday"; call once the digest is posted (or when there is none). */
  commit(): Promise<void>;
}

export class DigestSnapshotStore {
  constructor(
    private readonly store: StateStore,
    private readonly key = DIGEST_SNAPSHOT_KEY,
  ) {}

  async load(): Promise<DigestSnapshot | undefined> {
    return (await this.store.get<DigestSnapshot>(this.key))?.value;
  }

  async save(snapshot: DigestSnapshot): Promise<void> {
    await this.store.set(this.key, snapshot);
  }

  /** `causes`: the flow's cause table (which causes offer a watch). */
  async prepare(results: CertificateResult[], now: Date, causes: Readonly<Record<string, Pick<Cause, 'watch'>>>): Promise<PreparedDigest> {
    const { digest, snapshot } = composeDigest(results, await this.load(), now, causes);
    return { digest, commit: () => this.save(snapshot) };
  }

  /**
   * One attempt at the day's digest: true for the one replica that may try now. The claim lapses after
   * `ttlMs`, so a failed attempt (Slack down, channel not found) is tried again later that day.
   */
  claimAttempt(day: string, ttlMs: number): Promise<boolean> {
    return this.store.claim(`${this.key}:attempt:${day}`, ttlMs);
  }

  /** The day's digest is done (posted, or nothing to post): no replica tries again that day. */
  async markDone(day: string): Promise<void> {
    await this.store.set(`${this.key}:done:${day}`, true, { ttlMs: DAY_CLAIM_TTL_MS });
  }

  async isDone(day: string): Promise<boolean> {
    return (await this.store.get<boolean>(`${this.key}:done:${day}`))?.value === true;
  }

  /** True for the first replica to ask on a given day (a `YYYY-MM-DD`, or a Date's UTC day): that one composes and posts. */
  claimDay(day: Date | string): Promise<boolean> {
    const name = typeof day === 'string' ? day : day.toISOString().slice(0, 10);
    return this.store.claim(`${this.key}:day:${name}`, DAY_CLAIM_TTL_MS);
  }
}
