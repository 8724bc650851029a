/**
 * `certstatus check DOMAIN`: live DNS diagnosis of the verification record. Prints the cause(s) with
 * the procedure from the shipped flow and the evidence, or one JSON object with --json. Exit status:
 * 0 DNS is right, 1 a cause was found, 2 bad input, 3 could not check (our resolver or the time budget failed).
 */
import type { Command } from 'commander';
import { CertstatusError, ErrorCode } from '../../core/errors';
import { loadProviders } from '../../dns/analysis/providers';
import { couldNotCheck } from '../../checks/dns-runner';
import { diagnose } from '../../dns/diagnose';
import { parseDomain } from '../../core/domain';
import { parseServerAddress } from '../../dns/server-address';
import type { Diagnosis, DnsServer } from '../../dns/types';
import { fillPlaceholders } from '../../flow/placeholders';
import type { Cause } from '../../flow/types';
import { causeTexts } from '../cause-texts';
import { CERTIFICATE_EXIT_HELP, runCertificateCheck, valueFromService } from '../certificate-lookup';
import { EXIT, type CliIo } from '../io';

const usage = (message: string) => new CertstatusError(ErrorCode.Usage, message);

/** `192.0.2.53`, `192.0.2.53:5353`, `2001:db8::53`, `[2001:db8::53]:5353`. */
export function parseResolver(text: string): DnsServer {
  const parsed = parseServerAddress(text);
  if (parsed.ok) return { address: parsed.address, port: parsed.port };
  if (parsed.problem === 'port') throw usage(`--resolver "${text}": the port must be a number from 1 to 65535.`);
  throw usage(`--resolver "${text}" is not an IP address with an optional port, like 192.0.2.53, 192.0.2.53:5353 or [2001:db8::53]:5353.`);
}

function parsePort(text: string, what: string): number {
  const port = Number(text);
  if (!/^\d+$/.test(text) || port < 1 || port > 65535) throw usage(`${what}: the port must be a number from 1 to 65535.`);
  return port;
}

function parseTimeout(text: string): number {
  const ms = Number(text);
  if (!/^\d+$/.test(text) || ms < 100 || ms > 120000) throw usage(`--timeout "${text}": give the time budget in milliseconds, from 100 to 120000.`);
  return ms;
}

const IPV6_MODES = ['auto', 'on', 'off'] as const;
type Ipv6Mode = (typeof IPV6_MODES)[number];

function parseIpv6(text: string): Ipv6Mode {
  const mode = IPV6_MODES.find((m) => m === text.toLowerCase());
  if (!mode) throw usage(`--ipv6 "${text}": give auto (default), on or off.`);
  return mode;
}

interface CheckFlags {
  expect?: string;
  platform?: string;
  ca?: string;
  resolver: string[];
  providers?: string;
  timeout?: string;
  authPort?: string;
  ipv6?: string;
  json?: boolean;
  certificate?: string;
}

/** Compiled at build time; a broken shipped flow is an error with its lint message (exit 2). */
function loadCauses(): Record<string, Cause> | undefined {
  return causeTexts();
}

function renderHuman(d: Diagnosis, flags: CheckFlags): string {
  const lines: string[] = [];
  const causes = loadCauses();
  const vars = { domain: d.domain, expect: flags.expect, platform: flags.platform, provider: d.provider?.name };
  const fill = (text: string) => fillPlaceholders(text, vars);
  if (couldNotCheck(d)) {
    const finding = d.findings.find((f) => f.cause === 'could-not-check' && f.severity === 'error');
    const evidence = (finding?.evidence ?? []).map((e) => `  - ${e.text}`);
    const advice = finding?.id === 'resolvers-unreachable' ? 'Give a resolver that answers with --resolver IP[:PORT].' : 'Run the check again (a longer --timeout, or another --resolver IP[:PORT]).';
    return [`${d.domain} (${d.verificationName}): could not be checked [could-not-check]`, `  ${finding?.message ?? ''}`, `  ${advice}`, ...evidence, ''].join('\n');
  }
  const header = d.causes[0] === 'ca-review-pending' ? 'DNS is right' : d.causes.length === 1 ? 'Cause found' : `${d.causes.length} causes found`;
  lines.push(`${d.domain} (${d.verificationName}): ${header}${d.provider ? `; hosted by ${d.provider.name}` : ''}`);
  for (const id of d.causes) {
    const cause = causes?.[id];
    lines.push('');
    if (!cause) {
      lines.push(`[${id}]`);
      for (const f of d.findings.filter((x) => x.cause === id && x.severity !== 'warning')) lines.push(`  ${f.message}`);
      continue;
    }
    lines.push(`[${id}] ${fill(cause.title)}`);
    if (cause.summary) lines.push(`  ${fill(cause.summary)}`);
    cause.procedure.forEach((step, i) => lines.push(`  ${i + 1}. ${fill(step)}`));
    if (cause.after) lines.push(`  ${fill(cause.after)}`);
  }
  lines.push('', 'Evidence:');
  for (const f of d.findings.filter((x) => x.severity !== 'warning')) {
    lines.push(`  - ${f.message}`);
    for (const e of f.evidence) lines.push(`      ${e.text}`);
  }
  if (d.warnings.length > 0) {
    lines.push('', 'Warnings:');
    for (const w of d.warnings) lines.push(`  ! ${w}`);
  }
  lines.push('', `Checked in ${d.durationMs} ms.`);
  return `${lines.join('\n')}\n`;
}

