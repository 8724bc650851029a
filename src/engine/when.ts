/** Times and durations in words, for messages the engine and the watches say (UTC: users are anywhere). */

/** "2026-11-29 10:00 UTC" */
export function utcMinute(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** "1 minute", "15 minutes", "2 hours", "48 hours", "3 days": rounded to the largest sensible unit. */
export function inWords(ms: number): string {
  const minutes = Math.max(1, Math.round(ms / 60_000));
  if (minutes < 120) return plural(minutes, 'minute');
  const hours = Math.round(minutes / 60);
  if (hours <= 72) return plural(hours, 'hour');
  return plural(Math.round(hours / 24), 'day');
}

function plural(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}
