/**
 * Loading flow files: YAML -> schema -> lint rules, collecting every problem at once (errors block
 * loading, warnings do not), then indexing the nodes of a valid flow.
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { isMap, isScalar, LineCounter, parseDocument, visit, type Document } from 'yaml';
import { CHECK_CATALOGUE } from '../core/checks';
import type { CheckSpec } from '../core/checks';
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

/** Largest flow file read (the shipped flow is about 25 KB): a bigger one is refused before it is parsed. */
export const MAX_FLOW_FILE_BYTES = 1024 * 1024;

export interface ParseOptions {
  /** Checks a flow may run; defaults to the real catalogue. */
  checks?: Readonly<Record<string, CheckSpec>>;
  /** Size limit of one flow file in bytes (default MAX_FLOW_FILE_BYTES). */
  maxBytes?: number;
}

export interface ParseResult {
  /** Present when there are no errors (warnings allowed). */
  flow?: LoadedFlow;
  /** The id the file gives itself, when it got far enough to have one (also when it has errors). */
  id?: string;
  /** Every problem found, sorted by position. */
  problems: FlowProblem[];
}

/** Parses and validates flow YAML. `source` is the file name used in problems. Never throws on bad input. */
export function parseFlow(text: string, source: string, options: ParseOptions = {}): ParseResult {
  const lineCounter = new LineCounter();
  // yaml's own duplicate-key check compares every key with every other (quadratic in a big map): ours is linear.
  const doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: false });
  const at = (offset: number) => lineCounter.linePos(offset);
  const syntax = firstPerLine([
    ...doc.errors.map((e) => yamlProblem(e, 'error', source, quoteStart(doc, e.pos[0], at))),
    ...duplicateKeys(doc, source, at),
    ...doc.warnings.map((e) => yamlProblem(e, 'warning', source)),
  ]);
  // Past a syntax error the data is a guess: report the syntax and stop.
  if (syntax.some((p) => p.severity === 'error')) return { problems: sortProblems(syntax) };

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    // yaml refuses aliases that expand exponentially (a "billion laughs" file) with a ReferenceError.
    return { problems: [aliasProblem(doc, source, at, error)] };
  }
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
  const id = typeof record.id === 'string' ? record.id : undefined;
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
  if (hasErrors(sorted)) return { id, problems: sorted };
  const flow = record as unknown as Flow;
  return {
    flow: { ...flow, nodeById: new Map(flow.nodes.map((n) => [n.id, n])), source },
    id,
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
  const maxBytes = options.maxBytes ?? MAX_FLOW_FILE_BYTES;
  const problem = (message: string, fix: string, code = 'unreadable'): ParseResult => ({
    problems: [{ severity: 'error', file: shown, line: 1, column: 1, code, message, fix }],
  });
  let text: string;
  try {
    const size = statSync(file).size;
    if (size > maxBytes) {
      return problem(
        `the file is ${formatBytes(size)}, over the ${formatBytes(maxBytes)} limit for one flow file`,
        'split it into several flows, or move long texts out of it',
        'too-large',
      );
    }
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    return problem(`cannot read the file: ${reason}`, 'check the path');
  }
  return parseFlow(text, shown, options);
}

/** The path relative to the working directory when it is inside it (shorter messages), else absolute. */
export function displayPath(file: string): string {
  const relative = path.relative(process.cwd(), path.resolve(file));
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : path.resolve(file);
}

function formatBytes(bytes: number): string {
  return bytes >= 10 * 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

/** More aliases than any hand-written flow needs; yaml's default (100) counts expansions, not alias nodes. */
const MAX_ALIAS_COUNT = 100;

type LinePos = (offset: number) => { line: number; col: number };

/**
 * An unclosed quote makes yaml read on to the next quote or blank line and report the error there; the
 * mistake is where the quoted text opened, which is the start of the (yaml-composed) quoted scalar.
 */
function quoteStart(doc: Document.Parsed, offset: number, at: LinePos): { line: number; col: number } | undefined {
  let start: number | undefined;
  visit(doc, {
    Scalar(_, node) {
      const range = node.range;
      if ((node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE') && range && range[0] <= offset && offset <= range[2]) {
        start = range[0];
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return start === undefined ? undefined : at(start);
}

/** Duplicate keys of every map, found with one set per map (linear, unlike yaml's own check). */
function duplicateKeys(doc: Document.Parsed, file: string, at: LinePos): FlowProblem[] {
  const problems: FlowProblem[] = [];
  visit(doc, {
    Map(_, map) {
      if (!isMap(map)) return;
      const seen = new Set<unknown>();
      for (const pair of map.items) {
        if (!isScalar(pair.key)) continue;
        const key = pair.key.value;
        if (!seen.has(key)) {
          seen.add(key);
          continue;
        }
        const pos = at(pair.key.range?.[0] ?? 0);
        problems.push({
          severity: 'error', file, line: pos.line, column: pos.col, code: 'yaml-syntax',
          message: `YAML: Map keys must be unique ("${String(key)}" is already a key of this map)`, fix: yamlFix('DUPLICATE_KEY'),
        });
      }
    },
  });
  return problems;
}

function aliasProblem(doc: Document.Parsed, file: string, at: LinePos, error: unknown): FlowProblem {
  let offset: number | undefined;
  visit(doc, {
    Alias(_, node) {
      offset = node.range?.[0];
      return visit.BREAK;
    },
  });
  const pos = offset === undefined ? { line: 1, col: 1 } : at(offset);
  const why = error instanceof Error ? error.message : String(error);
  return {
    severity: 'error', file, line: pos.line, column: pos.col, code: 'yaml-aliases',
    message: `YAML: the aliases (*name) of this file expand to too much data (${why})`,
    fix: 'write the texts out instead of repeating them through anchors and aliases',
  };
}

function yamlProblem(
  error: { message: string; code: string; linePos?: [{ line: number; col: number }, ...unknown[]] },
  severity: 'error' | 'warning',
  file: string,
  opened?: { line: number; col: number },
): FlowProblem {
  const quote = error.code === 'MISSING_CHAR' && /quote/i.test(error.message);
  const pos = (quote && opened) || error.linePos?.[0];
  return {
    severity,
    file,
    line: pos?.line ?? 1,
    column: pos?.col ?? 1,
    code: 'yaml-syntax',
    // The yaml library appends a code excerpt after the first line; keep the sentence only.
    message: `YAML: ${error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}`,
    fix: quote ? 'close the quote on this line (the same quote character it opens with), or remove it' : yamlFix(error.code),
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
