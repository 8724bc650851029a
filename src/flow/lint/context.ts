/**
 * What every lint rule receives: the raw data, the nodes that are well-formed on their own (so rules can
 * trust their fields even when other parts of the file are broken), and a way to build located problems.
 */
import type { CheckSpec } from '../../core/checks';
import type { DataPath, Locator } from '../../core/yaml-locate';
import type { FlowProblem, ProblemSeverity } from '../problems';
import { nodeIdAt } from '../schema-problems';
import type { FlowNode } from '../types';

export interface NodeEntry {
  node: FlowNode;
  /** Index in `nodes`. */
  index: number;
  /** ['nodes', index], for locating problems inside the node. */
  path: DataPath;
}

export interface ProblemInput {
  severity?: ProblemSeverity;
  code: string;
  path: DataPath;
  /** Point at the key at `path` rather than its value. */
  key?: boolean;
  message: string;
  fix: string;
}

export interface LintContext {
  file: string;
  /** The parsed YAML, not yet trusted: rules that walk it must check types themselves. */
  data: Record<string, unknown>;
  /**
   * Every node with a sound id and kind, sanitized (see sanitize.ts): fields the schema rejects are left
   * out, so a rule must not assume `next`, `check` or `cause` is set.
   */
  nodes: NodeEntry[];
  /** Every node id written in the file, including ids of malformed nodes (so they do not count as unknown). */
  nodeIds: ReadonlySet<string>;
  /** Well-formed nodes by id (first one wins when ids are duplicated). */
  nodeById: ReadonlyMap<string, FlowNode>;
  /** True when every node is well-formed, so graph-wide rules (reachability, exits) see every edge. */
  complete: boolean;
  causeIds: ReadonlySet<string>;
  checks: Readonly<Record<string, CheckSpec>>;
  locator: Locator;
  problem(input: ProblemInput): FlowProblem;
}

export type LintRule = (ctx: LintContext) => FlowProblem[];

export function createContext(
  file: string,
  data: Record<string, unknown>,
  nodes: NodeEntry[],
  complete: boolean,
  checks: Readonly<Record<string, CheckSpec>>,
  locator: Locator,
): LintContext {
  const rawNodes = Array.isArray(data.nodes) ? (data.nodes as unknown[]) : [];
  const nodeIds = new Set<string>();
  for (const raw of rawNodes) {
    const id = (raw as { id?: unknown } | null)?.id;
    if (typeof id === 'string') nodeIds.add(id);
  }
  const nodeById = new Map<string, FlowNode>();
  for (const { node } of nodes) if (!nodeById.has(node.id)) nodeById.set(node.id, node);
  const causes = data.causes && typeof data.causes === 'object' && !Array.isArray(data.causes) ? data.causes : {};

  return {
    file,
    data,
    nodes,
    nodeIds,
    nodeById,
    complete: complete && Array.isArray(data.nodes),
    causeIds: new Set(Object.keys(causes)),
    checks,
    locator,
    problem: (input) => ({
      severity: input.severity ?? 'error',
      file,
      ...locator.at(input.path, { key: input.key }),
      nodeId: nodeIdAt(input.path, data),
      code: input.code,
      message: input.message,
      fix: input.fix,
    }),
  };
}

/** The catalogue entry for a check name (own properties only: "constructor" is not a check). */
export function checkSpec(ctx: LintContext, name: string | undefined): CheckSpec | undefined {
  return typeof name === 'string' && Object.hasOwn(ctx.checks, name) ? ctx.checks[name] : undefined;
}
