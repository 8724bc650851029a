/**
 * Findings about the verification record as the domain's own nameservers serve it: wrong type, wrong
 * or old values, servers that disagree, a record at the wrong name, or no record at all.
 */
import type { Evidence } from '../../core/checks';
import type { Finding } from '../types';
import { failureText, list, recordText, valueOf } from './describe';
import { judgeValue, looksLikeVerification, type RecordContext, type ServerValues } from './record-context';

export function wrongType(ctx: RecordContext, servers: ServerValues[]): Finding[] {
  const withCname = servers.filter((s) => s.cname.length > 0);
  if (withCname.length === 0) return [];
  const target = withCname[0].cname[0].target;
  return [
    {
      id: 'cname-instead-of-txt',
      cause: 'record-misconfigured',
      severity: 'error',
      message: `${ctx.o.verificationName} is a CNAME (to ${target}), but the CA expects a TXT record there: delete the CNAME and add a TXT record with the value.`,
      evidence: withCname.map((s) => ({ text: `${s.auth.server.label} answered ${recordText(s.cname[0])}`, source: s.auth.server.label, ttl: s.cname[0].ttl })),
    },
  ];
}

function serverSays(s: ServerValues, name: string, type: string): Evidence {
  if (s.records.length > 0) {
    return { text: `${s.auth.server.label} answered ${s.records.map(recordText).join(', ')}`, source: s.auth.server.label, ttl: s.records[0].ttl };
  }
  const r = s.auth.record;
  const none = r.kind === 'ok' && r.rcode === 3 ? `NXDOMAIN: ${name} does not exist` : `no ${type} record at ${name}`;
  return { text: `${s.auth.server.label} answered ${none}`, source: s.auth.server.label };
}

export function inconsistent(ctx: RecordContext, servers: ServerValues[]): Finding[] {
  const findings: Finding[] = [];
  const views = new Set(servers.map((s) => s.values.join('\n')));
  if (servers.length > 1 && views.size > 1) {
    findings.push({
      id: 'nameservers-disagree-on-record',
      cause: 'nameservers-inconsistent',
      severity: 'error',
      message: `The domain's nameservers do not give the same answer for ${ctx.o.verificationName}: the CA may ask the one that is wrong. Fix the zone on the provider so every nameserver serves the record (or wait for the secondary servers to sync).`,
      evidence: servers.map((s) => serverSays(s, ctx.o.verificationName, ctx.recordType)),
    });
  }
  const serials = servers.map((s) => ({ s, serial: s.auth.soa.kind === 'ok' ? s.auth.soa.answers.find((r) => r.type === 'SOA')?.soa?.serial : undefined }));
  const distinct = new Set(serials.map((x) => x.serial).filter((x) => x !== undefined));
  if (distinct.size > 1) {
    findings.push({
      id: 'soa-serials-differ',
      cause: 'nameservers-inconsistent',
      severity: 'error',
      message: `The domain's nameservers serve different versions of the zone ${ctx.o.zone} (SOA serials differ): some have not picked up the latest changes.`,
      evidence: serials.filter((x) => x.serial !== undefined).map((x) => ({ text: `${x.s.auth.server.label} serves zone serial ${x.serial}`, source: x.s.auth.server.label })),
    });
  }
  return findings;
}

export interface ValueFindings {
  findings: Finding[];
  /** Values at the verification name judged right (exact, or the current one without --expect). */
  right: string[];
}

export function values(ctx: RecordContext, servers: ServerValues[]): ValueFindings {
  const all = [...new Set(servers.flatMap((s) => s.values))];
  const several = all.length > 1;
  const verdicts = all.map((value) => ({ value, verdict: judgeValue(ctx, value, several) }));
  const where = (value: string): Evidence[] =>
    servers.flatMap((s) => s.records.filter((r) => valueOf(r) === value).map((r) => ({ text: `${s.auth.server.label} answered ${recordText(r)}`, source: s.auth.server.label, ttl: r.ttl })));
  const findings: Finding[] = [];
  const old = verdicts.filter((v) => v.verdict.kind === 'old');
  const wrong = verdicts.filter((v) => v.verdict.kind === 'wrong');
  const right = verdicts.filter((v) => v.verdict.kind === 'right').map((v) => v.value);
  if (old.length > 0) {
    findings.push({
      id: 'old-value-present',
      cause: 'old-record-not-deleted',
      severity: 'error',
      message: `${ctx.o.verificationName} still holds ${old.length === 1 ? 'a value' : 'values'} from an earlier certificate${right.length > 0 ? ' beside the current one' : ''}: ${old.map((v) => (v.verdict as { why: string }).why).join('; ')}. Delete the old record${old.length === 1 ? '' : 's'}${right.length > 0 ? '' : ' and add the value the CA asked for'}.`,
      evidence: old.flatMap((v) => where(v.value)),
    });
  }
  if (wrong.length > 0) {
    findings.push({
      id: 'value-differs',
      cause: 'record-misconfigured',
      severity: 'error',
      message: `The value at ${ctx.o.verificationName} is not exactly what the CA asked for: ${wrong.map((v) => (v.verdict as { why: string }).why).join('; ')}. Edit the record so the value is exactly the one shown in the certificate console, without quotes or spaces.`,
      evidence: wrong.flatMap((v) => where(v.value)),
    });
  }
  return { findings, right };
}

