/** The outgoing edges of a node: where each choice, input or check outcome leads. */
import type { FlowNode } from './types';
import type { DataPath } from '../core/yaml-locate';

export interface Edge {
  to: string;
  /** Choice label, outcome name, `default`, or undefined for an input's single `next`. */
  label?: string;
  /** Path of the target reference inside the node (for locating problems). */
  path: DataPath;
}

export function edgesOf(node: FlowNode): Edge[] {
  // Targets can be missing in nodes the linter sanitized (the schema reports those); skip them here.
  return allEdges(node).filter((edge) => typeof edge.to === 'string');
}

function allEdges(node: FlowNode): Edge[] {
  switch (node.kind) {
    case 'question':
      return node.choices.map((choice, i) => ({ to: choice.next, label: choice.label, path: ['choices', i, 'next'] }));
    case 'input':
      return [{ to: node.next, path: ['next'] }];
    case 'check': {
      const edges: Edge[] = Object.entries(node.outcomes).map(([outcome, to]) => ({ to, label: outcome, path: ['outcomes', outcome] }));
      if (node.default !== undefined) edges.push({ to: node.default, label: 'default', path: ['default'] });
      return edges;
    }
    case 'answer':
    case 'handoff':
      return [];
  }
}

/** Answers and handoffs end a conversation. */
export function isEnd(node: FlowNode): boolean {
  return node.kind === 'answer' || node.kind === 'handoff';
}
