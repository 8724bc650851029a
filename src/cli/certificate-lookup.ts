/**
 * The command line's side of certificate look-ups: opening the certificate source from the environment,
 * `check --certificate ID` (every name against its own record), the exit statuses, and printing a coded
 * failure as one line. `pending` (commands/pending.ts) uses the same pieces.
 */
import { CertstatusError, ErrorCode, asCodedError } from '../core/errors';
import { loadCcmConfig, type CcmConfig } from '../config/ccm';
import type { HuaweiScmSource as HuaweiScm } from '../certs/huawei-scm';
import { lookUpDomain } from '../certs/lookup';
import { checkCertificateNames, verdict, type CertificateResult, type NameResult } from '../certs/sweep';
import type { NameTarget } from '../certs/targets';
import type { CertificateSource } from '../certs/types';
import { diagnose } from '../dns/diagnose';
import type { DiagnoseOptions, Diagnosis } from '../dns/types';
import type { CliIo } from './io';

/**
 * Exit statuses of certificate look-ups, beside check's own (0 DNS right, 1 a cause, 2 bad input, 3 could
 * not check): 2 also for an id the service does not know, 4 for the certificate service failing.
 */
export const CERTIFICATE_EXIT = { ok: 0, found: 1, usage: 2, service: 4 } as const;

export const CERTIFICATE_EXIT_HELP = `
With --certificate ID: 2 also for a certificate id the service does not know, 4 the certificate service
failed (credentials refused, throttled, 5xx, no answer); with a DOMAIN beside the id its DNS check still
runs then. Reads Huawei Cloud SCM with HUAWEICLOUD_SDK_AK / HUAWEICLOUD_SDK_SK (CERTSTATUS_CCM_ENDPOINT).
With those set, a DOMAIN checked without --expect is compared with the value of the pending certificate
that covers it (one line on stderr says which); the service failing then is one line, not an exit status.
`;

/** DNS options shared by every name's check (everything but the name, value and record). */
export type DnsOptions = Omit<Partial<DiagnoseOptions>, 'expect' | 'recordName' | 'recordType'>;

const SERVICE_FAILURES: string[] = [ErrorCode.CcmAuth, ErrorCode.CcmThrottled, ErrorCode.CcmUnavailable, ErrorCode.CcmTimeout];

export function exitFor(error: CertstatusError): number {
  return SERVICE_FAILURES.includes(error.code) ? CERTIFICATE_EXIT.service : CERTIFICATE_EXIT.usage;
}

export function isServiceFailure(error: CertstatusError): boolean {
  return SERVICE_FAILURES.includes(error.code);
}

export interface OpenedSource {
  config: CcmConfig;
  source: CertificateSource;
}

/** The SCM source from the environment; a one-line CcmNotConfigured error without credentials. */
export function openCertificateSource(env: CliIo['env']): OpenedSource {
  const config = loadCcmConfig(env);
  if (!config.credentials) {
    throw new CertstatusError(
      ErrorCode.CcmNotConfigured,
      'Certificate look-ups need HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK in the environment (an access key of the account that holds the certificates).',
    );
  }
  // Loaded only when a certificate service is configured and asked (it brings the HTTP client and logger).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { HuaweiScmSource } = require('../certs/huawei-scm') as { HuaweiScmSource: typeof HuaweiScm };
  const source = new HuaweiScmSource({ endpoint: config.endpoint, credentials: config.credentials, timeoutMs: config.timeoutMs, maxRetryWaitMs: config.maxRetryWaitMs, concurrency: config.concurrency });
  return { config, source };
}

export function checkTarget(dns: DnsOptions): (target: NameTarget) => Promise<Diagnosis> {
  return (target) => diagnose(target.domain, { ...dns, expect: target.expect, recordName: target.recordName, recordType: target.recordType });
}

function sameName(a: string, b: string): boolean {
  return a.toLowerCase().replace(/\.$/, '') === b.toLowerCase().replace(/\.$/, '');
}

/** What `check --json` prints per name: the diagnosis, or `{domain, error}` when it could not run. */
export function nameJson(result: NameResult): unknown {
  return result.diagnosis ?? { domain: result.target.domain, error: result.error };
}

