/**
 * `wrong-platform`: the record was added at a DNS provider that does not host the domain. Proof is the
 * record found on that provider's own nameservers while the domain is delegated elsewhere.
 */
import { providersOf, type DnsProvider } from '../analysis/providers';
import type { Evidence } from '../../core/checks';
import type { Finding } from '../types';
import { list, recordText, recordValues, valueOf } from './describe';
import type { ProviderCheck } from './observations';
import { looksLikeVerification, type RecordContext } from './record-context';

function hostedBy(ctx: RecordContext): string {
  const ns = ctx.o.delegationNs.length > 0 ? ctx.o.delegationNs : ctx.o.zoneNs;
  return ctx.delegated ? `${ctx.delegated.name} (${list(ns)})` : `the nameservers ${list(ns)}`;
}

export interface PlatformFindings {
  findings: Finding[];
  recordPlatform?: DnsProvider;
}

/** `recordOnAuth`: the domain's own servers already serve a right value, so another copy elsewhere is harmless. */
export function wrongPlatform(ctx: RecordContext, recordOnAuth: boolean): PlatformFindings {
  if (recordOnAuth) return { findings: [] };
  const name = ctx.o.verificationName;
  const proof = ctx.o.providerChecks.filter((c) => c.provider.id !== ctx.delegated?.id).flatMap((c) =>
    recordValues(c.response, name, ctx.recordType)
      .filter((r) => looksLikeVerification(ctx, valueOf(r)) || ctx.expect === undefined)
      .map((r) => ({ check: c, record: r })),
  );
  if (proof.length > 0) {
    const where = proof[0].check.provider;
    const evidence: Evidence[] = proof.map((p) => ({ text: `${p.check.server.label}, a nameserver of ${p.check.provider.name}, answered ${recordText(p.record)}`, source: p.check.server.label, ttl: p.record.ttl }));
    evidence.push({ text: `${ctx.o.base} is delegated to ${hostedBy(ctx)}, which ${ctx.o.authoritative.length > 0 ? 'do not serve that value' : 'were asked'}`, source: ctx.o.parentZone ? `parent zone ${ctx.o.parentZone}` : undefined });
    const hosted = undelegatedZone(ctx, proof.map((p) => p.check));
    if (hosted) {
      const servers = [...new Set(proof.filter((p) => p.check.provider.id === where.id).map((p) => p.check.server.name))];
      evidence.push({ text: `${hosted.check.server.label} holds it in a zone of its own, ${hosted.origin} (its SOA), and ${ctx.o.zone} has no NS records delegating ${hosted.origin}`, source: hosted.check.server.label });
      return {
        recordPlatform: where,
        findings: [
          {
            id: 'record-in-undelegated-zone',
            cause: 'record-misconfigured',
            severity: 'error',
            message: `The record was found in a hosted zone ${hosted.origin} at ${where.name} that ${ctx.o.zone} does not delegate to: the CA follows the nameservers of ${ctx.o.zone} (${hostedBy(ctx)}) and never asks that zone. Add the record in the zone ${ctx.o.zone} itself (and delete the separate zone ${hosted.origin}), or delegate ${hosted.origin} by adding NS records for it in ${ctx.o.zone} pointing to ${list(servers)}.`,
            evidence,
          },
        ],
      };
    }
    return {
      recordPlatform: where,
      findings: [
        {
          id: 'record-on-other-provider',
          cause: 'wrong-platform',
          severity: 'error',
          message: `The record was found at ${where.name} while the domain is delegated to ${hostedBy(ctx)}: nobody asks ${where.name} about this domain, so the CA cannot see it. Add the record at ${ctx.delegated?.name ?? 'the provider that runs those nameservers'} instead.`,
          evidence,
        },
      ],
    };
  }
  if (ctx.platform && ctx.delegated && ctx.platform.id !== ctx.delegated.id) {
    return {
      findings: [
        {
          id: 'platform-is-not-the-host',
          cause: 'wrong-platform',
          severity: 'error',
          message: `You added the record at ${ctx.platform.name}, but the domain is hosted by ${hostedBy(ctx)}. DNS verification only works on the platform that hosts the domain: add the record at ${ctx.delegated.name}.`,
          evidence: [{ text: `${ctx.o.base} is delegated to ${hostedBy(ctx)}`, source: ctx.o.parentZone ? `parent zone ${ctx.o.parentZone}` : undefined }],
        },
      ],
    };
  }
  return { findings: [] };
}

/**
 * One NS set spread over several providers (some Huawei Cloud, some another): each provider serves its
 * own copy of the zone, so the record must be added at every one of them. Named whatever the record.
 */
export function mixedProviders(nsNames: string[], providers: DnsProvider[]): Finding[] {
  const groups = providersOf(nsNames, providers);
  if (groups.length < 2 || !groups.some((g) => g.provider)) return [];
  const named = groups.map((g) => `${g.provider?.name ?? 'another provider'} (${list(g.names)})`);
  return [
    {
      id: 'mixed-providers',
      cause: 'nameservers-inconsistent',
      severity: 'warning',
      message: `The nameservers of the domain belong to different DNS providers: ${list(named)}. Each provider serves its own copy of the zone: add the verification record at every one of them (or move all nameservers to one provider), since the CA may ask any.`,
      evidence: groups.map((g) => ({ text: `${list(g.names)}: ${g.provider ? `nameservers of ${g.provider.name}` : 'nameservers of no provider this check knows'}` })),
    },
  ];
}

/** A provider's separate zone at a name strictly below the domain (`_dnsauth.example.com` created as a hosted zone), read from its SOA. */
function undelegatedZone(ctx: RecordContext, checks: ProviderCheck[]): { origin: string; check: ProviderCheck } | undefined {
  const { base, zone } = ctx.o;
  for (const check of checks) {
    const soa = check.zoneSoa;
    if (soa?.kind !== 'ok' || soa.rcode !== 0 || !soa.flags.aa) continue;
    const origin = [...soa.answers, ...soa.authority].find((r) => r.type === 'SOA')?.name;
    if (origin && origin.endsWith(`.${base}`) && origin !== zone && !ctx.o.childZone) return { origin, check };
  }
  return undefined;
}
