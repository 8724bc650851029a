/** Nodes no path from `start` reaches: dead text that nobody will ever see (a warning, not an error). */
import { edgesOf } from '../edges';
import type { FlowProblem } from '../problems';
import type { LintContext } from './context';

export function unreachableNodes(ctx: LintContext): FlowProblem[] {
  const start = ctx.data.start;
  // Only meaningful when every edge is known and the start exists; otherwise other rules report first.
  if (!ctx.complete || typeof start !== 'string' || !ctx.nodeById.has(start)) return [];
  const seen = new Set<string>([start]);
  const queue = [start];
  while (queue.length) {
    const node = ctx.nodeById.get(queue.shift() as string);
    if (!node) continue;
    for (const { to } of edgesOf(node)) {
      if (!seen.has(to)) {
        seen.add(to);
        queue.push(to);
      }
    }
  }
  const handoff = typeof ctx.data.handoff === 'string' ? ctx.data.handoff : undefined;
  const firstHandoff = ctx.nodes.find(({ node }) => node.kind === 'handoff')?.node.id;
  return ctx.nodes
    // The handoff node is reached by the engine after repeated misunderstandings, not by an edge.
    .filter(({ node }) => !seen.has(node.id) && node.id !== (handoff ?? firstHandoff))
    .map(({ node, path }) =>
      ctx.problem({
        severity: 'warning',
        code: 'unreachable',
        path: [...path, 'id'],
        message: `node "${node.id}" cannot be reached from the start node "${start}"`,
        fix: 'point a choice, input or check outcome at it, or delete it',
      }),
    );
}
