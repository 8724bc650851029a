/**
 * `certstatus check NAME...`: live DNS diagnosis of the verification record of each name (from the
 * arguments, or stdin one per line), a few at a time. Prints per name the cause(s) with the procedure
 * from the shipped flow and the evidence, plus a one-line summary for several names; or JSON (one
 * object, or an array in the order given). Exit status, the worst of the names: 0 DNS is right, 1 a cause
 * was found, 2 bad input (nothing checked), 3 could not check (our resolver or the time budget failed).
 */
import type { Command } from 'commander';
import { CertstatusError, ErrorCode } from '../../core/errors';
import { loadProviders } from '../../dns/analysis/providers';
import { COULD_NOT_CHECK } from '../../core/checks';
import { diagnoseMany, type NameDiagnosis } from '../../checks/check-many';
import { couldNotCheck } from '../../checks/dns-runner';
import { diagnose } from '../../dns/diagnose';
import { parseDomain } from '../../core/domain';
import { requiredValue } from '../../core/pasted';
import { parseServerAddress } from '../../dns/server-address';
import type { Diagnosis, DnsServer } from '../../dns/types';
import { CERTIFICATE_EXIT_HELP, runCertificateCheck, valueFromService } from '../certificate-lookup';
import { exitOf, procedureOf, renderHuman, summaryLine, worstExit } from '../check-render';
import { EXIT, type CliIo } from '../io';
import { progressFor } from '../progress';

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

