/**
 * Every node must be able to reach an end (an answer or a handoff); otherwise users can get caught in a
 * loop with no way out. Computed backwards from the ends over the reversed edges.
 */
import { edgesOf, isEnd } from '../edges';
import type { FlowProblem } from '../problems';
import type { LintContext } from './context';

export function noExit(ctx: LintContext): FlowProblem[] {
  if (!ctx.complete) return [];
  const canEnd = new Set<string>();
  const incoming = new Map<string, string[]>();
  for (const { node } of ctx.nodes) {
    const edges = edgesOf(node);
    // An edge to an unknown node is reported by unknown-targets; count it as an exit to avoid a second error.
    if (isEnd(node) || edges.some(({ to }) => !ctx.nodeIds.has(to))) canEnd.add(node.id);
    for (const { to } of edges) incoming.set(to, [...(incoming.get(to) ?? []), node.id]);
  }
  const queue = [...canEnd];
  while (queue.length) {
    for (const from of incoming.get(queue.shift() as string) ?? []) {
      if (!canEnd.has(from)) {
        canEnd.add(from);
        queue.push(from);
      }
    }
  }
  return ctx.nodes
    .filter(({ node }) => !canEnd.has(node.id))
    .map(({ node, path }) => {
      const targets = [...new Set(edgesOf(node).map(({ to }) => `"${to}"`))].join(', ');
      return ctx.problem({
        code: 'no-exit',
        path: [...path, 'id'],
        message: `no answer or handoff can be reached from node "${node.id}": it only leads to ${targets || 'nothing'}, a loop with no exit`,
        fix: 'add a choice or outcome from this loop to an answer or handoff node',
      });
    });
}
