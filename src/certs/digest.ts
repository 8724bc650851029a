/**
 * The daily digest's content, as a pure function of today's sweep, yesterday's snapshot and the time:
 * every name still waiting on verification (what is stuck, why, for how long), what changed since the
 * last digest, and nothing at all when nothing changed. Each stuck line carries a watch offer ("Notify me
 * when it takes effect") for the causes a watch can wait out (`watch: offer` in the flow's cause table).
 * Posting it is the channels' job.
 */
import type { NamesReply } from '../engine/replies';
import type { Cause } from '../flow/types';
import { isWatchable } from '../flow/watch';
import { verdict, type CertificateResult, type NameVerdict } from './sweep';

export interface SnapshotEntry {
  certificateId: string;
  certificateName?: string;
  domain: string;
  state: NameVerdict['state'];
  causes: string[];
  reason: string;
  /** When this name was first seen waiting (ISO 8601). */
  since: string;
}

export interface DigestSnapshot {
  takenAt: string;
  entries: SnapshotEntry[];
}

export interface WatchOffer {
  label: string;
  domain: string;
  expect?: string;
  recordName: string;
  recordType: 'TXT' | 'CNAME';
}

export type DigestChange = 'new' | 'changed' | 'unchanged';

export interface DigestLine extends SnapshotEntry {
  change: DigestChange;
  /** The value the name was checked against (from the certificate service), for its Details button. */
  expect?: string;
  /** For `changed`: what it was at the last digest. */
  before?: { state: NameVerdict['state']; causes: string[] };
  text: string;
  watch?: WatchOffer;
}

export interface DigestResolved {
  certificateId: string;
  domain: string;
  text: string;
}

export interface Digest {
  title: string;
  lines: DigestLine[];
  resolved: DigestResolved[];
  /** The whole digest as plain text (what a channel without cards posts). */
  text: string;
}

export const WATCH_LABEL = 'Notify me when it takes effect';

const key = (certificateId: string, domain: string) => `${certificateId} ${domain.toLowerCase()}`;
const signature = (e: { state: string; causes: string[] }) => `${e.state}:${e.causes.join(',')}`;

/** "for 3 days", "for 5 hours", "for less than an hour". */
export function howLong(sinceIso: string, now: Date): string {
  const ms = Math.max(0, now.getTime() - Date.parse(sinceIso));
  const hours = Math.floor(ms / 3_600_000);
  if (hours < 1) return 'for less than an hour';
  if (hours < 48) return `for ${hours} hour${hours === 1 ? '' : 's'}`;
  return `for ${Math.floor(hours / 24)} days`;
}

function describeState(state: NameVerdict['state'], causes: string[]): string {
  if (state === 'right') return 'DNS is right, waiting on the CA';
  if (state === 'unchecked') return 'could not be checked';
  return `stuck: ${causes.join(', ')}`;
}

function lineText(line: Omit<DigestLine, 'text'>, now: Date): string {
  const who = `${line.domain} (${line.certificateId}${line.certificateName ? ` ${line.certificateName}` : ''})`;
  const change =
    line.change === 'new' ? 'new since yesterday' : line.change === 'changed' && line.before ? `was ${describeState(line.before.state, line.before.causes)}` : 'unchanged';
  const offer = line.watch ? ` [${line.watch.label}]` : '';
  return `${who}: ${describeState(line.state, line.causes)} ${howLong(line.since, now)}: ${line.reason} (${change})${offer}`;
}

/**
 * Today's digest against `previous`. `digest` is undefined when nothing is new, changed or resolved
 * (nothing to post); `snapshot` is what to keep as the next "yesterday" once the digest is posted.
 */
