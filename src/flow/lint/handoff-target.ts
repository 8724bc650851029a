/**
 * The engine offers a human after repeated misunderstandings, so the flow needs a handoff node, and an
 * explicit `handoff` must name one.
 */
import type { FlowProblem } from '../problems';
import type { LintContext } from './context';

export function handoffTarget(ctx: LintContext): FlowProblem[] {
  const handoff = ctx.data.handoff;
  if (typeof handoff === 'string') {
    const node = ctx.nodeById.get(handoff);
    if (node && node.kind !== 'handoff') {
      return [
        ctx.problem({
          code: 'handoff-not-handoff',
          path: ['handoff'],
          message: `"handoff" names node "${handoff}", which is ${node.kind === 'answer' || node.kind === 'input' ? 'an' : 'a'} ${node.kind} node, not a handoff node`,
          fix: 'point "handoff" at a node of kind handoff',
        }),
      ];
    }
    return [];
  }
  if (ctx.complete && !ctx.nodes.some(({ node }) => node.kind === 'handoff')) {
    return [
      ctx.problem({
        severity: 'warning',
        code: 'no-handoff',
        path: ['nodes'],
        key: true,
        message: 'the flow has no handoff node, so users who are not understood cannot be passed to a human',
        fix: 'add a node with kind: handoff',
      }),
    ];
  }
  return [];
}
