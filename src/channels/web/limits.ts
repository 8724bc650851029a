/**
 * Abuse limits of the web page: a token bucket per client (each name checked takes one token, refilled
 * evenly over a minute), and a cap on checks running at once for the whole page. A refusal says how many
 * seconds until the request would be accepted, for the 429's Retry-After.
 */

export type Admission = { ok: true; release: () => void } | { ok: false; retryAfterSeconds: number; reason: string };

interface Bucket {
  tokens: number;
  at: number;
}

/** Buckets kept before full (idle) ones are forgotten; a full bucket is the same as no bucket. */
const MAX_BUCKETS = 10_000;
/** A guess for the concurrency cap's Retry-After: a check takes a few seconds. */
const BUSY_RETRY_SECONDS = 5;

export class WebLimits {
  private readonly buckets = new Map<string, Bucket>();
  private running = 0;
  private readonly perMs: number;

  constructor(
    private readonly perMinute: number,
    private readonly maxConcurrent: number,
    private readonly now: () => number = Date.now,
  ) {
    this.perMs = perMinute / 60_000;
  }

  /** Admits `checks` checks for `client`, or says when to retry. Call `release` when they are done. */
  admit(client: string, checks: number): Admission {
    const wanted = Math.min(Math.max(checks, 1), this.perMinute);
    if (this.running + 1 > this.maxConcurrent) {
      return { ok: false, retryAfterSeconds: BUSY_RETRY_SECONDS, reason: `${this.maxConcurrent} checks are running already` };
    }
    const bucket = this.refilled(client);
    if (bucket.tokens < wanted) {
      const seconds = Math.max(1, Math.ceil((wanted - bucket.tokens) / this.perMs / 1000));
      return { ok: false, retryAfterSeconds: seconds, reason: `at most ${this.perMinute} checks a minute from one address` };
    }
    bucket.tokens -= wanted;
    this.buckets.set(client, bucket);
    this.running += 1;
    let released = false;
    return {
      ok: true,
      release: () => {
        if (released) return;
        released = true;
        this.running -= 1;
      },
    };
  }

  get inFlight(): number {
    return this.running;
  }

  private refilled(client: string): Bucket {
    const now = this.now();
    const bucket = this.buckets.get(client) ?? { tokens: this.perMinute, at: now };
    bucket.tokens = Math.min(this.perMinute, bucket.tokens + (now - bucket.at) * this.perMs);
    bucket.at = now;
    if (this.buckets.size > MAX_BUCKETS) this.forgetFull(now);
    return bucket;
  }

  private forgetFull(now: number): void {
    for (const [client, bucket] of this.buckets) {
      if (bucket.tokens + (now - bucket.at) * this.perMs >= this.perMinute) this.buckets.delete(client);
    }
  }
}
