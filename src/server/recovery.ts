/**
 * The recovery sweep: at start-up and every few seconds, the conversations a process left work in (replies
 * not posted, a check that was running when it died) are handed to their channel's kit, which posts them
 * where the conversation is. Work a live replica is doing is left to it; the conversation service decides.
 */
import type { Logger } from '../core/logger';

export interface RecoverySweepOptions {
  /** The conversations that may have such work. */
  pendingKeys: () => Promise<string[]>;
  /** One per channel; each ignores keys of other channels. */
  recoverers: ((key: string) => Promise<void>)[];
  logger: Logger;
  intervalMs?: number;
}

export const DEFAULT_RECOVERY_INTERVAL_MS = 2000;

export class RecoverySweep {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;

  constructor(private readonly options: RecoverySweepOptions) {}

  /** Sweeps now, then every interval (an overlapping sweep is skipped). */
  start(): void {
    void this.sweep();
    this.timer = setInterval(() => void this.sweep(), this.options.intervalMs ?? DEFAULT_RECOVERY_INTERVAL_MS);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** One pass over the pending conversations; resolves when it is done (tests). */
  sweep(): Promise<void> {
    if (this.running || this.stopped) return this.running ?? Promise.resolve();
    this.running = this.pass().finally(() => (this.running = undefined));
    return this.running;
  }

  private async pass(): Promise<void> {
    let keys: string[];
    try {
      keys = await this.options.pendingKeys();
    } catch (error) {
      this.options.logger.warn({ err: error }, 'recovery: could not list pending conversations');
      return;
    }
    for (const key of keys) {
      if (this.stopped) return;
      for (const recover of this.options.recoverers) {
        try {
          await recover(key);
        } catch (error) {
          this.options.logger.warn({ err: error, conversation: key }, 'recovery: could not take up a conversation');
        }
      }
    }
  }
}