/** Records at the names users type by mistake: duplicated domain, missing underscore, the apex. */
export function misplaced(ctx: RecordContext, servers: ServerValues[]): Finding[] {
  const findings: Finding[] = [];
  ctx.o.misplacedNames.forEach((m, i) => {
    const evidence: Evidence[] = [];
    const sameName = m.name === ctx.o.verificationName;
    const fits = (value: string) => sameName || ((!m.needsValue || ctx.expect !== undefined) && looksLikeVerification(ctx, value));
    for (const s of servers) {
      const r = s.auth.misplaced[i];
      if (r?.kind !== 'ok') continue;
      for (const rec of r.answers.filter((a) => a.name === m.name && a.type === 'TXT' && fits(valueOf(a)))) {
        evidence.push({ text: `${s.auth.server.label} answered ${recordText(rec)} at ${m.name}`, source: s.auth.server.label, ttl: rec.ttl });
      }
    }
    for (const res of ctx.o.resolvers) {
      const r = res.misplaced[i];
      if (r?.kind !== 'ok' || evidence.length > 0) continue;
      for (const rec of r.answers.filter((a) => a.name === m.name && a.type === 'TXT' && fits(valueOf(a)))) {
        evidence.push({ text: `${res.server.label} answered ${recordText(rec)} at ${m.name}`, source: res.server.label, ttl: rec.ttl });
      }
    }
    if (evidence.length === 0) return;
    if (sameName) {
      findings.push({
        id: 'txt-instead-of-cname',
        cause: 'record-misconfigured',
        severity: 'error',
        message: `${m.name} has a TXT record, but this CA verifies with a CNAME record there: delete the TXT record and add a CNAME with the target from the certificate console.`,
        evidence,
      });
      return;
    }
    findings.push({
      id: 'record-at-wrong-name',
      cause: 'record-misconfigured',
      severity: 'error',
      message: `The verification record was found at ${m.name} (${m.why}); it must be at ${ctx.o.verificationName}, where the CA looks. In the DNS console, set the host record to "${hostRecord(ctx)}" (the console adds the domain itself).`,
      evidence,
    });
  });
  return findings;
}

function hostRecord(ctx: RecordContext): string {
  const zone = ctx.o.childZone?.name ?? ctx.o.zone ?? ctx.o.base;
  const name = ctx.o.verificationName;
  if (name === zone) return '@';
  return name.endsWith(`.${zone}`) ? name.slice(0, -zone.length - 1) : name;
}

export function missing(ctx: RecordContext, servers: ServerValues[]): Finding[] {
  const evidence: Evidence[] = servers.map((s) => serverSays(s, ctx.o.verificationName, ctx.recordType));
  for (const r of ctx.o.resolvers) {
    evidence.push({ text: `${r.server.label} ${r.record.kind === 'ok' ? (r.record.rcode === 3 ? 'answered NXDOMAIN' : `answered ${r.record.rcodeName} with no ${ctx.recordType} record`) : failureText(r.record)}`, source: r.server.label });
  }
  return [
    {
      id: 'no-record',
      cause: 'record-missing',
      severity: 'error',
      message: `There is no ${ctx.recordType} record at ${ctx.o.verificationName} on the domain's nameservers (${list(servers.map((s) => s.auth.server.name))}). Add it on the platform that hosts the domain, with host record "${hostRecord(ctx)}" and the value from the certificate console.`,
      evidence,
    },
  ];
}
