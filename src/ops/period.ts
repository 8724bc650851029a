/** `--since 7d` / `--until 2026-11-01`: a relative duration back from now, or a date or date-time (UTC unless a zone is given). */
import { CertstatusError, ErrorCode } from '../core/errors';

const UNIT_MS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 };

export function parseTimeArgument(flag: string, text: string, now: number): number {
  const trimmed = text.trim();
  const relative = /^(\d+)\s*([mhdw])$/i.exec(trimmed);
  if (relative) return now - Number(relative[1]) * UNIT_MS[relative[2]!.toLowerCase()]!;
  if (/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(trimmed)) {
    const iso = trimmed.replace(' ', 'T');
    const zoned = /T.*(Z|[+-]\d{2}:?\d{2})$/.test(iso) ? iso : iso.length === 10 ? `${iso}T00:00:00Z` : `${iso}Z`;
    const ms = Date.parse(zoned);
    if (!Number.isNaN(ms)) return ms;
  }
  throw new CertstatusError(ErrorCode.Usage, `${flag} must be a duration back from now (30m, 24h, 7d, 2w) or a date (2026-11-01, 2026-11-01T09:00), got "${text}".`);
}

export function parsePeriod(flags: { since?: string; until?: string }, now: number): { since: number; until: number } {
  const until = flags.until !== undefined ? parseTimeArgument('--until', flags.until, now) : now;
  const since = flags.since !== undefined ? parseTimeArgument('--since', flags.since, now) : until - UNIT_MS.d! * 7;
  if (since >= until) throw new CertstatusError(ErrorCode.Usage, '--since must be before --until.');
  return { since, until };
}
