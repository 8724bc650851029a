/** Every lint rule, run in this order over each flow file (each rule lives in its own file). */
import { checkOutcomes } from './check-outcomes';
import { checkParams } from './check-params';
import type { LintRule } from './context';
import { duplicateChoices } from './duplicate-choices';
import { duplicateNodeIds } from './duplicate-node-ids';
import { emptyText } from './empty-text';
import { handoffTarget } from './handoff-target';
import { messages } from './messages';
import { noExit } from './no-exit';
import { placeholders } from './placeholders';
import { reservedWords } from './reserved-words';
import { unknownCause } from './unknown-cause';
import { unknownCheck } from './unknown-check';
import { unknownTargets } from './unknown-targets';
import { unreachableNodes } from './unreachable';
import { unusedCauses } from './unused-causes';
import { watchCauses } from './watch-causes';

export type { LintContext, LintRule } from './context';

export const LINT_RULES: readonly LintRule[] = [
  duplicateNodeIds,
  unknownTargets,
  handoffTarget,
  duplicateChoices,
  reservedWords,
  unreachableNodes,
  noExit,
  unknownCheck,
  checkOutcomes,
  checkParams,
  unknownCause,
  unusedCauses,
  watchCauses,
  emptyText,
  placeholders,
  messages,
];
