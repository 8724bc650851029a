/**
 * Loads a small YAML data file (the provider and CA tables), validates it against a JSON Schema with ajv,
 * and turns the first problem into a one-line `<file>:<line>: <what to fix>` error, since these files are
 * edited by hand and replaced with `--providers FILE`.
 */
import Ajv, { type ErrorObject } from 'ajv';
import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument } from 'yaml';
import { CertstatusError, ErrorCode } from '../../core/errors';
import { closest } from '../../core/suggest';
import { createLocator, pointerToPath } from '../../core/yaml-locate';

export type DataPath = (string | number)[];

export interface LoadedDataFile<T> {
  data: T;
  /** Line (1-based) of the value at `path`, or of the nearest parent that exists. */
  lineOf(path: DataPath): number;
  /** An error for a problem found after schema validation (duplicates, bad addresses). */
  problem(path: DataPath, message: string): CertstatusError;
}

const ajv = new Ajv({ allErrors: true, verbose: true, strict: false });

/** `schema` properties may carry a `description` phrase ("a hostname like ns1.example.com") used in messages. */
export function loadDataFile<T>(file: string, schema: object, what: string): LoadedDataFile<T> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory, not a file' : `cannot read it (${code ?? String(error)})`;
    throw new CertstatusError(ErrorCode.Config, `${file}: ${why}; give the path of a ${what} YAML file.`);
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const fail = (line: number, message: string, details?: unknown) =>
    new CertstatusError(ErrorCode.Config, `${file}:${line}: ${message}`, details);

  const syntax = doc.errors[0];
  if (syntax) {
    // Errors found at the end of input (an unclosed bracket or quote) would point past the last line.
    const lastLine = text.replace(/\s+$/, '').split('\n').length;
    const line = Math.min(lineCounter.linePos(syntax.pos[0]).line, lastLine);
    throw fail(line, `this is not valid YAML (${syntax.message.split('\n')[0]}).`);
  }
  const locator = createLocator(doc, lineCounter);
  // The key's own line: for an unknown key or a value on the next line it is what the user looks for.
  const lineOf = (path: DataPath) => locator.at(path, { key: true }).line;
  if (doc.contents === null) throw fail(1, `the file is empty; it should hold the ${what} table.`);

  const data = doc.toJS() as T;
  const validate = ajv.compile(schema);
  if (!validate(data)) {
    // An unknown key first: a misspelt key also shows up as a missing one, and the spelling is the fix.
    const errors = [...(validate.errors ?? [])].sort((a, b) => rank(a) - rank(b));
    const problems = errors.map((error) => ({ line: lineOf(errorPath(error)), message: explain(error) }));
    const first = problems[0];
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})` : '';
    throw fail(first.line, `${first.message}${more}`, problems);
  }
  return { data, lineOf, problem: (path, message) => fail(lineOf(path), message) };
}

function rank(error: ErrorObject): number {
  return error.keyword === 'additionalProperties' ? 0 : 1;
}

function errorPath(error: ErrorObject): DataPath {
  const path: DataPath = pointerToPath(error.instancePath);
  // An unknown key is best shown on its own line rather than its parent's.
  if (error.keyword === 'additionalProperties') path.push(String(error.params.additionalProperty));
  return path;
}

/** "providers[2].nsPatterns[0]": where in the data, for the message. */
function describePath(error: ErrorObject): string {
  const parts = errorPath(error);
  if (error.keyword === 'additionalProperties') parts.pop();
  if (parts.length === 0) return 'the file';
  return parts.map((part, index) => (typeof part === 'number' ? `[${part + 1}]` : index === 0 ? part : `.${part}`)).join('');
}

function explain(error: ErrorObject): string {
  const where = describePath(error);
  const params = error.params as Record<string, unknown>;
  const hint = (error.parentSchema as { description?: string } | undefined)?.description;
  switch (error.keyword) {
    case 'required':
      return `${where} is missing "${String(params.missingProperty)}"; add it.`;
    case 'additionalProperties': {
      const field = String(params.additionalProperty);
      const allowed = Object.keys((error.parentSchema as { properties?: object }).properties ?? {});
      const guess = closest(field, allowed);
      const fix = guess ? `did you mean "${guess}"?` : `allowed: ${allowed.join(', ')}.`;
      return `unknown field "${field}" in ${where}; ${fix}`;
    }
    case 'type':
      return `${where} must be ${article(String(params.type))}${hint ? ` (${hint})` : ''}.`;
    case 'minItems':
      return `${where} needs at least ${String(params.limit)} entr${params.limit === 1 ? 'y' : 'ies'}.`;
    case 'minLength':
      return `${where} must not be empty.`;
    case 'pattern':
      return `${where} "${String(error.data)}" is not ${hint ?? `in the form ${String(params.pattern)}`}.`;
    default:
      return `${where} ${error.message ?? 'is invalid'}.`;
  }
}

function article(type: string): string {
  if (type === 'array') return 'a list';
  if (type === 'object') return 'a map of fields';
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}
