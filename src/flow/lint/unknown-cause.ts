/** An answer must present a cause defined under `causes`. */
import type { FlowProblem } from '../problems';
import { closest } from '../../core/suggest';
import type { LintContext } from './context';

export function unknownCause(ctx: LintContext): FlowProblem[] {
  return ctx.nodes.flatMap(({ node, path }) => {
    if (node.kind !== 'answer' || typeof node.cause !== 'string' || ctx.causeIds.has(node.cause)) return [];
    const guess = closest(node.cause, ctx.causeIds);
    return [
      ctx.problem({
        code: 'unknown-cause',
        path: [...path, 'cause'],
        message: `cause "${node.cause}" is not defined under "causes"`,
        fix: guess ? `did you mean "${guess}"?` : `add "${node.cause}" under causes (title and procedure), or use an existing cause id`,
      }),
    ];
  });
}
