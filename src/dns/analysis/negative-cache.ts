/**
 * How long resolvers may keep saying "no such record" after the record was added (RFC 2308 negative
 * caching), and how to say that in words.
 */

/** RFC 2308 section 5: a negative answer is cached for the lesser of the SOA record's own TTL and its MINIMUM field. */
export function negativeCacheTtl(soa: { ttl: number; minimum: number }): number {
  const ttl = Number.isFinite(soa.ttl) ? soa.ttl : 0;
  const minimum = Number.isFinite(soa.minimum) ? soa.minimum : 0;
  return Math.max(0, Math.floor(Math.min(ttl, minimum)));
}

function plural(count: number, unit: string): string {
  return `${count} ${unit}${count === 1 ? '' : 's'}`;
}

/** Whole units when exact ("in 4 minutes"), otherwise rounded with "about" ("in about 2 hours"). */
function inUnits(seconds: number, unitSeconds: number, unit: string): string {
  const count = Math.max(1, Math.round(seconds / unitSeconds));
  const exact = seconds % unitSeconds === 0;
  return `in ${exact ? '' : 'about '}${plural(count, unit)}`;
}

/**
 * "now", "in 45 seconds", "in 4 minutes", "in about 90 minutes", "in about 2 hours", "in 3 days".
 * Minutes are used up to two hours and hours up to two days, so a rounded figure is never off by half.
 */
export function describeExpiry(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds <= 0) return 'now';
  const whole = Math.ceil(seconds);
  if (whole < 60) return `in ${plural(whole, 'second')}`;
  if (whole < 2 * 3600) return inUnits(whole, 60, 'minute');
  if (whole < 2 * 86400) return inUnits(whole, 3600, 'hour');
  return inUnits(whole, 86400, 'day');
}
