/**
 * Turns ajv's schema errors into FlowProblems that a support engineer can act on: located at the
 * offending key or value, naming the node, saying what is allowed and suggesting the closest spelling.
 */
import type { ErrorObject } from 'ajv';
import type { Locator, DataPath } from '../core/yaml-locate';
import { pointerToPath } from '../core/yaml-locate';
import type { FlowProblem } from './problems';
import { closest, quoteList } from '../core/suggest';

const ID_RULE = 'use only letters, digits, "-", "_" and ".", starting with a letter or digit';

export function schemaProblems(errors: ErrorObject[], data: unknown, file: string, locator: Locator): FlowProblem[] {
  const seen = new Set<string>();
  const problems: FlowProblem[] = [];
  for (const error of errors) {
    // `if`/`propertyNames` only wrap the real error; minLength is reported by the empty-text rule.
    if (['if', 'propertyNames', 'minLength'].includes(error.keyword)) continue;
    // An unknown message id is reported by the messages rule, with a shorter suggestion than the list of every id.
    if (error.keyword === 'additionalProperties' && error.instancePath === '/messages') continue;
    const key = `${error.instancePath}|${error.keyword}|${JSON.stringify(error.params)}|${error.propertyName ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push(translate(error, data, file, locator));
  }
  return problems;
}

function translate(error: ErrorObject, data: unknown, file: string, locator: Locator): FlowProblem {
  const path = pointerToPath(error.instancePath);
  const where = describe(path, data);
  const name = fieldName(path);
  const base = { severity: 'error' as const, file, nodeId: nodeIdAt(path, data) };
  const at = (p: DataPath, key = false) => locator.at(p, { key });
  const params = error.params as Record<string, unknown>;

  switch (error.keyword) {
    case 'required': {
      const prop = String(params.missingProperty);
      const code = prop === 'next' && path.includes('choices') ? 'choice-without-target' : 'missing-property';
      const message = code === 'choice-without-target' ? `${where} has no target ("next" is missing)` : `${where} is missing "${prop}"`;
      return { ...base, ...at(path), code, message, fix: `add "${prop}:"${hintFor(prop)}` };
    }
    case 'additionalProperties': {
      const prop = String(params.additionalProperty);
      const allowed = Object.keys((error.parentSchema as { properties?: object })?.properties ?? {});
      const guess = closest(prop, allowed);
      const fix = guess ? `did you mean "${guess}"? Allowed here: ${quoteList(allowed)}` : `remove it; allowed here: ${quoteList(allowed)}`;
      return { ...base, ...at([...path, prop], true), code: 'unknown-property', message: `unknown property "${prop}" in ${where}`, fix };
    }
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).map(String);
      const value = String(error.data);
      const guess = closest(value, allowed);
      const code = path[path.length - 1] === 'kind' ? 'unknown-kind' : 'invalid-value';
      const fix = guess ? `did you mean "${guess}"? Use one of ${quoteList(allowed)}` : `use one of ${quoteList(allowed)}`;
      return { ...base, ...at(path), code, message: `${name} is "${value}", which is not one of ${quoteList(allowed)}`, fix };
    }
    case 'type': {
      const expected = String(params.type);
      if (error.data === null && expected === 'string') {
        // `label:` with nothing after it parses as null: say "empty", not "must be a string".
        return { ...base, ...at(path), code: 'empty-text', message: `${name} of ${where} is empty`, fix: `write the text after the colon, or remove the line` };
      }
      const actual = error.data === null ? 'empty' : Array.isArray(error.data) ? 'a list' : `a ${typeof error.data}`;
      const fix = expected === 'string' && ['number', 'boolean'].includes(typeof error.data)
        ? `put it in quotes: "${String(error.data)}"`
        : `write ${name} as ${article(expected)}`;
      return { ...base, ...at(path), code: 'wrong-type', message: `${name}${where === 'the flow' ? '' : ` of ${where}`} must be ${article(expected)}, not ${actual}`, fix };
    }
    case 'pattern': {
      if (error.propertyName !== undefined) {
        const id = error.propertyName;
        return { ...base, ...at([...path, id], true), code: 'invalid-id', message: `"${id}" in ${where} is not a valid id`, fix: ID_RULE };
      }
      const isCapture = path[path.length - 1] === 'capture';
      const fix = isCapture ? 'use letters, digits and "_" only, starting with a letter or "_" (e.g. domain)' : ID_RULE;
      return { ...base, ...at(path), code: 'invalid-id', message: `"${String(error.data)}" (${name} of ${where}) is not a valid ${isCapture ? 'variable name' : 'id'}`, fix };
    }
    case 'minItems': {
      const code = path[path.length - 1] === 'choices' ? 'no-choices' : 'empty-list';
      return { ...base, ...at(path, true), code, message: `${name} of ${where} is empty`, fix: `add at least ${String(params.limit)} item` };
    }
    case 'minimum':
      return { ...base, ...at(path), code: 'invalid-value', message: `${name} must be ${String(params.limit)} or more`, fix: `set ${name} to ${String(params.limit)} or more` };
    default:
      return { ...base, ...at(path), code: 'schema', message: `${name} of ${where} ${error.message ?? 'is invalid'}`, fix: 'see flows/README.md for the format' };
  }
}

/** "node ask-domain", "choice \"yes\" of node ask", "cause \"wrong-platform\"", "the flow". */
export function describe(path: DataPath, data: unknown): string {
  const nodeId = nodeIdAt(path, data);
  const node = path[0] === 'nodes' && typeof path[1] === 'number' ? (nodeId ? `node "${nodeId}"` : `node #${path[1] + 1}`) : undefined;
  if (node && path[2] === 'choices' && typeof path[3] === 'number') {
    const choiceId = get(data, ['nodes', path[1], 'choices', path[3], 'id']);
    return `${typeof choiceId === 'string' ? `choice "${choiceId}"` : `choice #${path[3] + 1}`} of ${node}`;
  }
  if (node) return node;
  if (path[0] === 'causes' && path.length >= 2) return `cause "${path[1]}"`;
  return 'the flow';
}

export function nodeIdAt(path: DataPath, data: unknown): string | undefined {
  if (path[0] !== 'nodes' || typeof path[1] !== 'number') return undefined;
  const id = get(data, ['nodes', path[1], 'id']);
  return typeof id === 'string' ? id : undefined;
}

function get(data: unknown, path: DataPath): unknown {
  let value = data;
  for (const segment of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string | number, unknown>)[segment];
  }
  return value;
}

/** `"label"`, or `item 2 of "procedure"` for list items. */
function fieldName(path: DataPath): string {
  if (!path.length) return 'the flow';
  const last = path[path.length - 1];
  if (typeof last === 'number') return `item ${last + 1} of "${String(path[path.length - 2])}"`;
  return `"${last}"`;
}

function hintFor(prop: string): string {
  const hints: Record<string, string> = {
    next: ' with the id of the node to go to',
    id: ' with a unique id',
    kind: ' (question, input, check, answer or handoff)',
    choices: ' with a list of choices (id, label, next)',
    procedure: ' with a list of steps',
    cause: ' with the id of a cause under "causes"',
    capture: ' with the variable name to store the answer in (e.g. domain)',
    outcomes: ' mapping each outcome of the check to a node id',
  };
  return hints[prop] ?? '';
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : type === 'object' ? 'a map' : `a ${type}`;
}
