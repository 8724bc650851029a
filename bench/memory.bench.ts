/**
 * Memory per stored conversation: N conversations left mid-flow (waiting on the second manual question,
 * after the failed DNS check) through the conversation service, in the memory store (heap growth after a
 * full GC) and in a SQLite file (file bytes after close, which checkpoints the WAL into the file; plus the
 * heap the process keeps). The same N conversations in botbuilder-dialogs' MemoryStorage for comparison.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createConversationService } from '../src/conversation/service';
import type { ConversationHandler } from '../src/conversation/types';
import type { Reply } from '../src/engine/replies';
import type { LoadedFlow } from '../src/flow/types';
import { MemoryStore } from '../src/store/memory';
import { SqliteStore } from '../src/store/sqlite';
import type { StateStore } from '../src/store/types';
import { createDialogsBot } from './support/dialogs-bot';
import { choiceLabel, failingCheck, inputFor, lastQuestion, loadShippedFlow, MANUAL_PATH, MID_FLOW_TURNS, RECORD_VALUE, type PathTurn } from './support/manual-path';
import { elapsedMs, forceGc, round } from './support/stats';

const N = 10_000;
// botbuilder-dialogs is ~10x slower to fill; its per-conversation bytes are stable from a few thousand on.
const DIALOGS_N = 5_000;
/**
 * Conversations stored before the heap is first measured: code compiled on first use, inline caches and
 * the first growth of hash tables would otherwise count as conversation memory (~2x for the first 1,000).
 */
const WARM_UP = 1_000;
const START = Date.parse('2026-11-27T10:00:00Z');
const domainOf = (i: number) => `shop-${i}.example.test`;

interface Row {
  store: string;
  conversations: number;
  'heap bytes/conv': number | string;
  'file bytes/conv': number | string;
  'JSON bytes/conv': number | string;
  'fill time s': number;
}

const heapUsed = (): number => {
  forceGc();
  return process.memoryUsage().heapUsed;
};

/** Drives conversation i through the first MID_FLOW_TURNS turns: it then waits on a manual question. */
async function fillMidFlow(flow: LoadedFlow, service: ConversationHandler, i: number): Promise<void> {
  let questionId: string | undefined;
  for (const turn of MANUAL_PATH.slice(0, MID_FLOW_TURNS)) {
    const replies: Reply[] = [];
    await service.handle(`bench:${i}`, inputFor(flow, turn, questionId, 'click', domainOf(i)), async (r) => {
      replies.push(...r);
    });
    questionId = lastQuestion(replies, questionId);
  }
}

/** Stores WARM_UP and then N more mid-flow conversations; the heap is measured between the two. */
async function fill(flow: LoadedFlow, store: StateStore): Promise<{ heapBefore: number; seconds: number; jsonBytes: number }> {
  const service = createConversationService({ flows: flow, store, runCheck: failingCheck, now: () => START });
  for (let i = -WARM_UP; i < 0; i++) await fillMidFlow(flow, service, i);
  const heapBefore = heapUsed();
  const started = process.hrtime.bigint();
  for (let i = 0; i < N; i++) await fillMidFlow(flow, service, i);
  const seconds = elapsedMs(started) / 1000;
  // Check one conversation really stopped where intended, and how large its state is as JSON.
  const sample = await service.peek(`bench:${N - 1}`);
  if (sample?.node !== 'manual-platform') throw new Error(`expected conversations waiting on manual-platform, found ${sample?.node}`);
  return { heapBefore, seconds, jsonBytes: Buffer.byteLength(JSON.stringify(sample)) };
}

async function memoryRow(flow: LoadedFlow): Promise<Row> {
  const store = new MemoryStore({ now: () => START });
  const { heapBefore: before, seconds, jsonBytes } = await fill(flow, store);
  const after = heapUsed();
  const row = { store: 'memory store (service)', conversations: N, 'heap bytes/conv': round((after - before) / N), 'file bytes/conv': '-', 'JSON bytes/conv': jsonBytes, 'fill time s': round(seconds, 1) };
  await store.close();
  return row;
}

async function sqliteRow(flow: LoadedFlow): Promise<Row> {
  const dir = mkdtempSync(path.join(tmpdir(), 'certstatus-bench-'));
  try {
    const file = path.join(dir, 'memory.db');
    // The size of the empty database (schema only), so only the conversations are counted.
    await new SqliteStore({ path: file }).close();
    const emptyBytes = statSync(file).size;
    const store = new SqliteStore({ path: file, now: () => START });
    const { heapBefore: before, seconds, jsonBytes } = await fill(flow, store);
    const after = heapUsed();
    // Closing the last connection checkpoints the WAL into the file and removes it.
    await store.close();
    // The warm-up conversations are in the file too: count bytes per stored conversation.
    const fileBytes = (statSync(file).size - emptyBytes) * (N / (N + WARM_UP));
    return { store: 'SQLite file (service)', conversations: N, 'heap bytes/conv': round((after - before) / N), 'file bytes/conv': round(fileBytes / N), 'JSON bytes/conv': jsonBytes, 'fill time s': round(seconds, 1) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function dialogsRow(flow: LoadedFlow): Promise<Row> {
  const bot = createDialogsBot(flow, failingCheck);
  const textFor = (turn: PathTurn, i: number): string =>
    turn.kind === 'start' ? 'hi' : turn.kind === 'domain' ? domainOf(i) : turn.kind === 'value' ? RECORD_VALUE : choiceLabel(flow, turn.node, turn.choiceId);
  // Warm-up conversations first, as for our stores (the recognizers also load on the first ChoicePrompt).
  for (let i = -WARM_UP; i < 0; i++) {
    for (const turn of MANUAL_PATH.slice(0, MID_FLOW_TURNS)) await bot.say(`bench-dialogs-${i}`, textFor(turn, i));
  }
  const before = heapUsed();
  const started = process.hrtime.bigint();
  for (let i = 0; i < DIALOGS_N; i++) {
    for (const turn of MANUAL_PATH.slice(0, MID_FLOW_TURNS)) await bot.say(`bench-dialogs-${i}`, textFor(turn, i));
  }
  const seconds = elapsedMs(started) / 1000;
  const after = heapUsed();
  const stored = await bot.storage.read([`test/conversations/bench-dialogs-${DIALOGS_N - 1}/`]);
  const jsonBytes = Buffer.byteLength(JSON.stringify(Object.values(stored)[0] ?? {}));
  if (jsonBytes < 100) throw new Error('botbuilder-dialogs: no conversation state found in MemoryStorage');
  return { store: 'botbuilder-dialogs MemoryStorage', conversations: DIALOGS_N, 'heap bytes/conv': round((after - before) / DIALOGS_N), 'file bytes/conv': '-', 'JSON bytes/conv': jsonBytes, 'fill time s': round(seconds, 1) };
}

export async function run(): Promise<void> {
  const flow = loadShippedFlow();
  const rows = [await memoryRow(flow), await sqliteRow(flow), await dialogsRow(flow)];
  console.log(`N conversations each after ${MID_FLOW_TURNS} turns (waiting on "manual-platform"), stored after ${WARM_UP} unmeasured ones; heap = heapUsed growth over the N after a forced full GC; file = SQLite file bytes per stored conversation after close`);
  console.table(rows);
}
