/**
 * Evidence people can read: the same answer from several servers is one line ("ns1 (192.0.2.1), ns2
 * (192.0.2.2) answered TXT "2026…k7q2""), not one line per server, and the line that differs from the
 * rest comes first. For display only: the diagnosis (and `--json`) keeps every server's own line.
 */
import type { Evidence } from './checks';

interface Group {
  sources: string[];
  /** The text after the server's label ("answered TXT ..."). */
  rest: string;
  ttl?: number;
  first: number;
}

/** Groups lines `"<source> <rest>"` with the same rest; lines without a leading source stay as they are. */
export function groupEvidence(evidence: readonly Evidence[]): Evidence[] {
  const groups: Group[] = [];
  const out: { at: number; item: Evidence | Group }[] = [];
  evidence.forEach((e, i) => {
    const source = e.source;
    if (!source || !e.text.startsWith(`${source} `)) {
      out.push({ at: i, item: e });
      return;
    }
    const rest = e.text.slice(source.length);
    const group = groups.find((g) => g.rest === rest && g.ttl === e.ttl);
    if (group) {
      if (!group.sources.includes(source)) group.sources.push(source);
      return;
    }
    const created: Group = { sources: [source], rest, ttl: e.ttl, first: i };
    groups.push(created);
    out.push({ at: i, item: created });
  });
  if (groups.length < 2) return out.map(({ item }) => toEvidence(item));
  // The odd one out first: groups with fewer servers before the majority, order kept among equals.
  const ranked = [...groups].sort((a, b) => a.sources.length - b.sources.length || a.first - b.first);
  const slots = out.filter((o) => 'rest' in o.item).map((o) => o.at);
  const placed = new Map(slots.map((at, i) => [at, ranked[i]]));
  return out.map((o) => toEvidence('rest' in o.item ? (placed.get(o.at) as Group) : o.item));
}

function toEvidence(item: Evidence | Group): Evidence {
  if (!('rest' in item)) return item;
  const source = item.sources.join(', ');
  return { text: `${source}${item.rest}`, source, ...(item.ttl !== undefined ? { ttl: item.ttl } : {}) };
}
