/** What the record findings share: the observations, the user's facts, and the values per server. */
import type { DnsProvider } from '../analysis/providers';
import { compareValue, isOlderValue, parseStamp } from '../analysis/record-value';
import type { DnsRecord } from '../types';
import { recordValues, valueOf } from './describe';
import { usableAuth } from './findings-servers';
import type { AuthServerResult, Observations } from './observations';

export interface RecordContext {
  o: Observations;
  expect?: string;
  recordType: 'TXT' | 'CNAME';
  now: Date;
  delegated?: DnsProvider;
  platform?: DnsProvider;
}

export interface ServerValues {
  auth: AuthServerResult;
  records: DnsRecord[];
  values: string[];
  /** A CNAME where a TXT is expected. */
  cname: DnsRecord[];
}

export function serverValues(ctx: RecordContext): ServerValues[] {
  const name = ctx.o.verificationName;
  return usableAuth(ctx.o).map((auth) => {
    const records = recordValues(auth.record, name, ctx.recordType);
    return {
      auth,
      records,
      values: [...new Set(records.map(valueOf))].sort(),
      cname: ctx.recordType === 'TXT' ? recordValues(auth.record, name, 'CNAME') : [],
    };
  });
}

export type Verdict = { kind: 'right' } | { kind: 'old'; why: string } | { kind: 'wrong'; why: string };

function stampText(value: string): string {
  const stamp = parseStamp(value);
  return stamp ? `dated ${stamp.toISOString().replace('T', ' ').slice(0, 16)} UTC` : 'without a date stamp';
}

/** Judges one value at the verification name; `several` when other values sit beside it. */
export function judgeValue(ctx: RecordContext, value: string, several: boolean): Verdict {
  if (ctx.expect !== undefined) {
    const cmp = compareValue(ctx.expect, value);
    if (cmp.kind === 'exact') return { kind: 'right' };
    if (cmp.kind !== 'different') return { kind: 'wrong', why: cmp.detail };
    if (isOlderValue(value, ctx.expect, ctx.now)) return { kind: 'old', why: `"${value}" is ${stampText(value)}, older than the value the CA asked for (${stampText(ctx.expect)})` };
    if (several) return { kind: 'old', why: `"${value}" is not the value the CA asked for` };
    return { kind: 'wrong', why: `"${value}" is not the value the CA asked for ("${ctx.expect}")` };
  }
  if (isOlderValue(value, undefined, ctx.now)) return { kind: 'old', why: `"${value}" is ${stampText(value)}, weeks old: it belongs to an earlier certificate` };
  if (/^["'\s]|["'\s]$/.test(value)) return { kind: 'wrong', why: `"${value}" has stray quotes or spaces around the value` };
  return { kind: 'right' };
}

/** A value that looks like a verification value (for records found at the wrong name or platform). */
export function looksLikeVerification(ctx: RecordContext, value: string): boolean {
  if (ctx.expect !== undefined) return compareValue(ctx.expect, value).kind !== 'different' || isOlderValue(value, ctx.expect, ctx.now);
  return parseStamp(value) !== undefined;
}
