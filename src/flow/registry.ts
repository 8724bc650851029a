/** All flows of a directory, selected by id (`--flow ID`). */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { CertstatusError, ErrorCode } from '../core/errors';
import { lintFlowFile, type ParseOptions } from './load';
import { plural, type FlowProblem } from './problems';
import { defaultFlowsDir } from './schema';
import type { LoadedFlow } from './types';

export const DEFAULT_FLOW_ID = 'pending-domain-verification';

export interface FlowRegistry {
  /** Throws CertstatusError(UnknownFlow) naming the ids available. */
  get(id: string): LoadedFlow;
  list(): LoadedFlow[];
  /** `pending-domain-verification` when present, else the first flow by file name. */
  readonly defaultFlow: LoadedFlow;
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

/** Loads every flow file of `dir`; any error in any file throws InvalidFlow with every problem in `details`. */
export function loadFlowsDir(dir: string = defaultFlowsDir(), options: ParseOptions = {}): FlowRegistry {
  const flows: LoadedFlow[] = [];
  const problems: FlowProblem[] = [];
  for (const file of flowFiles(dir)) {
    const result = lintFlowFile(file, options);
    problems.push(...result.problems.filter((p) => p.severity === 'error'));
    if (!result.flow) continue;
    const twin = flows.find((f) => f.id === result.flow?.id);
    if (twin) {
      problems.push({
        severity: 'error', file: result.flow.source, line: 1, column: 1, code: 'duplicate-flow-id',
        message: `flow id "${twin.id}" is also used by ${twin.source}`, fix: 'give each flow file its own id',
      });
      continue;
    }
    flows.push(result.flow);
  }
  if (problems.length) {
    const files = new Set(problems.map((p) => p.file));
    const first = problems[0];
    const summary = `${plural(problems.length, 'error')} in ${[...files].join(', ')} (first: ${first.file}:${first.line}:${first.column} ${first.message})`;
    throw new CertstatusError(ErrorCode.InvalidFlow, summary, problems);
  }
  return createRegistry(flows, dir);
}

export function createRegistry(flows: LoadedFlow[], dir = '<memory>'): FlowRegistry {
  const byId = new Map(flows.map((f) => [f.id, f]));
  const available = () => (flows.length ? `available: ${flows.map((f) => f.id).join(', ')}` : `there are no flow files in ${dir}`);
  const get = (id: string): LoadedFlow => {
    const flow = byId.get(id);
    if (!flow) throw new CertstatusError(ErrorCode.UnknownFlow, `no flow with id "${id}" (${available()})`);
    return flow;
  };
  return {
    get,
    list: () => [...flows],
    get defaultFlow(): LoadedFlow {
      const flow = byId.get(DEFAULT_FLOW_ID) ?? flows[0];
      if (!flow) throw new CertstatusError(ErrorCode.UnknownFlow, `no flows to choose from (${available()})`);
      return flow;
    },
  };
}