export function composeDigest(
  results: CertificateResult[],
  previous: DigestSnapshot | undefined,
  now: Date,
  /** The flow's cause table: which causes offer a watch. */
  causes: Readonly<Record<string, Pick<Cause, 'watch'>>>,
): { digest?: Digest; snapshot: DigestSnapshot } {
  const before = new Map((previous?.entries ?? []).map((e) => [key(e.certificateId, e.domain), e]));
  const lines: DigestLine[] = [];
  for (const { certificate, names } of results) {
    for (const name of names) {
      const v = verdict(name);
      const old = before.get(key(certificate.id, name.target.domain));
      const since = old?.since ?? certificate.updatedAt ?? now.toISOString();
      const change: DigestChange = !old ? 'new' : signature(old) === signature(v) ? 'unchanged' : 'changed';
      const watch: WatchOffer | undefined =
        v.state === 'stuck' && isWatchable(causes, v.causes[0])
          ? { label: WATCH_LABEL, domain: name.target.domain, expect: name.target.expect, recordName: name.target.recordName, recordType: name.target.recordType }
          : undefined;
      const line: Omit<DigestLine, 'text'> = {
        certificateId: certificate.id,
        certificateName: certificate.name,
        domain: name.target.domain,
        state: v.state,
        causes: v.causes,
        reason: v.reason,
        since,
        change,
        ...(change === 'changed' && old ? { before: { state: old.state, causes: old.causes } } : {}),
        ...(watch ? { watch } : {}),
        ...(name.target.expect ? { expect: name.target.expect } : {}),
      };
      lines.push({ ...line, text: lineText(line, now) });
    }
  }
  const present = new Set(lines.map((l) => key(l.certificateId, l.domain)));
  const resolved: DigestResolved[] = (previous?.entries ?? [])
    .filter((e) => !present.has(key(e.certificateId, e.domain)))
    .map((e) => ({ certificateId: e.certificateId, domain: e.domain, text: `${e.domain} (${e.certificateId}): no longer waiting on verification (issued, cancelled or removed).` }));
  const snapshot: DigestSnapshot = {
    takenAt: now.toISOString(),
    entries: lines.map(({ certificateId, certificateName, domain, state, causes, reason, since }) => ({ certificateId, certificateName, domain, state, causes, reason, since })),
  };
  const changed = lines.filter((l) => l.change !== 'unchanged').length;
  if (changed === 0 && resolved.length === 0) return { snapshot };
  const certificates = new Set(lines.map((l) => l.certificateId)).size;
  const stuck = lines.filter((l) => l.state !== 'right').length;
  const title =
    `Certificates waiting on domain verification: ${lines.length} name${lines.length === 1 ? '' : 's'} on ${certificates} certificate${certificates === 1 ? '' : 's'}, ` +
    `${stuck} stuck in DNS; ${changed + resolved.length} change${changed + resolved.length === 1 ? '' : 's'} since yesterday.`;
  const text = [title, ...lines.map((l) => `- ${l.text}`), ...resolved.map((r) => `- ${r.text}`)].join('\n');
  return { digest: { title, lines, resolved, text }, snapshot };
}

const STATE_TITLE = { right: 'DNS is right, waiting on the CA', stuck: 'Stuck', unchecked: 'Could not be checked' } as const;

/** The digest as one card for the chat channels: a section per name, "notify me" on each stuck watchable line. */
export function digestCard(digest: Digest, now: Date): NamesReply {
  return {
    type: 'names',
    title: digest.title,
    notices: digest.resolved.map((r) => r.text),
    sections: digest.lines.map((line) => ({
      domain: line.domain,
      causeId: line.causes[0] ?? (line.state === 'right' ? 'ca-review-pending' : 'error'),
      state: line.state,
      title: `${line.certificateId}${line.certificateName ? ` ${line.certificateName}` : ''}: ${line.state === 'stuck' ? `${STATE_TITLE.stuck} (${line.causes.join(', ')})` : STATE_TITLE[line.state]} ${howLong(line.since, now)}`,
      line: `${line.reason} (${line.change === 'new' ? 'new since yesterday' : line.change === 'changed' ? `changed since yesterday${line.before ? `: was ${line.before.state}${line.before.causes.length ? ` (${line.before.causes.join(', ')})` : ''}` : ''}` : 'unchanged'})`,
      ...(line.expect ? { expect: line.expect } : {}),
      ...(line.watch ? { watch: true } : {}),
    })),
    summary: `${digest.lines.filter((l) => l.state === 'stuck').length} stuck, ${digest.lines.filter((l) => l.state === 'right').length} right and waiting on the CA, ${digest.resolved.length} no longer waiting.`,
  };
}
