/**
 * The shipped flow's cause texts (title, summary, procedure) for `certstatus check`: compiled to JSON at
 * build time, so a check does not load and lint the whole flow; from the flow files themselves when they
 * changed since the build (or in tests, which run from src/). A broken shipped flow is still an error
 * with its lint message (exit 2), not a card without procedures.
 */
import { compiledTable } from '../core/compiled';
import type * as FlowRegistry from '../flow/registry';
import type { Cause } from '../flow/types';

export const CAUSES_TABLE = 'causes';

export function causeTexts(): Record<string, Cause> | undefined {
  return compiledTable<Record<string, Cause>>(CAUSES_TABLE) ?? flowCauses();
}

/** From the flow files: parsed, validated and linted (what the build step compiles). */
export function flowCauses(): Record<string, Cause> | undefined {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { loadFlowsDir } = require('../flow/registry') as typeof FlowRegistry;
  return loadFlowsDir().defaultFlow.causes;
}
