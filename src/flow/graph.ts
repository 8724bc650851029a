/**
 * A flow as a Mermaid `flowchart TD`, for docs and reviews (`certstatus flows graph`). Node shapes say
 * the kind: question = rhombus, input = parallelogram, check = hexagon, answer = stadium, handoff =
 * flag. Labels are quoted with Mermaid's entity codes, so any text is safe to embed.
 */
import { edgesOf } from './edges';
import type { Flow, FlowNode } from './types';

const MAX_LABEL = 60;

/** How many conversations reached a node, and how many stopped there (the dashboard's counts). */
export interface NodeCounts {
  reached: number;
  stopped: number;
}

/** `counts`: per node id, drawn under each node's label; nodes where conversations stopped get the `stopped` class. */
export function flowToMermaid(flow: Flow, counts?: ReadonlyMap<string, NodeCounts>): string {
  const ids = mermaidIds(flow.nodes);
  const lines = ['flowchart TD', `  %% ${oneLine(flow.title)} (${flow.id} v${flow.version})`];
  lines.push(`  start_((start)) --> ${ids.get(flow.start) ?? 'missing_start'}`);
  for (const node of flow.nodes) lines.push(`  ${ids.get(node.id)}${shape(node, label(node, flow) + countLine(counts?.get(node.id), counts))}`);
  for (const node of flow.nodes) {
    for (const edge of edgesOf(node)) {
      const from = ids.get(node.id);
      const to = ids.get(edge.to) ?? `missing_${safeId(edge.to)}`;
      lines.push(edge.label === undefined ? `  ${from} --> ${to}` : `  ${from} -->|"${escape(edge.label)}"| ${to}`);
    }
  }
  lines.push('  classDef answer fill:#e6f4ea,stroke:#34a853');
  lines.push('  classDef handoff fill:#fce8e6,stroke:#ea4335');
  lines.push('  classDef check fill:#e8f0fe,stroke:#4285f4');
  for (const kind of ['answer', 'handoff', 'check'] as const) {
    const members = flow.nodes.filter((n) => n.kind === kind).map((n) => ids.get(n.id));
    if (members.length) lines.push(`  class ${members.join(',')} ${kind}`);
  }
  if (counts) {
    // Where conversations stopped short of an end (gave up or still open): the places a flow loses people.
    const stopped = flow.nodes.filter((n) => n.kind !== 'answer' && n.kind !== 'handoff' && (counts.get(n.id)?.stopped ?? 0) > 0).map((n) => ids.get(n.id));
    lines.push('  classDef stopped fill:#fef7e0,stroke:#b06000,stroke-width:3px');
    if (stopped.length) lines.push(`  class ${stopped.join(',')} stopped`);
  }
  return lines.join('\n') + '\n';
}

function countLine(count: NodeCounts | undefined, counts: ReadonlyMap<string, NodeCounts> | undefined): string {
  if (!counts) return '';
  const { reached = 0, stopped = 0 } = count ?? {};
  return `<br><i>${reached} reached${stopped ? `, ${stopped} stopped here` : ''}</i>`;
}

function shape(node: FlowNode, text: string): string {
  const quoted = `"${text}"`;
  switch (node.kind) {
    case 'question':
      return `{${quoted}}`;
    case 'input':
      return `[/${quoted}/]`;
    case 'check':
      return `{{${quoted}}}`;
    case 'answer':
      return `([${quoted}])`;
    case 'handoff':
      return `>${quoted}]`;
  }
}

/** "<b>id</b><br>first words of the text" (an answer shows its cause title). */
function label(node: FlowNode, flow: Flow): string {
  let text: string | undefined;
  if (node.kind === 'answer') text = flow.causes[node.cause]?.title ?? node.cause;
  else if (node.kind === 'check') text = `check: ${node.check}`;
  else text = node.text;
  return `<b>${escape(node.id)}</b><br>${escape(truncate(oneLine(text ?? '')))}`;
}

/** Mermaid ids: letters, digits and _ only, prefixed so words like `end` cannot clash with keywords. */
function mermaidIds(nodes: readonly FlowNode[]): Map<string, string> {
  const ids = new Map<string, string>();
  const used = new Set<string>();
  for (const node of nodes) {
    if (ids.has(node.id)) continue;
    let id = `n_${safeId(node.id)}`;
    for (let i = 2; used.has(id); i++) id = `n_${safeId(node.id)}_${i}`;
    used.add(id);
    ids.set(node.id, id);
  }
  return ids;
}

function safeId(id: string): string {
  return id.replace(/[^A-Za-z0-9_]/g, '_');
}

/** Mermaid entity codes: `#` first, since the others introduce `#`. */
export function escape(text: string): string {
  return text
    .replace(/#/g, '#35;')
    .replace(/"/g, '#quot;')
    .replace(/</g, '#lt;')
    .replace(/>/g, '#gt;')
    .replace(/\|/g, '#124;')
    .replace(/[{}[\]]/g, (c) => `#${c.charCodeAt(0)};`);
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function truncate(text: string): string {
  return text.length > MAX_LABEL ? `${text.slice(0, MAX_LABEL - 1)}…` : text;
}
