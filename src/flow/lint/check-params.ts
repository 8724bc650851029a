/** A check node must give the check's required parameters and no parameters the check does not take. */
import type { FlowProblem } from '../problems';
import { closest, quoteList } from '../../core/suggest';
import { checkSpec, type LintContext } from './context';

export function checkParams(ctx: LintContext): FlowProblem[] {
  const problems: FlowProblem[] = [];
  for (const { node, path } of ctx.nodes) {
    if (node.kind !== 'check') continue;
    const spec = checkSpec(ctx, node.check);
    if (!spec) continue;
    const given = node.params ?? {};
    const names = spec.params.map((p) => p.name);
    for (const param of spec.params) {
      if (!param.required || Object.hasOwn(given, param.name)) continue;
      problems.push(
        ctx.problem({
          code: 'missing-check-param',
          path: [...path, node.params ? 'params' : 'check'],
          key: Boolean(node.params),
          message: `check "${spec.name}" needs the parameter "${param.name}"`,
          fix: `add under params: ${param.name}: "{{${param.name}}}"`,
        }),
      );
    }
    for (const name of Object.keys(given)) {
      if (names.includes(name)) continue;
      const guess = closest(name, names);
      problems.push(
        ctx.problem({
          code: 'unknown-check-param',
          path: [...path, 'params', name],
          key: true,
          message: `check "${spec.name}" takes no parameter "${name}"`,
          fix: guess ? `did you mean "${guess}"?` : `use ${quoteList(names)}`,
        }),
      );
    }
  }
  return problems;
}
