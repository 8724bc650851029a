/**
 * `ttl-not-elapsed`: the nameservers already serve the right record but resolvers still hold an older
 * answer (a stale value, or a cached "no such record"), and when that cache runs out. Also the TTL
 * warning: a TTL over the FAQ's recommended 5 minutes slows every future change.
 */
import { describeExpiry, negativeCacheTtl } from '../analysis/negative-cache';
import type { Evidence } from '../../core/checks';
import type { Finding } from '../types';
import { recordText, recordValues, valueOf } from './describe';
import type { RecordContext, ServerValues } from './record-context';
import { readable } from './findings-servers';

const RECOMMENDED_TTL = 300;

function at(now: Date, seconds: number): string {
  return new Date(now.getTime() + seconds * 1000).toISOString().replace('T', ' ').slice(0, 16) + ' UTC';
}

export function propagation(ctx: RecordContext, right: string[]): Finding[] {
  if (right.length === 0) return [];
  const evidence: Evidence[] = [];
  let longest = 0;
  for (const r of ctx.o.resolvers) {
    const reply = r.record;
    // Only a readable answer (NOERROR, NXDOMAIN) can be a stale cache; REFUSED or SERVFAIL say nothing.
    if (!readable(reply)) continue;
    if (reply.kind !== 'ok') continue;
    const records = recordValues(reply, ctx.o.verificationName, ctx.recordType);
    if (records.some((rec) => right.includes(valueOf(rec)))) continue;
    if (records.length > 0) {
      const ttl = Math.min(...records.map((rec) => rec.ttl));
      longest = Math.max(longest, ttl);
      evidence.push({ text: `${r.server.label} still serves ${records.map(recordText).join(', ')} from its cache; it expires ${describeExpiry(ttl)} (${at(ctx.now, ttl)})`, source: r.server.label, ttl });
    } else {
      const soa = reply.authority.find((a) => a.type === 'SOA');
      const ttl = soa?.soa ? negativeCacheTtl({ ttl: soa.ttl, minimum: soa.soa.minimum }) : 0;
      longest = Math.max(longest, ttl);
      const said = reply.rcode === 3 ? 'NXDOMAIN (no such name)' : `no ${ctx.recordType} record`;
      evidence.push({ text: `${r.server.label} answered ${said} from its negative cache; it expires ${describeExpiry(ttl)} (${at(ctx.now, ttl)})`, source: r.server.label, ttl });
    }
  }
  if (evidence.length === 0) return [];
  return [
    {
      id: 'resolvers-serve-cached-answer',
      cause: 'ttl-not-elapsed',
      severity: 'error',
      message: `The domain's nameservers already serve the right record, but resolvers still answer from their cache; the cache expires ${describeExpiry(longest)} (${at(ctx.now, longest)}). Wait until then and check again.`,
      evidence,
    },
  ];
}

export function longTtl(ctx: RecordContext, servers: ServerValues[], right: string[]): Finding[] {
  const records = servers.flatMap((s) => s.records.filter((r) => right.includes(valueOf(r)) && r.ttl > RECOMMENDED_TTL).map((r) => ({ s, r })));
  if (records.length === 0) return [];
  const ttl = Math.max(...records.map((x) => x.r.ttl));
  return [
    {
      id: 'long-ttl',
      cause: 'ttl-not-elapsed',
      severity: 'warning',
      message: `The record's TTL is ${ttl} seconds, longer than the recommended 5 minutes (300 s): any change to it takes up to ${describeExpiry(ttl).replace(/^in /, '')} to be seen.`,
      evidence: records.map(({ s, r }) => ({ text: `${s.auth.server.label} answered ${recordText(r)}`, source: s.auth.server.label, ttl: r.ttl })),
    },
  ];
}
