/**
 * CAA evaluation after RFC 8659: which CAA record set applies to a name, and whether it lets one of the
 * certificate's CAs issue. Pure: the caller queries the names from caaNamesToQuery and passes the answers.
 *
 * RFC 8659 s3: the relevant RRset is the first non-empty CAA RRset climbing from the name towards (not
 * including) the root; at a name that is an alias (CNAME), the CAA RRset of its target counts as the
 * name's own, and the climb goes on from the name's parent, not the target's. s4.1: a property with the
 * Issuer Critical flag (128) whose tag the CA does not understand forbids issuance. s4.2/s4.3: `issue`,
 * and `issuewild` for wildcard names when present. RFC 8657: `validationmethods` and `accounturi`
 * parameters narrow an issue property. A lookup that fails leaves the relevant RRset unknown.
 */

export interface CaaRecord {
  flags: number;
  tag: string;
  value: string;
}

export interface CaaRecordSet {
  name: string;
  records: CaaRecord[];
  /** The name is an alias: these are the CAA records of this target of its CNAME chain. */
  target?: string;
  /** The CAA query for the name failed (SERVFAIL, REFUSED, no reply): what came back. */
  failed?: string;
}

export interface CaaVerdict {
  allowed: boolean;
  /** The name whose CAA records decided (the first non-empty set climbing up); absent when there is none. */
  relevantName?: string;
  reason: string;
  /** Issuer domains the deciding property set allows (empty when none, or for `issue ";"`). */
  issuers: string[];
  /** The relevant name is an alias: the records are its target's. */
  target?: string;
  /** The climb stopped at a name whose CAA lookup failed, before any relevant RRset was found. */
  uncertain?: { name: string; detail: string };
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
 * `domain`, then each parent up to the top-level domain ("a.b.example.com" gives a.b.example.com,
 * b.example.com, example.com, com): RFC 8659 s3 climbs to, but not including, the root, so a CAA RRset
 * at a public suffix (a TLD, or a shared zone such as a hosting provider's) applies too.
 */
export function caaNamesToQuery(domain: string): string[] {
  const labels = clean(domain).split('.').filter((l) => l.length > 0);
  return labels.map((_, i) => labels.slice(i).join('.'));
}

interface IssueValue {
  issuer: string;
  malformed: boolean;
  /** RFC 8657 parameters, keys lower-cased. */
  parameters: Map<string, string>;
}

/**
 * The issuer domain of an issue/issuewild value ("digicert.com; cansignhttpexchanges=yes" -> "digicert.com").
 * '' when the value names no issuer (";" or empty); `malformed` when it is not a domain name, which RFC 8659
 * also treats as authorising no CA.
 */
function issuerOf(value: string): IssueValue {
  const [first, ...rest] = value.split(';');
  const domain = first.trim().toLowerCase().replace(/\.$/, '');
  const parameters = new Map<string, string>();
  for (const part of rest) {
    const eq = part.indexOf('=');
    if (eq > 0) parameters.set(part.slice(0, eq).trim().toLowerCase(), part.slice(eq + 1).trim());
  }
  if (domain === '') return { issuer: '', malformed: false, parameters };
  const valid = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$/.test(domain);
  return valid ? { issuer: domain, malformed: false, parameters } : { issuer: '', malformed: true, parameters };
}

/**
 * RFC 8657 s4: `validationmethods` lists the methods the CA may use. The certificate's domain is
 * proven by a DNS record, ACME's `dns-01`; a CA-specific method (`ca-...`) may be that too.
 */
function allowsDnsValidation(parameters: Map<string, string>): boolean {
  const methods = parameters.get('validationmethods');
  if (methods === undefined) return true;
  return methods.split(',').some((m) => m.trim().toLowerCase() === 'dns-01' || m.trim().toLowerCase().startsWith('ca-'));
}

function quoteList(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function recordText(name: string, record: CaaRecord): string {
  return `${name}. CAA ${record.flags} ${record.tag} "${record.value}"`;
}

export function evaluateCaa(sets: CaaRecordSet[], options: { wildcard: boolean; caIdentifiers: string[] }): CaaVerdict {
  const stop = sets.findIndex((set) => set.failed !== undefined || set.records.length > 0);
  const relevant = stop >= 0 ? sets[stop] : undefined;
  const queried = sets.length ? clean(sets[0].name) : 'the domain';
  if (relevant?.failed !== undefined) {
    const name = clean(relevant.name);
    return {
      allowed: true,
      issuers: [],
      uncertain: { name, detail: relevant.failed },
      reason: `The CAA records of ${name} could not be read (${relevant.failed}), so which CAA records apply to ${queried} is not known.`,
    };
  }
  if (!relevant) {
    return { allowed: true, reason: `No CAA records at ${queried} or its parents, so any CA may issue.`, issuers: [] };
  }
  const target = relevant.target ? clean(relevant.target) : undefined;
  const at = clean(relevant.name);
  const where = target ? `${at} (an alias of ${target}, whose CAA records apply)` : at;
  const fixAt = target ?? at;
  const records = relevant.records.map((record) => ({ ...record, tag: record.tag.toLowerCase() }));

  const critical = records.find((record) => (record.flags & ISSUER_CRITICAL) !== 0 && !KNOWN_TAGS.has(record.tag));
  if (critical) {
    return {
      allowed: false,
      relevantName: at,
      issuers: [],
      reason:
        `CAA at ${where} has the tag "${critical.tag}" marked critical (flag 128), which CAs do not understand, so none may issue; ` +
        `remove it or clear the flag: ${recordText(fixAt, { ...critical, flags: critical.flags & ~ISSUER_CRITICAL })}`,
      target,
    };
  }

  // RFC 8659 section 4.3: for a wildcard, issuewild replaces issue when present; otherwise issue applies to both.
  const wild = records.filter((record) => record.tag === 'issuewild');
  const tag = options.wildcard && wild.length > 0 ? 'issuewild' : 'issue';
  const property = records.filter((record) => record.tag === tag);
  if (property.length === 0) {
    const note = options.wildcard ? 'no issue or issuewild record' : 'no issue record';
    return { allowed: true, relevantName: at, issuers: [], reason: `CAA at ${where} has ${note}, so any CA may issue.`, target };
  }

  const parsed = property.map((record) => ({ record, ...issuerOf(record.value) }));
  const issuers = [...new Set(parsed.map((entry) => entry.issuer).filter((issuer) => issuer !== ''))];
  const malformed = parsed.filter((entry) => entry.malformed).map((entry) => `"${entry.record.value}"`);
  const wanted = options.caIdentifiers.map((id) => id.toLowerCase().replace(/\.$/, ''));
  const named = parsed.filter((entry) => entry.issuer !== '' && wanted.includes(entry.issuer));
  const usable = named.filter((entry) => allowsDnsValidation(entry.parameters));
  const matching = [...new Set(usable.map((entry) => entry.issuer))];
  const label = tag === 'issuewild' ? `CAA issuewild at ${where}` : `CAA at ${where}`;
  const precedence = tag === 'issuewild' && records.some((record) => record.tag === 'issue') ? ' (for a wildcard certificate issuewild overrides issue)' : '';

  if (matching.length > 0) {
    const account = usable.map((entry) => entry.parameters.get('accounturi')).find((uri) => uri !== undefined);
    const bound = account ? ` (only for the CA account ${account}: an order under another account is refused)` : '';
    return { allowed: true, relevantName: at, issuers, reason: `${label} allows ${quoteList(matching)}${precedence}${bound}.`, target };
  }
  if (named.length > 0) {
    const methods = named.map((entry) => entry.parameters.get('validationmethods')).join('; ');
    return {
      allowed: false,
      relevantName: at,
      issuers,
      target,
      reason: `${label} allows ${quoteList([...new Set(named.map((e) => e.issuer))])} only with validationmethods=${methods} (RFC 8657), which excludes proving the domain by a DNS record (dns-01); add dns-01 to the list: ${fixAt}. CAA 0 ${tag} "${named[0].issuer}; validationmethods=${methods},dns-01"`,
    };
  }
  const add = wanted[0] ? `${fixAt}. CAA 0 ${tag} "${wanted[0]}"` : undefined;
  if (issuers.length === 0) {
    const what = malformed.length
      ? `names no valid CA (${quoteList(malformed)} is not a CA domain name), so no CA may issue`
      : `forbids every CA (${tag} ";")`;
    return { allowed: false, relevantName: at, issuers, reason: `${label} ${what}${precedence}${add ? `; replace it with: ${add}` : ''}`, target };
  }
  return {
    allowed: false,
    relevantName: at,
    issuers,
    target,
    reason: `${label} allows only ${quoteList(issuers)}${precedence}${add ? `; add: ${add}` : '; no CA for this certificate is configured'}`,
  };
}
