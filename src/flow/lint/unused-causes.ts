/** A cause no answer presents is text nobody will see (a warning). */
import type { FlowProblem } from '../problems';
import type { LintContext } from './context';

export function unusedCauses(ctx: LintContext): FlowProblem[] {
  const raw = Array.isArray(ctx.data.nodes) ? (ctx.data.nodes as unknown[]) : [];
  // Count causes named by any node, even a malformed one, so a broken answer does not add a warning.
  const used = new Set(raw.map((n) => (n as { cause?: unknown } | null)?.cause).filter((c) => typeof c === 'string'));
  return [...ctx.causeIds]
    .filter((id) => !used.has(id))
    .map((id) =>
      ctx.problem({
        severity: 'warning',
        code: 'unused-cause',
        path: ['causes', id],
        key: true,
        message: `cause "${id}" is not presented by any answer node`,
        fix: `add an answer node with cause: ${id}, or delete the cause`,
      }),
    );
}
