/**
 * A problem found in a flow file, located precisely enough that support staff can jump to it
 * (file:line:column) and phrased with what to do about it.
 */

export type ProblemSeverity = 'error' | 'warning';

export interface FlowProblem {
  severity: ProblemSeverity;
  /** The file as shown to the user (relative to the working directory when inside it). */
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  /** Id of the node the problem is in, when it is in one. */
  nodeId?: string;
  /** Stable machine-readable code, e.g. `unknown-node`, `no-exit`. */
  code: string;
  /** What is wrong, one sentence, no trailing period needed. */
  message: string;
  /** What to do about it. */
  fix: string;
}

/** `flows/x.yaml:12:5 error [node ask-domain] <message>. Fix: <fix>` — one line, whatever the texts hold. */
export function formatProblem(p: FlowProblem): string {
  const where = p.nodeId ? ` [node ${p.nodeId}]` : '';
  const message = oneLine(p.message).replace(/\.$/, '');
  return `${p.file}:${p.line}:${p.column} ${p.severity}${where} ${message}. Fix: ${oneLine(p.fix)}`;
}

export function countProblems(problems: readonly FlowProblem[]): { errors: number; warnings: number } {
  const errors = problems.filter((p) => p.severity === 'error').length;
  return { errors, warnings: problems.length - errors };
}

export function hasErrors(problems: readonly FlowProblem[]): boolean {
  return problems.some((p) => p.severity === 'error');
}

/** `flows/x.yaml: 3 errors (first: 12:5 [node ask] unknown node "asc")` for exceptions and logs. */
export function summarizeProblems(file: string, problems: readonly FlowProblem[]): string {
  const errors = problems.filter((p) => p.severity === 'error');
  const first = errors[0] ?? problems[0];
  const count = plural(errors.length, 'error');
  if (!first) return `${file}: ${count}`;
  const where = first.nodeId ? ` [node ${first.nodeId}]` : '';
  return `${file}: ${count} (first: ${first.line}:${first.column}${where} ${oneLine(first.message)})`;
}

/** Sorted by file, then position, so output reads top to bottom. */
export function sortProblems(problems: FlowProblem[]): FlowProblem[] {
  return [...problems].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
}

export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}
