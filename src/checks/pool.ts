/**
 * Checks under load: at most `concurrency` run at once, the rest wait in order (none is dropped), and a
 * check asked for while the same one (same check, same parameters) is already running or waiting joins it
 * instead of running again, so a channel full of people asking about one domain during an outage costs
 * one DNS check, and everyone gets its answer when that check ends. Every channel's conversations use the
 * pool (the server builds one around its check runner), so a burst of commands never starts more DNS
 * work than the event loop can carry, and the platform's acks stay fast.
 */
import type { CheckOutcome, CheckRunner } from '../core/checks';

/** Default of CERTSTATUS_CHECK_CONCURRENCY: checks running at once per process. */
export const DEFAULT_CHECK_CONCURRENCY = 8;

export interface CheckPoolOptions {
  /** Checks running at once (default DEFAULT_CHECK_CONCURRENCY). */
  concurrency?: number;
}

/** What a channel asks before its "checking" note: how long the queue in front of a new check is. */
export interface CheckQueue {
  /**
   * How many checks would run before this one if it were asked now: 0 when it starts at once or joins the
   * same check already running or waiting.
   */
  ahead(check: string, params: Record<string, string>): number;
}

interface Entry {
  key: string;
  start: () => void;
  outcome: Promise<CheckOutcome>;
  /** Callers after the first: each gets its own copy of the outcome. */
  joined: number;
}

export class CheckPool implements CheckQueue {
  private readonly concurrency: number;
  private readonly byKey = new Map<string, Entry>();
  private readonly waiting: Entry[] = [];
  private running = 0;
  /** Checks joined to one already asked (for tests, logs and the bench). */
  merged = 0;

  constructor(
    private readonly runner: CheckRunner,
    options: CheckPoolOptions = {},
  ) {
    this.concurrency = Math.max(1, Math.floor(options.concurrency ?? DEFAULT_CHECK_CONCURRENCY));
  }

  /** The pool as a CheckRunner (what conversations are given). */
  readonly run: CheckRunner = (check, params) => {
    const key = keyOf(check, params);
    const existing = this.byKey.get(key);
    if (existing) {
      existing.joined += 1;
      this.merged += 1;
      // A copy each, so one conversation changing what it got cannot change another's.
      return existing.outcome.then((outcome) => structuredClone(outcome));
    }
    let start!: () => void;
    const started = new Promise<void>((resolve) => (start = resolve));
    const entry: Entry = {
      key,
      start,
      joined: 0,
      outcome: started.then(() => this.runner(check, params)).finally(() => this.finished(entry)),
    };
    this.byKey.set(key, entry);
    if (this.running < this.concurrency) this.begin(entry);
    else this.waiting.push(entry);
    return entry.outcome;
  };

  ahead(check: string, params: Record<string, string>): number {
    if (this.byKey.has(keyOf(check, params)) || this.running < this.concurrency) return 0;
    // Everything waiting starts first, and then one running check has to end to free a place.
    return this.waiting.length + 1;
  }

  /** Checks running and waiting now. */
  get size(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting.length };
  }

  private begin(entry: Entry): void {
    this.running += 1;
    entry.start();
  }

  private finished(entry: Entry): void {
    this.running -= 1;
    this.byKey.delete(entry.key);
    const next = this.waiting.shift();
    if (next) this.begin(next);
  }
}

/** Same check, same parameters (in any order): one key. */
function keyOf(check: string, params: Record<string, string>): string {
  return JSON.stringify([check, Object.keys(params).sort().map((name) => [name, params[name]])]);
}
