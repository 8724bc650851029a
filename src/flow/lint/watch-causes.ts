/**
 * `watch:` in the cause table: a flow that offers watches needs a cause they wait for (`watch: goal`),
 * else a watch could never say that the change took effect; and a goal cause is never itself offered.
 */
import type { FlowProblem } from '../problems';
import type { LintContext } from './context';

export function watchCauses(ctx: LintContext): FlowProblem[] {
  const causes = ctx.data.causes && typeof ctx.data.causes === 'object' ? (ctx.data.causes as Record<string, { watch?: unknown } | null>) : {};
  const watchOf = (id: string) => (causes[id] && typeof causes[id] === 'object' ? causes[id]?.watch : undefined);
  const offered = [...ctx.causeIds].filter((id) => watchOf(id) === 'offer');
  const goals = [...ctx.causeIds].filter((id) => watchOf(id) === 'goal');
  if (!offered.length || goals.length) return [];
  return [
    ctx.problem({
      severity: 'warning',
      code: 'watch-without-goal',
      path: ['causes', offered[0] as string, 'watch'],
      message: `causes offer watches (${offered.join(', ')}) but no cause is the one a watch waits for`,
      fix: 'add watch: goal to the cause that means "the record is right" (e.g. ca-review-pending)',
    }),
  ];
}
