/**
 * One evidence fact as a line of plain text, the same in every channel: the fact, then its source and TTL
 * in brackets unless the fact already says them (DNS evidence usually names the server and the TTL).
 */
import type { Evidence } from '../core/checks';

export function evidenceText(evidence: Evidence): string {
  const source = evidence.source && !evidence.text.includes(evidence.source) ? evidence.source : undefined;
  const ttl = evidence.ttl !== undefined && !/\bTTL\b/.test(evidence.text) ? `TTL ${evidence.ttl} s` : undefined;
  const details = [source, ttl].filter(Boolean);
  return details.length ? `${evidence.text} (${details.join(', ')})` : evidence.text;
}
