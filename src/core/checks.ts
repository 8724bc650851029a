/**
 * The check contract: what a flow's check node asks for, what a check answers, and the catalogue of
 * checks a flow may name. It sits in core because both sides speak it without knowing each other: the
 * flow linter and the engine (which only pass outcomes and evidence along) and the DNS diagnosis (which
 * produces them); src/checks runs a check and translates one into the other.
 */

/** One fact behind a diagnosis, in plain words: "ns1.example.net (authoritative) answered TXT "2026..." TTL 300". */
export interface Evidence {
  text: string;
  /** Server or source the fact came from, when there is one. */
  source?: string;
  /** TTL in seconds of the record the fact is about. */
  ttl?: number;
}

/** What the linter knows about a check. */
export interface CheckSpec {
  name: string;
  description: string;
  /** Parameter names the check accepts; `required` ones must be given by the flow. */
  params: { name: string; required: boolean }[];
  /** Every outcome the check can produce. */
  outcomes: string[];
}

/** The result of running a check, fed back to the engine as a `check-result` input. */
export interface CheckOutcome {
  /** One of the check's declared outcomes (for `dns`: the most important cause id, or `error`). */
  outcome: string;
  /** Every cause found, most important first (the DNS check can find several). */
  causes?: string[];
  /** One-line summary, e.g. "The record is on Cloudflare but the domain uses Huawei Cloud DNS". */
  summary?: string;
  /** Facts behind the outcome, shown on the cause card. */
  evidence?: Evidence[];
  /** Warnings worth showing whatever the cause (e.g. a TTL longer than 5 minutes). */
  warnings?: string[];
  /** Values the check learned that later nodes may use (e.g. `provider`), merged into the vars. */
  vars?: Record<string, string>;
}

/** The edge-side runner a channel uses to execute a `run-check` effect. */
export type CheckRunner = (check: string, params: Record<string, string>) => Promise<CheckOutcome>;

/**
 * Every cause id the DNS diagnosis can report, in order of importance when several apply. The flow's
 * cause table is keyed by these; the engine never names one.
 */
export const DNS_CAUSE_IDS = [
  'domain-not-found',
  'dns-unreachable',
  'dnssec-failure',
  'wrong-platform',
  'record-misconfigured',
  'old-record-not-deleted',
  'nameservers-inconsistent',
  'record-missing',
  'ttl-not-elapsed',
  'caa-blocks-ca',
  // Not a fault of the domain: the check's own resolver failed, it ran out of time, or the evidence for
  // an all-clear is missing. Reaches a flow as the `error` outcome (the check could not run).
  'could-not-check',
  'ca-review-pending',
] as const;

/** The cause id for "the check could not be completed" (exit status 3 on the command line). */
export const COULD_NOT_CHECK = 'could-not-check';

export const DNS_CHECK: CheckSpec = {
  name: 'dns',
  description: 'Live DNS diagnosis of the verification record (_dnsauth.<domain>) and the domain delegation.',
  params: [
    { name: 'domain', required: true },
    { name: 'expect', required: false },
    { name: 'platform', required: false },
    // Where the CA wants the record, when the certificate service says (`_dnsauth.{domain}`, TXT by default).
    { name: 'recordName', required: false },
    { name: 'recordType', required: false },
  ],
  // `error`: the check itself could not run (bad input, no resolver). The flow falls back to questions.
  outcomes: [...DNS_CAUSE_IDS.filter((id) => id !== COULD_NOT_CHECK), 'error'],
};

/** The checks a flow may run: the flow linter validates check nodes against this. */
export const CHECK_CATALOGUE: Readonly<Record<string, CheckSpec>> = {
  [DNS_CHECK.name]: DNS_CHECK,
};
