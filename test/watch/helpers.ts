/** Shared pieces of the watch tests: a settable check runner, a recording notifier, a fake clock and timers. */
import type { CheckOutcome, CheckRunner } from '../../src/core/checks';
import type { Reply } from '../../src/engine/replies';
import { loadFlowsDir } from '../../src/flow/registry';
import type { CauseTexts } from '../../src/watch/notices';
import type { Timers } from '../../src/watch/scheduler';
import type { WatchNotifier, WatchRequest } from '../../src/watch/types';

export const MINUTE = 60_000;

/** The shipped flow's cause table and messages: its `watch:` fields decide what keeps a watch going. */
export const SHIPPED: CauseTexts = loadFlowsDir().defaultFlow;

export const HOUR = 60 * MINUTE;
/** 2026-11-27 10:00 UTC */
export const T0 = Date.UTC(2026, 10, 27, 10, 0);

export class Clock {
  time = T0;
  now = (): number => this.time;
  advance(ms: number): void {
    this.time += ms;
  }
}

/** A runner answering whatever `outcome` currently is, counting its calls. */
export class SettableRunner {
  outcome: CheckOutcome = { outcome: 'ttl-not-elapsed' };
  calls: { check: string; params: Record<string, string> }[] = [];
  /** When set, each call waits for it (to make two replicas overlap). */
  gate?: Promise<void>;
  run: CheckRunner = async (check, params) => {
    this.calls.push({ check, params });
    if (this.gate) await this.gate;
    return this.outcome;
  };
}

export class RecordingNotifier implements WatchNotifier {
  posts: { key: string; replies: Reply[] }[] = [];
  failing = false;
  async notify(key: string, replies: Reply[]): Promise<void> {
    if (this.failing) throw new Error('channel is down');
    this.posts.push({ key, replies });
  }
  texts(index = this.posts.length - 1): string[] {
    return (this.posts[index]?.replies ?? []).flatMap((r) => (r.type === 'text' ? [r.text] : []));
  }
}

/** Timers that run only when the test says so. */
export class ManualTimers implements Timers {
  pending = new Map<number, { run: () => void; ms: number }>();
  private next = 1;
  setTimeout(run: () => void, ms: number): unknown {
    const id = this.next++;
    this.pending.set(id, { run, ms });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.pending.delete(handle as number);
  }
  /** Runs every timer set so far (not the ones they set). */
  fire(): void {
    const due = [...this.pending.entries()];
    this.pending.clear();
    for (const [, timer] of due) timer.run();
  }
}

export const request = (over: Partial<WatchRequest> = {}): WatchRequest => ({
  conversationKey: 'slack:T1:C1:111.222',
  domain: 'shop.test',
  check: 'dns',
  params: { domain: 'shop.test', expect: '20261125093000k7q2m9x4w8p3' },
  cause: 'ttl-not-elapsed',
  ...over,
});
