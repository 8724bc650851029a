/** Finding the check a conversation can run again (for `recheck` and for watches). */
import { CHECK_CATALOGUE } from '../core/checks';
import type { CheckNode, LoadedFlow } from '../flow/types';
import { hasAllVars } from './template';

/** The check node to run again: the one that ran last, else the flow's first check. */
export function checkToRepeat(flow: LoadedFlow, checkNode: string | undefined): CheckNode | undefined {
  const last = checkNode ? flow.nodeById.get(checkNode) : undefined;
  if (last?.kind === 'check') return last;
  return flow.nodes.find((n): n is CheckNode => n.kind === 'check');
}

/** A check can run again when the parameters its catalogue entry requires have values. */
export function canRun(node: CheckNode, vars: Readonly<Record<string, string>>): boolean {
  const spec = CHECK_CATALOGUE[node.check];
  const required = spec ? spec.params.filter((p) => p.required).map((p) => p.name) : Object.keys(node.params ?? {});
  return required.every((name) => {
    const template = node.params?.[name];
    return template !== undefined && hasAllVars(template, vars);
  });
}
