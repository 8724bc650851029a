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