/** 0 DNS is right, 3 could not check, 1 a cause was found. */
export function exitOf(d: Diagnosis): number {
  if (d.causes[0] === 'ca-review-pending') return EXIT.ok;
  return couldNotCheck(d) ? EXIT.unchecked : EXIT.found;
}

export function registerCheck(program: Command, io: CliIo, setExit: (code: number) => void): void {
  program
    .command('check')
    .description('Diagnose with live DNS why a certificate stays in "Pending domain name verification".')
    .argument('[domain]', 'the certificate domain: a name, a wildcard, a URL or a Unicode name (optional with --certificate)')
    .option('--expect <value>', 'the record value the CA asked for (from the certificate console)')
    .option('--platform <id>', 'the DNS platform where you added the record (provider id or name)')
    .option('--ca <id>', 'the CA whose CAA permission is checked (default: the FAQ provider\'s CAs)')
    .option('--resolver <ip[:port]>', 'a recursive resolver to use instead of the system\'s (repeatable)', (v: string, all: string[]) => [...all, v], [] as string[])
    .option('--providers <file>', 'a DNS provider table (YAML) replacing the shipped one')
    .option('--timeout <ms>', 'time budget for the whole check in milliseconds', '10000')
    .option('--auth-port <port>', 'port of the authoritative nameservers', '53')
    .option('--ipv6 <mode>', "nameservers' IPv6 addresses: auto (ask them; no IPv6 route here is only a warning), on (no route is a failure), off (only for nameservers without IPv4)", 'auto')
    .option('--json', 'print one JSON object instead of text (with --certificate: an array, one object per name)')
    .option('--certificate <id>', 'check every name of this certificate against the record the certificate service holds')
    .addHelpText('after', CERTIFICATE_EXIT_HELP)
    .action(async (domainArg: string | undefined, flags: CheckFlags) => {
      if (domainArg === undefined && !flags.certificate) throw usage("missing required argument 'domain' (or give --certificate ID).");
      if (domainArg !== undefined) parseDomain(domainArg);
      const resolvers = flags.resolver.map(parseResolver);
      const timeoutMs = parseTimeout(flags.timeout ?? '10000');
      const authPort = parsePort(flags.authPort ?? '53', `--auth-port "${flags.authPort}"`);
      const ipv6 = parseIpv6(flags.ipv6 ?? 'auto');
      const providers = loadProviders(flags.providers);
      const dns = { platform: flags.platform, caId: flags.ca, resolvers: resolvers.length > 0 ? resolvers : undefined, providers, timeoutMs, queryTimeoutMs: Math.min(2000, timeoutMs), authPort, ipv6 };
      if (flags.certificate) {
        return runCertificateCheck({ id: flags.certificate, domain: domainArg, json: Boolean(flags.json), dns, io, setExit, render: (d, expect) => renderHuman(d, { ...flags, expect }) });
      }
      // No value typed: the certificate service knows it, when it is configured.
      const fromService = flags.expect === undefined ? await valueFromService(io.env, domainArg!) : undefined;
      if (fromService) io.stderr.write(`certstatus: ${fromService.line}\n`);
      const expect = flags.expect ?? fromService?.expect;
      const diagnosis = await diagnose(domainArg!, {
        expect,
        ...(fromService?.recordName ? { recordName: fromService.recordName } : {}),
        ...(fromService?.recordType ? { recordType: fromService.recordType } : {}),
        platform: flags.platform,
        caId: flags.ca,
        resolvers: resolvers.length > 0 ? resolvers : undefined,
        providers,
        timeoutMs,
        queryTimeoutMs: Math.min(2000, timeoutMs),
        authPort,
        ipv6,
      });
      io.stdout.write(flags.json ? `${JSON.stringify(diagnosis, null, 2)}\n` : renderHuman(diagnosis, { ...flags, expect }));
      setExit(exitOf(diagnosis));
    });
}
