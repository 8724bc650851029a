/** A check node must name a check the channels know how to run. */
import type { FlowProblem } from '../problems';
import { closest, quoteList } from '../../core/suggest';
import { checkSpec, type LintContext } from './context';

export function unknownCheck(ctx: LintContext): FlowProblem[] {
  const known = Object.keys(ctx.checks);
  return ctx.nodes.flatMap(({ node, path }) => {
    if (node.kind !== 'check' || typeof node.check !== 'string' || checkSpec(ctx, node.check)) return [];
    const guess = closest(node.check, known);
    return [
      ctx.problem({
        code: 'unknown-check',
        path: [...path, 'check'],
        message: `there is no check named "${node.check}"`,
        fix: guess ? `did you mean "${guess}"?` : known.length ? `use one of ${quoteList(known)}` : 'no checks are available here: remove the check node',
      }),
    ];
  });
}
