/** `start`, `handoff`, choice `next`, input `next` and check outcomes must name existing nodes. */
import { edgesOf } from '../edges';
import type { DataPath } from '../../core/yaml-locate';
import type { FlowProblem } from '../problems';
import { closest } from '../../core/suggest';
import type { LintContext } from './context';

/** Each suggestion compares with every node id; a bounded number keeps a file of many mistakes linear to lint. */
const MAX_SUGGESTIONS = 50;

export function unknownTargets(ctx: LintContext): FlowProblem[] {
  const problems: FlowProblem[] = [];
  let suggestions = 0;
  const check = (target: unknown, path: DataPath, what: string) => {
    if (typeof target !== 'string' || ctx.nodeIds.has(target)) return;
    const guess = suggestions++ < MAX_SUGGESTIONS ? closest(target, ctx.nodeIds) : undefined;
    problems.push(
      ctx.problem({
        code: 'unknown-node',
        path,
        message: `"${target}" (${what}) is not the id of any node`,
        fix: guess ? `did you mean "${guess}"?` : 'use the id of a node in this file, or add a node with this id',
      }),
    );
  };
  check(ctx.data.start, ['start'], '"start"');
  check(ctx.data.handoff, ['handoff'], '"handoff"');
  for (const { node, path } of ctx.nodes) {
    for (const edge of edgesOf(node)) {
      const what = node.kind === 'question' ? `the target of choice "${edge.label}"` : node.kind === 'check' ? `the target of outcome "${edge.label}"` : '"next"';
      check(edge.to, [...path, ...edge.path], what);
    }
  }
  return problems;
}
