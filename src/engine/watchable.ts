/**
 * Which diagnoses a user can fix (or simply wait out) and then wait on, so the bot offers to watch the
 * domain and say when the change takes effect. Kept in one place: the engine offers the button from it,
 * the watch scheduler decides from it whether a new diagnosis is still worth watching.
 */

/** Causes that change on their own once the user's fix propagates (or a cache expires). */
export const WATCHABLE_CAUSES: ReadonlySet<string> = new Set([
  'ttl-not-elapsed',
  'nameservers-inconsistent',
  'record-missing',
  'wrong-platform',
  'record-misconfigured',
  'old-record-not-deleted',
  'dns-unreachable',
  'dnssec-failure',
  'caa-blocks-ca',
]);

// Not watchable: `ca-review-pending` (DNS is done; the CA's review is not visible in DNS),
// `ownership-not-verified` (a registrar process, not DNS), `domain-not-found` (most often a typo: a
// watch would run for two days on a name that will never exist).

/** The diagnosis a watch waits for: the record visible everywhere, the CA's turn. */
export const TOOK_EFFECT_CAUSE = 'ca-review-pending';

export function isWatchable(cause: string | undefined): boolean {
  return cause !== undefined && WATCHABLE_CAUSES.has(cause);
}
