/**
 * Work in flight (HTTP requests, background checks and deliveries, event writes), so SIGTERM can stop
 * taking new work and wait for what was already accepted before closing the store.
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