export function registerCheck(program: Command, io: CliIo, setExit: (code: number) => void): void {
  program
    .command('check')
    .description('Diagnose with live DNS why a certificate stays in "Pending domain name verification".')
    .argument('[domain...]', 'the certificate names: a name, a wildcard, a URL or a Unicode name; several are checked together; - (or none, with stdin piped) reads them from stdin, one per line')
    .option('--expect <value>', 'the record value the CA asked for (from the certificate console; quotes and invisible characters are removed); with several names, for each of them')
    .option('--platform <id>', 'the DNS platform where you added the record (provider id or name)')
    .option('--ca <id>', 'the CA whose CAA permission is checked (default: the FAQ provider\'s CAs)')
    .option('--resolver <ip[:port]>', 'a recursive resolver to use instead of the system\'s (repeatable)', (v: string, all: string[]) => [...all, v], [] as string[])
    .option('--providers <file>', 'a DNS provider table (YAML) replacing the shipped one')
    .option('--timeout <ms>', 'time budget for the whole check in milliseconds', '10000')
    .option('--auth-port <port>', 'port of the authoritative nameservers', '53')
    .option('--ipv6 <mode>', "nameservers' IPv6 addresses: auto (ask them; no IPv6 route here is only a warning), on (no route is a failure), off (only for nameservers without IPv4)", 'auto')
    .option('--json', 'print one JSON object instead of text (several names or --certificate: an array, one object per name, in order); errors are JSON on stderr')
    .option('--certificate <id>', 'check every name of this certificate against the record the certificate service holds')
    .addHelpText('after', CERTIFICATE_EXIT_HELP)
    .action(async (domainArgs: string[], flags: CheckFlags) => {
      const names = domainArgs.length === 1 && domainArgs[0] === '-' ? await namesFromStdin(io) : domainArgs.length > 0 ? domainArgs : flags.certificate || isTerminal(io.stdin) ? [] : await namesFromStdin(io);
      if (names.length === 0 && !flags.certificate) throw usage("missing required argument 'domain' (or give --certificate ID, or names on stdin, one per line).");
      if (flags.certificate && names.length > 1) throw usage('--certificate takes at most one DOMAIN (a name of that certificate).');
      // Every name and the value are checked before any DNS query: bad input is exit 2, nothing checked.
      const parsed = names.map((name) => parseDomain(name));
      const expectFlag = flags.expect === undefined ? undefined : requiredValue(flags.expect, '--expect');
      const resolvers = flags.resolver.map(parseResolver);
      const timeoutMs = parseTimeout(flags.timeout ?? '10000');
      const authPort = parsePort(flags.authPort ?? '53', `--auth-port "${flags.authPort}"`);
      const ipv6 = parseIpv6(flags.ipv6 ?? 'auto');
      const providers = loadProviders(flags.providers);
      const dns = { platform: flags.platform, caId: flags.ca, resolvers: resolvers.length > 0 ? resolvers : undefined, providers, timeoutMs, queryTimeoutMs: Math.min(2000, timeoutMs), authPort, ipv6 };
      if (flags.certificate) {
        return runCertificateCheck({ id: flags.certificate, domain: names[0], json: Boolean(flags.json), dns, io, setExit, render: (d, expect) => renderHuman(d, { platform: flags.platform, expect }) });
      }
      for (const p of parsed) for (const w of p.warnings) io.stderr.write(`certstatus: warning: ${w}\n`);
      const progress = progressFor(io, names.length);
      const expects = new Map<number, string | undefined>();
      let results: NameDiagnosis[];
      try {
        results = await diagnoseMany(names, { ...dns, onAsk: progress.onAsk }, {
          perName: async (name, index) => {
            // No value typed: the certificate service knows it, when it is configured.
            const fromService = expectFlag === undefined ? await valueFromService(io.env, name) : undefined;
            if (fromService) io.stderr.write(`certstatus: ${fromService.line}\n`);
            const expect = expectFlag ?? fromService?.expect;
            expects.set(index, expect);
            return {
              expect,
              ...(fromService?.recordName ? { recordName: fromService.recordName } : {}),
              ...(fromService?.recordType ? { recordType: fromService.recordType } : {}),
            };
          },
          diagnoseOne: async (name, options) => {
            const d = await diagnose(name, options);
            progress.finished(name);
            return d;
          },
        });
      } finally {
        progress.done();
      }
      // A usage error (an unknown --platform or --ca) is the same for every name: the command's error.
      const failed = results.find((r) => r.error);
      if (failed?.error) throw new CertstatusError(failed.error.code as ErrorCode, failed.error.message);
      const diagnoses = results.map((r) => r.diagnosis as Diagnosis);
      if (flags.json) {
        const objects = diagnoses.map((d, i) => ({ ...d, exit: exitOf(d), procedure: procedureOf(d, { platform: flags.platform, expect: expects.get(i) }) }));
        io.stdout.write(`${JSON.stringify(objects.length === 1 ? objects[0] : objects, null, 2)}\n`);
      } else {
        io.stdout.write(diagnoses.map((d, i) => renderHuman(d, { platform: flags.platform, expect: expects.get(i) })).join('\n'));
        if (diagnoses.length > 1) io.stdout.write(`\n${summaryLine(results)}`);
      }
      for (const d of diagnoses.filter(couldNotCheck)) {
        const why = d.findings.find((f) => f.cause === COULD_NOT_CHECK && f.severity === 'error')?.message ?? 'the check could not be completed';
        io.stderr.write(flags.json ? `${JSON.stringify({ error: { code: COULD_NOT_CHECK, domain: d.domain, message: why, exit: EXIT.unchecked } })}\n` : `certstatus: could not check ${d.domain}: ${why}\n`);
      }
      setExit(worstExit(results));
    });
}

function isTerminal(stream: NodeJS.ReadableStream): boolean {
  return (stream as NodeJS.ReadableStream & { isTTY?: boolean }).isTTY === true;
}

/** Names on stdin, one per line; blank lines and `#` comments skipped. */
async function namesFromStdin(io: CliIo): Promise<string[]> {
  let text = '';
  for await (const chunk of io.stdin) text += String(chunk);
  return text
    .split(/\r?\n/)
    .map((line) => line.replace(/#.*$/, '').trim())
    .filter(Boolean);
}
