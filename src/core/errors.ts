/**
 * Errors that carry a code (after bolt-js's ErrorCode + asCodedError), so that every edge (CLI, Slack,
 * Teams) can turn a failure into a short message that says what to fix, never a stack trace.
 */
export enum ErrorCode {
  /** A domain the user typed cannot be a DNS name (IP address, empty, too long, bad characters). */
  InvalidDomain = 'certstatus_invalid_domain',
  /** A flow file failed schema or graph validation; `details` lists every problem. */
  InvalidFlow = 'certstatus_invalid_flow',
  /** No flow with the requested id. */
  UnknownFlow = 'certstatus_unknown_flow',
  /** Bad command-line usage or configuration value. */
  Usage = 'certstatus_usage',
  /** Configuration missing or rejected (tokens, secrets, files). */
  Config = 'certstatus_config',
  /** A DNS packet could not be decoded or did not match the query. */
  DnsMalformed = 'certstatus_dns_malformed',
  /** A DNS server did not answer in time. */
  DnsTimeout = 'certstatus_dns_timeout',
  /** Compare-and-set lost a race: someone else updated the conversation first. */
  Conflict = 'certstatus_conflict',
  /** Certificate service (Huawei Cloud SCM): our credentials or signature refused (401/403). */
  CcmAuth = 'certstatus_ccm_auth',
  /** Certificate service: throttled (429) for longer than we wait. */
  CcmThrottled = 'certstatus_ccm_throttled',
  /** Certificate service: failed (5xx) or answered something unreadable. */
  CcmUnavailable = 'certstatus_ccm_unavailable',
  /** Certificate service: no answer in time, or unreachable. */
  CcmTimeout = 'certstatus_ccm_timeout',
  /** Certificate service: no certificate with this id in the account (SCM.0020). */
  CcmUnknownCertificate = 'certstatus_ccm_unknown_certificate',
  /** Certificate service: the certificate is issued already; nothing waits on DNS. */
  CcmIssued = 'certstatus_ccm_issued',
  /** Certificate service: the certificate proves ownership by email or file, not by a DNS record. */
  CcmNotDns = 'certstatus_ccm_not_dns',
  /** Certificate look-ups not set up (no HUAWEICLOUD_SDK_AK / HUAWEICLOUD_SDK_SK) or not allowed here. */
  CcmNotConfigured = 'certstatus_ccm_not_configured',
  /** Anything else; the message is still meant for a human. */
  Unknown = 'certstatus_unknown',
}

export class CertstatusError extends Error {
  readonly code: ErrorCode;
  /** Extra structured detail (for example every flow problem), safe to show to users. */
  readonly details?: unknown;

  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'CertstatusError';
    this.code = code;
    this.details = details;
  }
}

/** Wrap anything thrown into a CertstatusError, keeping its message but never its stack for users. */
export function asCodedError(error: unknown): CertstatusError {
  if (error instanceof CertstatusError) return error;
  const message = error instanceof Error ? error.message : String(error);
  const wrapped = new CertstatusError(ErrorCode.Unknown, message);
  if (error instanceof Error) wrapped.stack = error.stack;
  return wrapped;
}
