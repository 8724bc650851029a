/** Two nodes with one id: every reference to it would be ambiguous. */
import type { FlowProblem } from '../problems';
import type { LintContext } from './context';

export function duplicateNodeIds(ctx: LintContext): FlowProblem[] {
  const raw = Array.isArray(ctx.data.nodes) ? (ctx.data.nodes as unknown[]) : [];
  const firstLine = new Map<string, number>();
  const problems: FlowProblem[] = [];
  raw.forEach((node, index) => {
    const id = (node as { id?: unknown } | null)?.id;
    if (typeof id !== 'string') return;
    const path = ['nodes', index, 'id'];
    const seenAt = firstLine.get(id);
    if (seenAt === undefined) {
      firstLine.set(id, ctx.locator.at(path).line);
      return;
    }
    problems.push(
      ctx.problem({
        code: 'duplicate-node-id',
        path,
        message: `node id "${id}" is already used by the node on line ${seenAt}`,
        fix: 'give this node a different id (and update the references meant for it)',
      }),
    );
  });
  return problems;
}
