/**
 * Loading flow files: YAML -> schema -> lint rules, collecting every problem at once (errors block
 * loading, warnings do not), then indexing the nodes of a valid flow.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { CHECK_CATALOGUE } from '../checks/catalogue';
import type { CheckSpec } from '../checks/types';
import { CertstatusError, ErrorCode } from '../core/errors';
import { createContext, type NodeEntry } from './lint/context';
import { sanitizeNode } from './lint/sanitize';
import { LINT_RULES } from './lint';
import { createLocator } from '../core/yaml-locate';
import { hasErrors, sortProblems, summarizeProblems, type FlowProblem } from './problems';
import { schemaProblems } from './schema-problems';
import { isValidNode, validateFlowData } from './schema';
import type { Flow, LoadedFlow } from './types';

export { defaultFlowsDir } from './schema';
export { loadFlowsDir, type FlowRegistry } from './registry';

export interface ParseOptions {
  /** Checks a flow may run; defaults to the real catalogue. */
  checks?: Readonly<Record<string, CheckSpec>>;
}

export interface ParseResult {
  /** Present when there are no errors (warnings allowed). */
  flow?: LoadedFlow;
  /** Every problem found, sorted by position. */
  problems: FlowProblem[];
}

/** Parses and validates flow YAML. `source` is the file name used in problems. Never throws on bad input. */
export function parseFlow(text: string, source: string, options: ParseOptions = {}): ParseResult {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true });
  const syntax = firstPerLine([
    ...doc.errors.map((e) => yamlProblem(e, 'error', source)),
    ...doc.warnings.map((e) => yamlProblem(e, 'warning', source)),
  ]);
  // Past a syntax error the data is a guess: report the syntax and stop.
  if (doc.errors.length) return { problems: sortProblems(syntax) };

  const data: unknown = doc.toJS();
  const locator = createLocator(doc, lineCounter);
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    const problem: FlowProblem = {
      severity: 'error', file: source, line: 1, column: 1, code: 'not-a-flow',
      message: 'the file does not contain a flow (a map with id, version, title, start, causes and nodes)',
      fix: 'start from flows/pending-domain-verification.yaml or the example in flows/README.md',
    };
    return { problems: sortProblems([...syntax, problem]) };
  }

  const record = data as Record<string, unknown>;
  const problems = [...syntax, ...schemaProblems(validateFlowData(data), data, source, locator)];
  const rawNodes = Array.isArray(record.nodes) ? (record.nodes as unknown[]) : [];
  const nodes: NodeEntry[] = [];
  rawNodes.forEach((raw, index) => {
    const node = sanitizeNode(raw);
    if (node) nodes.push({ node, index, path: ['nodes', index] });
  });
  const complete = rawNodes.every((raw) => isValidNode(raw));
  const ctx = createContext(source, record, nodes, complete, options.checks ?? CHECK_CATALOGUE, locator);
  for (const rule of LINT_RULES) problems.push(...rule(ctx));

  const sorted = sortProblems(problems);
  if (hasErrors(sorted)) return { problems: sorted };
  const flow = record as unknown as Flow;
  return {
    flow: { ...flow, nodeById: new Map(flow.nodes.map((n) => [n.id, n])), source },
    problems: sorted,
  };
}

/** Reads and validates one file; throws CertstatusError(InvalidFlow) listing every problem in `details`. */
export function loadFlowFile(file: string, options: ParseOptions = {}): LoadedFlow {
  const { flow, problems } = lintFlowFile(file, options);
  if (!flow) throw new CertstatusError(ErrorCode.InvalidFlow, summarizeProblems(displayPath(file), problems), problems);
  return flow;
}

/** Like loadFlowFile but returns the problems instead of throwing (an unreadable file is one problem). */
export function lintFlowFile(file: string, options: ParseOptions = {}): ParseResult {
  const shown = displayPath(file);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    return {
      problems: [{ severity: 'error', file: shown, line: 1, column: 1, code: 'unreadable', message: `cannot read the file: ${reason}`, fix: 'check the path' }],
    };
  }
  return parseFlow(text, shown, options);
}

/** The path relative to the working directory when it is inside it (shorter messages), else absolute. */
export function displayPath(file: string): string {
  const relative = path.relative(process.cwd(), path.resolve(file));
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : path.resolve(file);
}

function yamlProblem(error: { message: string; code: string; linePos?: [{ line: number; col: number }, ...unknown[]] }, severity: 'error' | 'warning', file: string): FlowProblem {
  const pos = error.linePos?.[0];
  return {
    severity,
    file,
    line: pos?.line ?? 1,
    column: pos?.col ?? 1,
    code: 'yaml-syntax',
    // The yaml library appends a code excerpt after the first line; keep the sentence only.
    message: `YAML: ${error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}`,
    fix: yamlFix(error.code),
  };
}

/** One YAML mistake often cascades into several parser errors on its line; the first says the most. */
function firstPerLine(problems: FlowProblem[]): FlowProblem[] {
  const lines = new Set<number>();
  return problems.filter((p) => !lines.has(p.line) && lines.add(p.line));
}

function yamlFix(code: string): string {
  switch (code) {
    case 'DUPLICATE_KEY':
      return 'remove or rename one of the two keys';
    case 'BAD_INDENT':
    case 'MISSING_CHAR':
      return 'check the indentation: items of one list or map must line up, with spaces not tabs';
    case 'TAB_AS_INDENT':
      return 'indent with spaces, not tabs';
    default:
      return 'fix the YAML syntax here (quote texts that contain ": " or start with a special character)';
  }
}
