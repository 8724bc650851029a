/**
 * From what the certificate service says to what the DNS check needs: one target per name of the
 * certificate ({domain, expect, record name and type}), in the certificate's order, plus the one-line
 * notices that change how to read the result (issued already, email or file validation, a name without
 * a record). Pure: no I/O.
 */
import { CertstatusError, ErrorCode } from '../core/errors';
import { ISSUED_STATUS, type Certificate, type NameRecord } from './types';

export interface NameTarget {
  /** The certificate name, as the service gives it. */
  domain: string;
  /** The record value the CA asked for; undefined when the service gave none for this name. */
  expect?: string;
  /** Verification record name template for diagnose(), `{domain}` standing for the name without `*.`. */
  recordName: string;
  recordType: 'TXT' | 'CNAME';
  /** Why this name is checked without an expected value, when it is. */
  note?: string;
}

export interface CertificatePlan {
  certificate: Certificate;
  targets: NameTarget[];
  /** Coded one-line notices about the whole certificate (CcmIssued, CcmNotDns). */
  notices: CertstatusError[];
}

const DEFAULT_RECORD_NAME = '_dnsauth.{domain}';

function baseName(name: string): string {
  return name.toLowerCase().replace(/^\*\./, '').replace(/\.$/, '');
}

/** `_dnsauth.example.com` for example.com becomes `_dnsauth.{domain}`; a relative `_dnsauth` too. */
export function recordNameTemplate(recordName: string, domain: string): string {
  const name = recordName.toLowerCase().replace(/\.$/, '');
  const base = baseName(domain);
  if (name === base) return '{domain}';
  if (name.endsWith(`.${base}`)) return `${name.slice(0, -base.length - 1)}.{domain}`;
  if (!name.includes('.')) return `${name}.{domain}`;
  return name;
}

function recordFor(name: string, records: NameRecord[]): NameRecord | undefined {
  const lower = name.toLowerCase();
  return records.find((r) => r.domain.toLowerCase() === lower) ?? records.find((r) => baseName(r.domain) === baseName(name));
}

function methodWords(method: string): string {
  if (method === 'EMAIL') return 'by an email the CA sends to an address at the domain (approve it there)';
  if (method === 'FILE') return 'by a file on the web server (put it under /.well-known/pki-validation/)';
  return `by ${method.toLowerCase()}`;
}

export function planCertificate(certificate: Certificate): CertificatePlan {
  const notices: CertstatusError[] = [];
  const method = certificate.validationMethod;
  const dnsMethod = method === undefined || method === 'DNS';
  if (certificate.status === ISSUED_STATUS) {
    notices.push(new CertstatusError(ErrorCode.CcmIssued, `Certificate ${certificate.id} is issued already: nothing waits on DNS; the check shows what DNS serves now.`));
  }
  if (!dnsMethod) {
    notices.push(
      new CertstatusError(ErrorCode.CcmNotDns, `Certificate ${certificate.id} proves ownership ${methodWords(method)}, not by a DNS record; DNS is checked without an expected value.`),
    );
  }
  const targets = certificate.names.map((domain): NameTarget => {
    const record = dnsMethod ? recordFor(domain, certificate.records) : undefined;
    if (!record) {
      return {
        domain,
        recordName: DEFAULT_RECORD_NAME,
        recordType: 'TXT',
        note: dnsMethod
          ? `The certificate service gave no record for ${domain}; checked without an expected value.`
          : `Ownership of ${domain} is proved ${methodWords(method)}; DNS holds nothing to compare.`,
      };
    }
    return {
      domain,
      expect: record.recordValue,
      recordName: recordNameTemplate(record.recordName, domain),
      recordType: record.recordType === 'CNAME' ? 'CNAME' : 'TXT',
    };
  });
  return { certificate, targets, notices };
}
