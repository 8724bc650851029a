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
  'ca-review-pending',
] as const;

export const DNS_CHECK: CheckSpec = {
  name: 'dns',
  description: 'Live DNS diagnosis of the verification record (_dnsauth.<domain>) and the domain delegation.',
  params: [
    { name: 'domain', required: true },
    { name: 'expect', required: false },
    { name: 'platform', required: false },
  ],
  // `error`: the check itself could not run (bad input, no resolver). The flow falls back to questions.
  outcomes: [...DNS_CAUSE_IDS, 'error'],
};

export const CHECK_CATALOGUE: Readonly<Record<string, CheckSpec>> = {
  [DNS_CHECK.name]: DNS_CHECK,
};
