/**
 * `certstatus pending [--json]`: every certificate the certificate service shows waiting on domain
 * verification, each name checked with live DNS against its own record. Exit status: 0 every name's DNS
 * is right, 1 some name is stuck or could not be checked, 2 bad input or no credentials, 4 the
 * certificate service failed.
 */
import type { Command } from 'commander';
import { CertstatusError, ErrorCode, asCodedError } from '../../core/errors';
import { loadProviders } from '../../dns/analysis/providers';
import { sweepPending, verdict, type CertificateResult } from '../../certs/sweep';
import { CERTIFICATE_EXIT, checkTarget, exitFor, nameJson, openCertificateSource } from '../certificate-lookup';
import type { CliIo } from '../io';
import { parseResolver } from './check';

interface PendingFlags {
  resolver: string[];
  providers?: string;
  timeout?: string;
  authPort?: string;
  json?: boolean;
}

function whole(text: string, what: string, min: number, max: number): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < min || n > max) throw new CertstatusError(ErrorCode.Usage, `${what} "${text}": give a whole number from ${min} to ${max}.`);
  return n;
}

const MARK = { right: 'DNS is right', stuck: 'stuck', unchecked: 'could not be checked' } as const;

export function renderPending(results: CertificateResult[]): string {
  if (results.length === 0) return 'No certificate waits on domain verification.\n';
  const lines = [`${results.length} certificate${results.length === 1 ? '' : 's'} wait${results.length === 1 ? 's' : ''} on domain verification.`];
  for (const { certificate, notices, names } of results) {
    lines.push('', `${certificate.id}${certificate.name ? ` ${certificate.name}` : ''} (${certificate.names.length} name${certificate.names.length === 1 ? '' : 's'})`);
    for (const notice of notices) lines.push(`  ! ${notice.message}`);
    for (const name of names) {
      const v = verdict(name);
      lines.push(`  ${name.target.domain}: ${MARK[v.state]}${v.causes.length ? ` [${v.causes.join(', ')}]` : ''}: ${v.reason}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

function pendingJson(results: CertificateResult[]): unknown {
  return results.map(({ certificate, notices, names }) => ({
    certificate: { id: certificate.id, name: certificate.name, status: certificate.status, validationMethod: certificate.validationMethod, names: certificate.names },
    notices,
    names: names.map((n) => ({ domain: n.target.domain, expect: n.target.expect, verdict: verdict(n), diagnosis: nameJson(n) })),
  }));
}

export function registerPending(program: Command, io: CliIo, setExit: (code: number) => void): void {
  program
    .command('pending')
    .description('List every certificate waiting on domain verification (Huawei Cloud SCM), with a live DNS diagnosis per name.')
    .option('--resolver <ip[:port]>', "a recursive resolver to use instead of the system's (repeatable)", (v: string, all: string[]) => [...all, v], [] as string[])
    .option('--providers <file>', 'a DNS provider table (YAML) replacing the shipped one')
    .option('--timeout <ms>', 'time budget of each name\'s DNS check in milliseconds', '10000')
    .option('--auth-port <port>', 'port of the authoritative nameservers', '53')
    .option('--json', 'print a JSON array: per certificate its names, notices and a verdict and diagnosis per name')
    .addHelpText('after', '\nExit status: 0 every name\'s DNS is right, 1 a name is stuck or could not be checked, 2 bad input or no credentials, 4 the certificate service failed.\nNeeds HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK (and CERTSTATUS_CCM_ENDPOINT for another endpoint).\n')
    .action(async (flags: PendingFlags) => {
      const resolvers = flags.resolver.map(parseResolver);
      const timeoutMs = whole(flags.timeout ?? '10000', '--timeout', 100, 120_000);
      const authPort = whole(flags.authPort ?? '53', '--auth-port', 1, 65535);
      const providers = loadProviders(flags.providers);
      const dns = { resolvers: resolvers.length ? resolvers : undefined, providers, timeoutMs, queryTimeoutMs: Math.min(2000, timeoutMs), authPort };
      let results: CertificateResult[];
      try {
        const { source, config } = openCertificateSource(io.env);
        results = await sweepPending(source, checkTarget(dns), config.concurrency);
      } catch (error) {
        const coded = asCodedError(error);
        if (coded.code === ErrorCode.Unknown) throw error;
        io.stderr.write(`certstatus: ${coded.message}\n`);
        setExit(exitFor(coded));
        return;
      }
      io.stdout.write(flags.json ? `${JSON.stringify(pendingJson(results), null, 2)}\n` : renderPending(results));
      const allRight = results.every((r) => r.names.every((n) => verdict(n).state === 'right'));
      setExit(allRight ? CERTIFICATE_EXIT.ok : CERTIFICATE_EXIT.found);
    });
}
