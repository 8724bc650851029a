/**
 * CAA evaluation after RFC 8659: which CAA record set applies to a name, and whether it lets one of the
 * certificate's CAs issue. Pure: the caller queries the names from caaNamesToQuery and passes the answers.
 */

export interface CaaRecord {
  flags: number;
  tag: string;
  value: string;
}

export interface CaaRecordSet {
  name: string;
  records: CaaRecord[];
}

export interface CaaVerdict {
  allowed: boolean;
  /** The name whose CAA records decided (the first non-empty set climbing up); absent when there is none. */
  relevantName?: string;
  reason: string;
  /** Issuer domains the deciding property set allows (empty when none, or for `issue ";"`). */
  issuers: string[];
}

/** RFC 8659 section 4: bit 0 (value 128) of the flags byte. */
const ISSUER_CRITICAL = 128;
/**
 * Tags a CA understands: RFC 8659's own, the CA/Browser Forum contact tags and RFC 9495's issuemail, plus
 * issuevmc (BIMI). A critical tag outside this list forbids issuance.
 */
const KNOWN_TAGS = new Set(['issue', 'issuewild', 'iodef', 'contactemail', 'contactphone', 'issuemail', 'issuevmc']);

function clean(name: string): string {
  return name.trim().toLowerCase().replace(/\.+$/, '').replace(/^\*\./, '');
}

/**
 * `domain`, then each parent up to and including `registrable` ("a.b.example.com" under "example.com" gives
 * a.b.example.com, b.example.com, example.com). A domain outside `registrable` yields just itself.
 */
export function caaNamesToQuery(domain: string, registrable: string): string[] {
  const start = clean(domain);
  const stop = clean(registrable);
  if (start !== stop && !start.endsWith(`.${stop}`)) return [start];
  const names: string[] = [];
  let name = start;
  for (;;) {
    names.push(name);
    if (name === stop) return names;
    name = name.slice(name.indexOf('.') + 1);
  }
}

/**
 * The issuer domain of an issue/issuewild value ("digicert.com; cansignhttpexchanges=yes" -> "digicert.com").
 * '' when the value names no issuer (";" or empty); `malformed` when it is not a domain name, which RFC 8659
 * also treats as authorising no CA.
 */
function issuerOf(value: string): { issuer: string; malformed: boolean } {
  const domain = value.split(';', 1)[0].trim().toLowerCase().replace(/\.$/, '');
  if (domain === '') return { issuer: '', malformed: false };
  const valid = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$/.test(domain);
  return valid ? { issuer: domain, malformed: false } : { issuer: '', malformed: true };
}

function quoteList(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function recordText(name: string, record: CaaRecord): string {
  return `${name}. CAA ${record.flags} ${record.tag} "${record.value}"`;
}

export function evaluateCaa(sets: CaaRecordSet[], options: { wildcard: boolean; caIdentifiers: string[] }): CaaVerdict {
  const relevant = sets.find((set) => set.records.length > 0);
  const queried = sets.length ? clean(sets[0].name) : 'the domain';
  if (!relevant) {
    return { allowed: true, reason: `No CAA records at ${queried} or its parents, so any CA may issue.`, issuers: [] };
  }
  const at = clean(relevant.name);
  const records = relevant.records.map((record) => ({ ...record, tag: record.tag.toLowerCase() }));

  const critical = records.find((record) => (record.flags & ISSUER_CRITICAL) !== 0 && !KNOWN_TAGS.has(record.tag));
  if (critical) {
    return {
      allowed: false,
      relevantName: at,
      issuers: [],
      reason:
        `CAA at ${at} has the tag "${critical.tag}" marked critical (flag 128), which CAs do not understand, so none may issue; ` +
        `remove it or clear the flag: ${recordText(at, { ...critical, flags: critical.flags & ~ISSUER_CRITICAL })}`,
    };
  }

  // RFC 8659 section 4.3: for a wildcard, issuewild replaces issue when present; otherwise issue applies to both.
  const wild = records.filter((record) => record.tag === 'issuewild');
  const tag = options.wildcard && wild.length > 0 ? 'issuewild' : 'issue';
  const property = records.filter((record) => record.tag === tag);
  if (property.length === 0) {
    const note = options.wildcard ? 'no issue or issuewild record' : 'no issue record';
    return { allowed: true, relevantName: at, issuers: [], reason: `CAA at ${at} has ${note}, so any CA may issue.` };
  }

  const parsed = property.map((record) => ({ record, ...issuerOf(record.value) }));
  const issuers = [...new Set(parsed.map((entry) => entry.issuer).filter((issuer) => issuer !== ''))];
  const malformed = parsed.filter((entry) => entry.malformed).map((entry) => `"${entry.record.value}"`);
  const wanted = options.caIdentifiers.map((id) => id.toLowerCase().replace(/\.$/, ''));
  const matching = issuers.filter((issuer) => wanted.includes(issuer));
  const label = tag === 'issuewild' ? `CAA issuewild at ${at}` : `CAA at ${at}`;
  const precedence = tag === 'issuewild' && records.some((record) => record.tag === 'issue') ? ' (for a wildcard certificate issuewild overrides issue)' : '';

  if (matching.length > 0) {
    return { allowed: true, relevantName: at, issuers, reason: `${label} allows ${quoteList(matching)}${precedence}.` };
  }
  const add = wanted[0] ? `${at}. CAA 0 ${tag} "${wanted[0]}"` : undefined;
  if (issuers.length === 0) {
    const what = malformed.length
      ? `names no valid CA (${quoteList(malformed)} is not a CA domain name), so no CA may issue`
      : `forbids every CA (${tag} ";")`;
    return { allowed: false, relevantName: at, issuers, reason: `${label} ${what}${precedence}${add ? `; replace it with: ${add}` : ''}` };
  }
  return {
    allowed: false,
    relevantName: at,
    issuers,
    reason: `${label} allows only ${quoteList(issuers)}${precedence}${add ? `; add: ${add}` : '; no CA for this certificate is configured'}`,
  };
}
