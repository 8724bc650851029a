/**
 * When the daily digest is posted: once a day at a local time of day in a time zone (CERTSTATUS_DIGEST_*),
 * by one replica at a time (a claim per attempt in the shared store; a failed attempt is retried after
 * `retryMs`, a done day is marked so), and not at all when nothing changed
 * since the last one. The sweep, the posting and the clock are passed in, so this file does no DNS, knows
 * no chat platform, and is tested on a fake clock.
 */
import { asCodedError } from '../core/errors';
import type { Logger } from '../core/logger';
import type { Cause } from '../flow/types';
import type { Digest } from './digest';
import type { DigestSnapshotStore } from './digest-store';
import type { CertificateResult } from './sweep';

export interface DigestScheduleOptions {
  snapshots: DigestSnapshotStore;
  /** Today's sweep of the pending certificates (each name diagnosed). */
  sweep: () => Promise<CertificateResult[]>;
  /** The flow's cause table (which causes offer a watch), read at each run so a reloaded flow counts. */
  causes: () => Readonly<Record<string, Pick<Cause, 'watch'>>>;
  /** Posts the digest where it goes; throws when it could not. */
  post: (digest: Digest) => Promise<void>;
  /** Local time of day, `HH:MM`. */
  at: string;
  /** IANA time zone of `at` (default UTC). */
  timeZone?: string;
  logger: Logger;
  now?: () => number;
  /** How often to look whether it is time (default one minute). */
  tickMs?: number;
  /** After a failed attempt, how long until a replica tries again that day (default 15 minutes). */
  retryMs?: number;
}

export type DigestRun =
  | { kind: 'not-yet' }
  | { kind: 'done-today' }
  /** Another replica is at it (or failed less than `retryMs` ago). */
  | { kind: 'elsewhere' }
  | { kind: 'posted'; day: string; lines: number }
  | { kind: 'nothing-changed'; day: string }
  | { kind: 'failed'; day: string; message: string };

/** The local date (`YYYY-MM-DD`) and minutes since local midnight of `at` in `timeZone`. */
export function localClock(at: number, timeZone: string): { day: string; minutes: number } {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(new Date(at));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '00';
  return { day: `${get('year')}-${get('month')}-${get('day')}`, minutes: Number(get('hour')) * 60 + Number(get('minute')) };
}

export function minutesOf(hhmm: string): number {
  const [h = '0', m = '0'] = hhmm.split(':');
  return Number(h) * 60 + Number(m);
}

export class DigestSchedule {
  private timer?: NodeJS.Timeout;
  private running?: Promise<DigestRun>;
  private readonly now: () => number;

  constructor(private readonly options: DigestScheduleOptions) {
    this.now = options.now ?? Date.now;
  }

  /** One look: past the time of day and the day not claimed yet → claim, sweep, post if something changed. */
  async tick(): Promise<DigestRun> {
    const { options } = this;
    const { day, minutes } = localClock(this.now(), options.timeZone ?? 'UTC');
    if (minutes < minutesOf(options.at)) return { kind: 'not-yet' };
    if (await options.snapshots.isDone(day)) return { kind: 'done-today' };
    // Of all replicas, one attempt at a time; a failed one is retried by any replica once the claim lapses.
    if (!(await options.snapshots.claimAttempt(day, options.retryMs ?? 15 * 60_000))) return { kind: 'elsewhere' };
    try {
      const prepared = await options.snapshots.prepare(await options.sweep(), new Date(this.now()), options.causes());
      if (!prepared.digest) {
        await prepared.commit();
        await options.snapshots.markDone(day);
        options.logger.info({ day }, 'digest: nothing changed since the last one; nothing posted');
        return { kind: 'nothing-changed', day };
      }
      await options.post(prepared.digest);
      // Only a posted digest becomes "yesterday": what it said is what the next one compares with.
      await prepared.commit();
      await options.snapshots.markDone(day);
      options.logger.info({ day, lines: prepared.digest.lines.length }, 'digest posted');
      return { kind: 'posted', day, lines: prepared.digest.lines.length };
    } catch (error) {
      const message = asCodedError(error).message;
      options.logger.error({ day, err: error }, `digest not posted (tried again later today): ${message}`);
      return { kind: 'failed', day, message };
    }
  }

  start(): void {
    if (this.timer) return;
    const look = () => {
      // One look at a time: a slow sweep is not started twice.
      this.running ??= this.tick().finally(() => (this.running = undefined));
    };
    this.timer = setInterval(look, this.options.tickMs ?? 60_000);
    this.timer.unref();
    look();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => undefined);
  }
}
