/**
 * The one tracker of work in flight: every channel's handling of an event after its ack (Slack), answers
 * posted after their request returned (Teams), stats event writes. SIGTERM stops taking new work and waits
 * for what was already accepted before closing the store; tests wait for `idle()` instead of sleeping.
 */
export class InFlight {
  private readonly pending = new Set<Promise<unknown>>();

  get size(): number {
    return this.pending.size;
  }

  /** Registers `work`; it leaves the set when it settles (its rejection is the caller's to handle). */
  track<T>(work: Promise<T>): Promise<T> {
    const settled = work.then(
      () => undefined,
      () => undefined,
    );
    this.pending.add(settled);
    void settled.then(() => this.pending.delete(settled));
    return work;
  }

  /** Resolves once nothing is in flight, including work started while waiting. */
  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.all(this.pending);
  }

  /**
   * Resolves true once nothing is in flight (including work started while waiting), or false when
   * `timeoutMs` passed first.
   */
  async drain(timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (this.pending.size > 0) {
      const left = deadline - Date.now();
      if (left <= 0) return false;
      let timer: NodeJS.Timeout | undefined;
      const timedOut = await Promise.race([
        Promise.all(this.pending).then(() => false),
        new Promise<boolean>((resolve) => {
          timer = setTimeout(() => resolve(true), left);
        }),
      ]);
      clearTimeout(timer);
      if (timedOut) return false;
    }
    return true;
  }
}
