/**
 * Progress of a running check on stderr, only when stderr is a terminal (clig.dev): which server is being
 * asked and the time so far, on one line rewritten in place and wiped when the check ends. Piped or
 * redirected, nothing is written. No colour is used (so NO_COLOR has nothing to turn off); TERM=dumb and
 * CI=true turn the line off, as terminals there may not rewrite it.
 */
import type { DnsQuestion } from '../dns/types';
import type { CliIo } from './io';

export interface Progress {
  /** For DiagnoseOptions.onAsk. */
  onAsk(server: string, question: DnsQuestion): void;
  /** Names finished so far, for several names. */
  finished(name: string): void;
  /** Wipes the line. */
  done(): void;
}

const QUIET: Progress = { onAsk: () => undefined, finished: () => undefined, done: () => undefined };
/** At most one redraw per this many milliseconds. */
const REDRAW_MS = 100;

export function progressFor(io: CliIo, total: number, now: () => number = Date.now): Progress {
  const stream = io.stderr as NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  if (stream.isTTY !== true || io.env.TERM === 'dumb' || io.env.CI === 'true') return QUIET;
  const started = now();
  let shown = 0;
  let lastDraw = 0;
  let done = 0;
  const draw = (text: string) => {
    const width = Math.max(20, (stream.columns ?? 80) - 1);
    const line = text.length > width ? `${text.slice(0, width - 1)}…` : text;
    stream.write(`\r${line.padEnd(shown)}`);
    shown = line.length;
  };
  return {
    onAsk(server, question) {
      const t = now();
      if (t - lastDraw < REDRAW_MS) return;
      lastDraw = t;
      const count = total > 1 ? `[${done}/${total}] ` : '';
      draw(`${count}${((t - started) / 1000).toFixed(1)} s: asking ${server} for ${question.type} ${question.name}`);
    },
    finished() {
      done += 1;
    },
    done() {
      if (shown > 0) stream.write(`\r${' '.repeat(shown)}\r`);
      shown = 0;
    },
  };
}
