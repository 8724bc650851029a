/**
 * Lint rules should see every node, even one with a typo elsewhere in it, so that one mistake does not
 * hide the others. This keeps a node when its id and kind are sound and drops only the fields the schema
 * would reject: bad choices leave the list, bad outcome targets leave the map, bad scalars become undefined
 * (rules check for that). The schema reports what was dropped.
 */
import type { Choice, FlowNode, NodeKind } from '../types';

const KINDS: readonly NodeKind[] = ['question', 'input', 'check', 'answer', 'handoff'];

export function sanitizeNode(raw: unknown): FlowNode | undefined {
  if (!isRecord(raw) || typeof raw.id !== 'string' || !KINDS.includes(raw.kind as NodeKind)) return undefined;
  const base = { id: raw.id, help: str(raw.help) };
  switch (raw.kind as NodeKind) {
    case 'question':
      return { ...base, kind: 'question', text: str(raw.text) as string, choices: choices(raw.choices) };
    case 'input':
      return {
        ...base, kind: 'input', text: str(raw.text) as string, capture: str(raw.capture) as string,
        next: str(raw.next) as string,
      };
    case 'check':
      return {
        ...base, kind: 'check', text: str(raw.text), check: str(raw.check) as string,
        params: isRecord(raw.params) ? stringValues(raw.params) : undefined,
        outcomes: isRecord(raw.outcomes) ? stringValues(raw.outcomes) : {}, default: str(raw.default),
      };
    case 'answer':
      return { ...base, kind: 'answer', cause: str(raw.cause) as string, text: str(raw.text) };
    case 'handoff':
      return { ...base, kind: 'handoff', text: str(raw.text) as string };
  }
}

function choices(raw: unknown): Choice[] {
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((c): Choice[] => {
    if (!isRecord(c) || typeof c.id !== 'string' || typeof c.label !== 'string') return [];
    const synonyms = Array.isArray(c.synonyms) ? c.synonyms.filter((s): s is string => typeof s === 'string') : undefined;
    return [{ id: c.id, label: c.label, synonyms, next: str(c.next) as string }];
  });
}

function stringValues(record: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => typeof v === 'string')) as Record<string, string>;
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
