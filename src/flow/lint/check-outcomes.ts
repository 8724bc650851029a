/**
 * A check node's `outcomes` may only use outcomes the check declares, and every declared outcome must
 * lead somewhere (mapped, or covered by `default`), or the conversation would stall on that result.
 */
import type { FlowProblem } from '../problems';
import { closest, quoteList } from '../../core/suggest';
import { checkSpec, type LintContext } from './context';

export function checkOutcomes(ctx: LintContext): FlowProblem[] {
  const problems: FlowProblem[] = [];
  for (const { node, path } of ctx.nodes) {
    if (node.kind !== 'check') continue;
    const spec = checkSpec(ctx, node.check);
    if (!spec) continue;
    for (const outcome of Object.keys(node.outcomes)) {
      if (spec.outcomes.includes(outcome)) continue;
      const guess = closest(outcome, spec.outcomes);
      problems.push(
        ctx.problem({
          code: 'unknown-outcome',
          path: [...path, 'outcomes', outcome],
          key: true,
          message: `check "${spec.name}" has no outcome "${outcome}"`,
          fix: guess ? `did you mean "${guess}"?` : `use one of ${quoteList(spec.outcomes, 20)}`,
        }),
      );
    }
    const unmapped = spec.outcomes.filter((o) => !Object.hasOwn(node.outcomes, o));
    if (node.default === undefined && unmapped.length > 0) {
      problems.push(
        ctx.problem({
          code: 'unmapped-outcome',
          path: [...path, 'outcomes'],
          key: true,
          message: `check "${spec.name}" can end with ${quoteList(unmapped, 20)}, which ${unmapped.length === 1 ? 'leads' : 'lead'} nowhere`,
          fix: 'map each of them under "outcomes", or add "default: <node id>" for the rest',
        }),
      );
    }
  }
  return problems;
}
