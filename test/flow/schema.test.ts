/**
 * flows/flow.schema.json must describe exactly the types in src/flow/types.ts (editors complete from it)
 * and be strict (unknown keys rejected). The key lists below are typed against the interfaces, so adding
 * a field to a type without adding it here fails the type check, and without adding it to the schema
 * fails this test.
 */
import Ajv from 'ajv';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { defaultFlowsDir } from '../../src/flow/load';
import type { AnswerNode, CheckNode, Cause, Choice, Flow, HandoffNode, InputNode, NodeKind, QuestionNode } from '../../src/flow/types';

type Schema = { [key: string]: unknown; properties?: Record<string, Schema>; definitions?: Record<string, Schema> };
const schema: Schema = JSON.parse(readFileSync(path.join(defaultFlowsDir(), 'flow.schema.json'), 'utf8'));
const defs = schema.definitions as Record<string, Schema>;

const keys = <T>(record: Record<keyof T, true>) => Object.keys(record).sort();
const props = (s: Schema) => Object.keys(s.properties ?? {}).sort();

describe('flow.schema.json', () => {
  it('is a valid draft-07 schema even under ajv strict mode', () => {
    const ajv = new Ajv({ strict: true, allowUnionTypes: true });
    expect(() => ajv.compile(schema)).not.toThrow();
  });

  it.each([
    ['flow', schema, keys<Flow>({ id: true, version: true, title: true, description: true, greeting: true, start: true, handoff: true, causes: true, nodes: true, messages: true })],
    ['cause', defs.cause, keys<Cause>({ title: true, summary: true, procedure: true, after: true, watch: true })],
    ['choice', defs.choice, keys<Choice>({ id: true, label: true, synonyms: true, next: true })],
    ['questionNode', defs.questionNode, keys<QuestionNode>({ id: true, kind: true, help: true, text: true, choices: true })],
    ['inputNode', defs.inputNode, keys<InputNode>({ id: true, kind: true, help: true, text: true, capture: true, validate: true, optional: true, skipIfKnown: true, next: true })],
    ['checkNode', defs.checkNode, keys<CheckNode>({ id: true, kind: true, help: true, text: true, check: true, params: true, outcomes: true, default: true })],
    ['answerNode', defs.answerNode, keys<AnswerNode>({ id: true, kind: true, help: true, cause: true, text: true })],
    ['handoffNode', defs.handoffNode, keys<HandoffNode>({ id: true, kind: true, help: true, text: true })],
  ])('%s has exactly the properties of its type, and no others', (_name, definition, expected) => {
    expect(props(definition)).toEqual(expected);
    expect(definition.additionalProperties).toBe(false);
    expect(typeof definition.description).toBe('string');
  });

  it('offers exactly the node kinds of the types', () => {
    const kinds: Record<NodeKind, true> = { question: true, input: true, check: true, answer: true, handoff: true };
    expect(defs.node.properties?.kind.enum).toEqual(Object.keys(kinds));
  });

  it('documents every top-level property for editors', () => {
    for (const [name, prop] of Object.entries(schema.properties ?? {})) {
      expect([name, typeof prop.description]).toEqual([name, 'string']);
    }
  });
});
