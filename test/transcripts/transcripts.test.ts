/**
 * Golden transcripts of the shipped flows, replayed through the engine and through the terminal channel;
 * and a check that together they visit every node, choice and check outcome of every shipped flow.
 * Set UPDATE_TRANSCRIPTS=1 to rewrite the conversations from the engine (then read the diff!).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { runChat } from '../../src/channels/terminal/chat';
import { createConversationService } from '../../src/conversation/service';
import { loadFlowsDir } from '../../src/flow/registry';
import { MemoryStore } from '../../src/store/memory';
import { emptyCoverage, runThroughEngine } from './run-engine';
import { checkQueue, headerOf, loadTranscripts, TRANSCRIPTS_DIR, type Transcript } from './transcript';

const registry = loadFlowsDir();
const transcripts = loadTranscripts();

async function runThroughTerminal(transcript: Transcript): Promise<string> {
  const nextCheck = checkQueue(transcript);
  const handler = createConversationService({
    flows: registry,
    flowId: transcript.flowId,
    store: new MemoryStore(),
    runCheck: async () => nextCheck(),
  });
  const input = new PassThrough();
  const output = new PassThrough();
  let text = '';
  output.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  input.end(transcript.inputs.map((line) => `${line}\n`).join(''));
  await runChat({ input, output, handler, key: transcript.file, echo: true, prompt: '', ...(transcript.vars ? { vars: transcript.vars } : {}) });
  return text;
}

describe.each(transcripts.map((t) => [t.file, t] as const))('transcript %s', (_file, transcript) => {
  const flow = registry.get(transcript.flowId);

  test('replays through the engine', () => {
    const text = runThroughEngine(flow, transcript);
    if (process.env.UPDATE_TRANSCRIPTS) {
      const file = path.join(TRANSCRIPTS_DIR, transcript.file);
      writeFileSync(file, headerOf(readFileSync(file, 'utf8')) + text);
      return;
    }
    expect(text).toBe(transcript.body);
  });

  test('replays through the terminal channel', async () => {
    expect(await runThroughTerminal(transcript)).toBe(transcript.body);
  });
});

describe('transcript coverage of the shipped flows', () => {
  test.each(registry.list().map((f) => [f.id, f] as const))('%s: every node, choice and check outcome is walked', (_id, flow) => {
    // Replay here too, so this test does not depend on the order jest runs the others in.
    const coverage = emptyCoverage();
    for (const t of transcripts.filter((t) => t.flowId === flow.id)) runThroughEngine(flow, t, coverage);
    const missingNodes = flow.nodes.map((n) => n.id).filter((id) => !coverage.nodes.has(id));
    const missingChoices = flow.nodes.flatMap((n) => (n.kind === 'question' ? n.choices.map((c) => `${n.id}/${c.id}`) : [])).filter((c) => !coverage.choices.has(c));
    const missingOutcomes = flow.nodes
      .flatMap((n) => (n.kind === 'check' ? Object.keys(n.outcomes).map((o) => `${n.id}/${o}`) : []))
      .filter((o) => !coverage.outcomes.has(o));
    expect({ missingNodes, missingChoices, missingOutcomes }).toEqual({ missingNodes: [], missingChoices: [], missingOutcomes: [] });
  });

  test('every transcript names a shipped flow', () => {
    const ids = new Set(registry.list().map((f) => f.id));
    expect(transcripts.filter((t) => !ids.has(t.flowId)).map((t) => t.file)).toEqual([]);
    expect(transcripts.length).toBeGreaterThan(0);
  });
});
