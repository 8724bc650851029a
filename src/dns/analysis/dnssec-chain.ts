/**
 * Judges the link between a parent zone's DS records and a zone's DNSKEYs, the step where a chain
 * most often breaks after a domain moves to another DNS provider. Signatures are not checked.
 */
import { dsDigest, keyTag, type DnskeyData, type DsData } from './dnssec-keys';

export type DsVerdict =
  /** The parent publishes no DS: the zone is not meant to be validated, the failure is elsewhere. */
  | { kind: 'no-ds' }
  /** DS at the parent, no DNSKEY in the zone: the zone is not signed where it is hosted now. */
  | { kind: 'unsigned-zone' }
  /** No DS key tag (with its algorithm) belongs to any of the zone's keys. */
  | { kind: 'stale-ds' }
  /** A DS names a key by tag and algorithm, but its digest is not that key's. */
  | { kind: 'digest-mismatch'; ds: DsData; key: DnskeyData; computed: string }
  /** A DS names a key by tag whose digest type we cannot compute: the link was not checked. */
  | { kind: 'digest-unchecked'; ds: DsData }
  /** A DS matches a DNSKEY: this link of the chain holds. */
  | { kind: 'ds-matches'; ds: DsData; key: DnskeyData };

export function judgeDs(zone: string, dsSet: DsData[], keys: DnskeyData[]): DsVerdict {
  if (dsSet.length === 0) return { kind: 'no-ds' };
  if (keys.length === 0) return { kind: 'unsigned-zone' };
  const named = dsSet.flatMap((ds) => keys.filter((k) => k.algorithm === ds.algorithm && keyTag(k) === ds.keyTag).map((key) => ({ ds, key, computed: dsDigest(zone, key, ds.digestType) })));
  // Validators need one DS that matches a key: a single good one is enough.
  const match = named.find((n) => n.computed === n.ds.digest);
  if (match) return { kind: 'ds-matches', ds: match.ds, key: match.key };
  const mismatch = named.find((n) => n.computed !== undefined);
  if (mismatch) return { kind: 'digest-mismatch', ds: mismatch.ds, key: mismatch.key, computed: mismatch.computed as string };
  if (named.length > 0) return { kind: 'digest-unchecked', ds: named[0].ds };
  return { kind: 'stale-ds' };
}