export interface CertificateCheckArgs {
  id: string;
  /** Given: only this name of the certificate (and the DNS check of it if the service fails). */
  domain?: string;
  json: boolean;
  dns: DnsOptions;
  io: CliIo;
  setExit: (code: number) => void;
  /** check's own text rendering of one diagnosis. */
  render: (d: Diagnosis, expect: string | undefined) => string;
  /** Tests pass a source; otherwise it is opened from io.env. */
  source?: CertificateSource;
}

function say(io: CliIo, message: string): void {
  io.stderr.write(`certstatus: ${message}\n`);
}

/** `certstatus check --certificate ID [DOMAIN]`. */
export async function runCertificateCheck(args: CertificateCheckArgs): Promise<void> {
  const { io } = args;
  let result: CertificateResult;
  try {
    const source = args.source ?? openCertificateSource(io.env).source;
    const certificate = await source.certificate(args.id.trim());
    if (args.domain !== undefined) {
      const name = certificate.names.find((n) => sameName(n, args.domain!));
      if (!name) {
        throw new CertstatusError(ErrorCode.Usage, `${args.domain} is not a name of certificate ${certificate.id}; its names: ${certificate.names.join(', ')}.`);
      }
      certificate.names = [name];
    }
    result = await checkCertificateNames(certificate, checkTarget(args.dns), 4);
  } catch (error) {
    const coded = asCodedError(error);
    if (coded.code === ErrorCode.Unknown) throw error;
    say(io, coded.message);
    if (args.domain !== undefined && coded.code !== ErrorCode.Usage) {
      // The service failed, the name is known: the DNS check runs anyway, without the expected value.
      const d = await diagnose(args.domain, { ...args.dns });
      io.stdout.write(args.json ? `${JSON.stringify(d, null, 2)}\n` : args.render(d, undefined));
    }
    args.setExit(exitFor(coded));
    return;
  }
  for (const notice of result.notices) say(io, notice.message);
  const notDns = result.notices.some((n) => n.code === ErrorCode.CcmNotDns);
  for (const name of result.names) if (name.target.note && !notDns) say(io, name.target.note);
  if (args.json) {
    const objects = result.names.map(nameJson);
    io.stdout.write(`${JSON.stringify(objects.length === 1 ? objects[0] : objects, null, 2)}\n`);
  } else {
    const { certificate } = result;
    const header = `Certificate ${certificate.id}${certificate.name ? ` (${certificate.name})` : ''}, ${certificate.status}: ${certificate.names.length} name${certificate.names.length === 1 ? '' : 's'}, each checked against its own record.\n\n`;
    io.stdout.write(header + result.names.map((n) => (n.diagnosis ? args.render(n.diagnosis, n.target.expect) : `${n.target.domain}: could not be checked: ${n.error}\n`)).join('\n'));
  }
  args.setExit(result.names.every((n) => verdict(n).state === 'right') ? CERTIFICATE_EXIT.ok : CERTIFICATE_EXIT.found);
}

/** What the certificate service says about a domain checked without `--expect`. */
export interface ServiceValue {
  expect?: string;
  recordName?: string;
  recordType?: 'TXT' | 'CNAME';
  /** One line for stderr: where the value came from, or why there is none. */
  line: string;
}

/**
 * `certstatus check DOMAIN` without `--expect` when the service is configured: the pending certificate that
 * covers DOMAIN gives the value the CA asked for. Undefined without credentials (nothing to say); a failing
 * service is one line and the DNS check runs without the value.
 */
export async function valueFromService(env: CliIo['env'], domain: string): Promise<ServiceValue | undefined> {
  let opened: OpenedSource;
  try {
    if (!loadCcmConfig(env).credentials) return undefined;
    opened = openCertificateSource(env);
  } catch (error) {
    return { line: asCodedError(error).message };
  }
  const found = await lookUpDomain({ source: opened.source, allow: opened.config.allow }, { channel: 'terminal' }, domain);
  switch (found.kind) {
    case 'found':
      return {
        expect: found.target.expect,
        recordName: found.target.recordName,
        recordType: found.target.recordType,
        line: `The record value comes from certificate ${found.certificate.id}${found.certificate.name ? ` (${found.certificate.name})` : ''} in the certificate service: ${found.target.expect}.`,
      };
    case 'none':
      return { line: `No certificate waiting on domain verification covers ${domain}, so its record value is not compared (give it with --expect).` };
    case 'refused':
      return { line: found.reason };
    case 'failed':
      return { line: `${found.error.message} The DNS check runs without the record value.` };
  }
}
