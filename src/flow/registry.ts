/**
 * All flows of a directory, selected by id (`--flow ID`). A broken file disables itself only: the other
 * flows load, and asking for the broken one (or for the default flow when it is the broken one) fails with
 * its lint message, so a server refuses to start on a broken default but not on a broken side flow.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { CertstatusError, ErrorCode } from '../core/errors';
import { lintFlowFile, type ParseOptions } from './load';
import { formatProblem, plural, type FlowProblem } from './problems';
import { defaultFlowsDir } from './schema';
import type { LoadedFlow } from './types';

export const DEFAULT_FLOW_ID = 'pending-domain-verification';

/** A flow file that did not load; the others still do. */
export interface DisabledFlow {
  /** The file as shown to the user. */
  file: string;
  /** The flow's id when the file got far enough to name one, else the file name without extension. */
  id: string;
  /** Its errors (file:line:column each). */
  problems: FlowProblem[];
  /** One line, the lint message of its first error: `flows/x.yaml:15:7 error ... Fix: ... (and 1 more error)`. */
  summary: string;
}

export interface FlowRegistry {
  /** Throws CertstatusError(UnknownFlow) naming the ids available, or InvalidFlow for a disabled flow. */
  get(id: string): LoadedFlow;
  list(): LoadedFlow[];
  /** `pending-domain-verification` when present, else the first flow by file name; InvalidFlow when that one is broken. */
  readonly defaultFlow: LoadedFlow;
  /** Files that failed to load, in file order, for the start-up log and `flows list`. */
  readonly disabled?: readonly DisabledFlow[];
}

/** The `*.yaml` / `*.yml` files of a directory, sorted by name. */
export function flowFiles(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    throw new CertstatusError(ErrorCode.Config, `cannot read the flows directory ${dir}`);
  }
  return names.filter((n) => /\.ya?ml$/.test(n)).sort().map((n) => path.join(dir, n));
}

/** Loads every flow file of `dir`; a file with errors (or reusing an id) is disabled, the rest load. */
export function loadFlowsDir(dir: string = defaultFlowsDir(), options: ParseOptions = {}): FlowRegistry {
  const flows: LoadedFlow[] = [];
  const disabled: DisabledFlow[] = [];
  /** Ids in file order, loaded or not, so "the first flow by file name" stays the first file. */
  const order: string[] = [];
  for (const file of flowFiles(dir)) {
    const result = lintFlowFile(file, options);
    const id = result.flow?.id ?? result.id ?? path.basename(file).replace(/\.ya?ml$/, '');
    const twin = flows.find((f) => f.id === id);
    if (result.flow && !twin) {
      flows.push(result.flow);
      order.push(id);
      continue;
    }
    const shown = result.flow?.source ?? result.problems[0]?.file ?? file;
    const problems = twin
      ? [{
          severity: 'error' as const, file: shown, line: 1, column: 1, code: 'duplicate-flow-id',
          message: `flow id "${id}" is also used by ${twin.source}`, fix: 'give each flow file its own id',
        }]
      : result.problems.filter((p) => p.severity === 'error');
    disabled.push({ file: shown, id, problems, summary: summarize(problems) });
    // A duplicate keeps the id for the flow that loaded; a broken file holds its id so asking for it says why.
    if (!twin) order.push(id);
  }
  return createRegistry(flows, dir, disabled, order);
}

export function createRegistry(flows: LoadedFlow[], dir = '<memory>', disabled: DisabledFlow[] = [], order = flows.map((f) => f.id)): FlowRegistry {
  const byId = new Map(flows.map((f) => [f.id, f]));
  const brokenById = new Map(disabled.filter((d) => !byId.has(d.id)).map((d) => [d.id, d]));
  const available = () => (flows.length ? `available: ${flows.map((f) => f.id).join(', ')}` : `there are no flow files in ${dir}`);
  const get = (id: string): LoadedFlow => {
    const flow = byId.get(id);
    if (flow) return flow;
    const broken = brokenById.get(id);
    if (broken) throw new CertstatusError(ErrorCode.InvalidFlow, `flow "${id}" is disabled: ${broken.summary}`, broken.problems);
    throw new CertstatusError(ErrorCode.UnknownFlow, `no flow with id "${id}" (${available()})`);
  };
  return {
    get,
    list: () => [...flows],
    disabled,
    get defaultFlow(): LoadedFlow {
      const id = byId.has(DEFAULT_FLOW_ID) || brokenById.has(DEFAULT_FLOW_ID) ? DEFAULT_FLOW_ID : order[0];
      if (id === undefined) throw new CertstatusError(ErrorCode.UnknownFlow, `no flows to choose from (${available()})`);
      return get(id);
    },
  };
}

function summarize(problems: FlowProblem[]): string {
  const more = problems.length > 1 ? ` (and ${plural(problems.length - 1, 'more error')})` : '';
  return `${formatProblem(problems[0])}${more}`;
}
