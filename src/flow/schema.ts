/**
 * The flow JSON Schema (flows/flow.schema.json, also used by editors) compiled once with ajv. Read from
 * disk rather than imported so the same file serves editors, src/ under jest and dist/.
 */
import type AjvClass from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { readFileSync } from 'node:fs';
import path from 'node:path';

/** The shipped flows directory: ../../flows from both src/flow and dist/flow. */
export function defaultFlowsDir(): string {
  return path.resolve(__dirname, '../../flows');
}

export const SCHEMA_FILE = 'flow.schema.json';

interface CompiledSchema {
  flow: ValidateFunction;
  node: ValidateFunction;
}

let compiled: CompiledSchema | undefined;

function compile(): CompiledSchema {
  const schema = JSON.parse(readFileSync(path.join(defaultFlowsDir(), SCHEMA_FILE), 'utf8'));
  // allErrors: report every problem at once; verbose: keeps parentSchema so messages can list allowed keys.
  // ajv loads here, on the first flow validated, not when this module is imported (defaultFlowsDir is used by --help).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Ajv = (require('ajv') as { default: typeof AjvClass }).default;
  const ajv = new Ajv({ allErrors: true, verbose: true, strict: false });
  ajv.addSchema(schema, 'flow');
  const get = (ref: string): ValidateFunction => {
    const fn = ajv.getSchema(ref);
    if (!fn) throw new Error(`flow schema has no ${ref}`);
    return fn;
  };
  return { flow: get('flow'), node: get('flow#/definitions/node') };
}

function schemas(): CompiledSchema {
  compiled ??= compile();
  return compiled;
}

export function validateFlowData(data: unknown): ErrorObject[] {
  const validate = schemas().flow;
  return validate(data) ? [] : [...(validate.errors ?? [])];
}

/** True when one node is well-formed on its own (so graph rules can trust its fields). */
export function isValidNode(data: unknown): boolean {
  return schemas().node(data) === true;
}
