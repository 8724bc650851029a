/**
 * The message catalogue (src/flow/messages.ts) is the one definition of the bot's own sentences: the
 * schema editors complete from, the README table and the loader all agree with it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { defaultFlowsDir, loadFlowFile, parseFlow } from '../../src/flow/load';
import { MESSAGE_CATALOGUE, MESSAGE_IDS, isMessageId } from '../../src/flow/messages';
import { placeholderNames } from '../../src/flow/placeholders';
import { messagesTable, schemaDescription, TABLE_END, TABLE_START } from './messages-table';

type Schema = { properties: Record<string, { description: string; additionalProperties?: boolean; properties: Record<string, { description: string }> }> };
const schema: Schema = JSON.parse(readFileSync(path.join(defaultFlowsDir(), 'flow.schema.json'), 'utf8'));
const section = schema.properties.messages;
const README = path.join(defaultFlowsDir(), 'README.md');

describe('message catalogue', () => {
  test('every default uses only its own parameters', () => {
    for (const [id, d] of Object.entries(MESSAGE_CATALOGUE)) {
      for (const name of placeholderNames(d.text)) expect([id, (d.params as readonly string[]).includes(name)]).toEqual([id, true]);
    }
  });

  test('only own keys are message ids', () => {
    expect(isMessageId('notUnderstood')).toBe(true);
    expect(isMessageId('constructor')).toBe(false);
    expect(isMessageId('toString')).toBe(false);
  });

  test('the schema lists exactly the catalogue ids, strictly, each described with its placeholders', () => {
    expect(Object.keys(section.properties).sort()).toEqual([...MESSAGE_IDS].sort());
    expect(section.additionalProperties).toBe(false);
    // Editors show these descriptions: each names the message's placeholders and its current default.
    for (const id of MESSAGE_IDS) expect([id, section.properties[id]?.description]).toEqual([id, schemaDescription(id)]);
  });

  test('flows/README.md carries the table generated from the catalogue (UPDATE_README=1 rewrites it)', () => {
    const readme = readFileSync(README, 'utf8');
    const start = readme.indexOf(TABLE_START);
    const end = readme.indexOf(TABLE_END);
    expect(start).toBeGreaterThan(0);
    expect(end).toBeGreaterThan(start);
    const current = readme.slice(start, end + TABLE_END.length);
    if (process.env.UPDATE_README === '1') writeFileSync(README, readme.replace(current, messagesTable()));
    else expect(current).toBe(messagesTable());
  });
});

describe('a flow with messages', () => {
  test('loads with its overrides', () => {
    const flow = loadFlowFile(path.join(__dirname, 'fixtures', 'valid-with-messages.yaml'));
    expect(flow.messages?.staleButton).toBe('That button is from an earlier question; here is the current one.');
  });

  test('an empty message and a wrongly typed one are errors at their line', () => {
    const text = readFileSync(path.join(__dirname, 'fixtures', 'valid.yaml'), 'utf8') + 'messages:\n  pickOne: ""\n  cancelled: 3\n';
    const { flow, problems } = parseFlow(text, 'f.yaml');
    expect(flow).toBeUndefined();
    expect(problems.map((p) => [p.code, p.line]).sort()).toEqual([
      ['empty-text', 29],
      ['wrong-type', 30],
    ]);
  });

  test('"messages" must be a map', () => {
    const text = readFileSync(path.join(__dirname, 'fixtures', 'valid.yaml'), 'utf8') + 'messages: [pickOne]\n';
    expect(parseFlow(text, 'f.yaml').problems.map((p) => p.code)).toEqual(['wrong-type']);
  });

  test('the shipped flows rewrite nothing they should not: every override they have is a known id', () => {
    for (const file of ['pending-domain-verification.yaml']) {
      const flow = loadFlowFile(path.join(defaultFlowsDir(), file));
      for (const id of Object.keys(flow.messages ?? {})) expect(isMessageId(id)).toBe(true);
    }
  });
});
