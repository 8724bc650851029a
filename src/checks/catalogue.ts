/**
 * The checks a flow may run, with their parameters and outcomes. The flow linter validates check
 * nodes against this; the channels run them through a CheckRunner.
 */
import type { CheckSpec } from './types';

/** Every cause id the DNS diagnosis can report, in order of importance when several apply. */
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
  ],
  // `error`: the check itself could not run (bad input, no resolver). The flow falls back to questions.
  outcomes: [...DNS_CAUSE_IDS.filter((id) => id !== COULD_NOT_CHECK), 'error'],
};

export const CHECK_CATALOGUE: Readonly<Record<string, CheckSpec>> = {
  [DNS_CHECK.name]: DNS_CHECK,
};
