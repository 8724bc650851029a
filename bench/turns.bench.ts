/**
 * Conversation turns per second on the shipped flow's manual path (the DNS check fails, so no network):
 * the pure engine, the conversation service over the memory and the SQLite store, and the same
 * conversation as a botbuilder-dialogs WaterfallDialog in the SDK's TestAdapter, with our service in the
 * same TestAdapter as the control (what the adapter costs either way). One turn = one user message or
 * click; the check result the service feeds back is part of the turn that triggered it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createConversationService } from '../src/conversation/service';
import type { Reply } from '../src/engine/replies';
import type { ConversationState } from '../src/engine/state';
import { step } from '../src/engine/step';
import type { LoadedFlow } from '../src/flow/types';
import { MemoryStore } from '../src/store/memory';
import { SqliteStore } from '../src/store/sqlite';
import type { StateStore } from '../src/store/types';
import { createDialogsBot } from './support/dialogs-bot';
import { createServiceBot } from './support/service-bot';
import {
  assertEndedWithCause, choiceLabel, DOMAIN, failingCheck, inputFor, lastQuestion, loadShippedFlow, MANUAL_PATH, RECORD_VALUE, type AnswerStyle,
} from './support/manual-path';
import { measureRate, type RateSummary } from './support/stats';

const RUNS = 15;
/** Conversations per measured run, so that every run lasts about 100 ms or more (timer noise stays small). */
const CONVERSATIONS = { engine: 2000, memory: 600, sqlite: 200, adapter: 300, dialogs: 100 };
/** botbuilder-dialogs runs through far more code (recognizers, prompts) and takes several runs to reach its speed. */
const DIALOGS_WARMUPS = 8;
const START = Date.parse('2026-11-27T10:00:00Z');

interface Row extends RateSummary {
  driver: string;
  answers: string;
  conversations: number;
}

/** One conversation through `step` alone: state kept in a local variable, the failed check fed back at once. */
function engineConversation(flow: LoadedFlow, style: AnswerStyle, now: number): void {
  let state: ConversationState | undefined;
  let questionId: string | undefined;
  let replies: Reply[] = [];
  for (const turn of MANUAL_PATH) {
    const result = step(flow, state, inputFor(flow, turn, questionId, style), { now });
    replies = result.replies;
    state = result.state;
    for (const effect of result.effects) {
      if (effect.type !== 'run-check') continue;
      const checked = step(flow, state, { type: 'check-result', requestId: effect.requestId, result: { outcome: 'error', summary: 'no DNS access' } }, { now });
      replies = [...replies, ...checked.replies];
      state = checked.state;
    }
    questionId = lastQuestion(replies, questionId);
  }
  assertEndedWithCause(replies, 'engine');
}

function serviceDriver(flow: LoadedFlow, store: StateStore, label: string, conversations: number) {
  const service = createConversationService({ flows: flow, store, runCheck: failingCheck, now: () => START });
  let next = 0;
  return async () => {
    for (let c = 0; c < conversations; c++) {
      const key = `bench:${label}:${next++}`;
      let questionId: string | undefined;
      let last: Reply[] = [];
      for (const turn of MANUAL_PATH) {
        last = [];
        await service.handle(key, inputFor(flow, turn, questionId, 'click'), async (replies) => {
          last.push(...replies);
        });
        questionId = lastQuestion(last, questionId);
      }
      assertEndedWithCause(last, label);
    }
  };
}

/** What each user turn sends in a Bot Framework chat: buttons are imBack, so a click arrives as the choice's label. */
const imBackTexts = (flow: LoadedFlow): string[] =>
  MANUAL_PATH.map((turn) => (turn.kind === 'start' ? 'hi' : turn.kind === 'domain' ? DOMAIN : turn.kind === 'value' ? RECORD_VALUE : choiceLabel(flow, turn.node, turn.choiceId)));

/** Our service over the memory store in the same TestAdapter, fed the same imBack texts. */
function serviceInAdapterDriver(flow: LoadedFlow) {
  const bot = createServiceBot(createConversationService({ flows: flow, store: new MemoryStore({ now: () => START }), runCheck: failingCheck, now: () => START }));
  const texts = imBackTexts(flow);
  let next = 0;
  return async () => {
    for (let c = 0; c < CONVERSATIONS.adapter; c++) {
      const id = `bench-service-${next++}`;
      let replies: Reply[] = [];
      for (const text of texts) replies = await bot.say(id, text);
      assertEndedWithCause(replies, 'service in TestAdapter');
    }
  };
}

function dialogsDriver(flow: LoadedFlow) {
  const bot = createDialogsBot(flow, failingCheck);
  const cause = flow.causes['ca-review-pending'].title;
  const texts = imBackTexts(flow);
  let next = 0;
  return async () => {
    for (let c = 0; c < CONVERSATIONS.dialogs; c++) {
      const id = `bench-dialogs-${next++}`;
      let replies: string[] = [];
      for (const text of texts) replies = await bot.say(id, text);
      if (!replies.some((r) => r.includes(cause))) throw new Error(`botbuilder-dialogs: the manual path did not end with the cause (got ${JSON.stringify(replies)})`);
    }
  };
}

export async function run(): Promise<void> {
  const flow = loadShippedFlow();
  const rows: Row[] = [];
  const add = async (driver: string, answers: string, conversations: number, once: () => Promise<void> | void, warmups = 2) => {
    rows.push({ driver, answers, conversations, ...(await measureRate(once, conversations * MANUAL_PATH.length, RUNS, warmups)) });
  };
  const engineRun = (style: AnswerStyle) => () => {
    for (let c = 0; c < CONVERSATIONS.engine; c++) engineConversation(flow, style, START);
  };

  await add('engine: step() alone', 'clicks', CONVERSATIONS.engine, engineRun('click'));
  await add('engine: step() alone', 'typed labels', CONVERSATIONS.engine, engineRun('typed'));
  await add('service + memory store', 'clicks', CONVERSATIONS.memory, serviceDriver(flow, new MemoryStore({ now: () => START }), 'memory', CONVERSATIONS.memory));

  const dir = mkdtempSync(path.join(tmpdir(), 'certstatus-bench-'));
  const sqlite = new SqliteStore({ path: path.join(dir, 'bench.db'), now: () => START });
  try {
    await add('service + SQLite file (WAL)', 'clicks', CONVERSATIONS.sqlite, serviceDriver(flow, sqlite, 'sqlite', CONVERSATIONS.sqlite));
  } finally {
    await sqlite.close();
    rmSync(dir, { recursive: true, force: true });
  }

  await add('service + memory store in TestAdapter', 'imBack labels', CONVERSATIONS.adapter, serviceInAdapterDriver(flow), DIALOGS_WARMUPS);
  await add('botbuilder-dialogs WaterfallDialog, TestAdapter + MemoryStorage', 'imBack labels', CONVERSATIONS.dialogs, dialogsDriver(flow), DIALOGS_WARMUPS);

  console.log(`${MANUAL_PATH.length} user turns per conversation; ${RUNS} measured runs of N conversations each after 2 warm-up runs (botbuilder-dialogs: ${DIALOGS_WARMUPS}); turns/s median, min and max over the runs`);
  console.table(rows.map((r) => ({
    driver: r.driver,
    answers: r.answers,
    'N/run': r.conversations,
    'turns/s median': r.medianPerSec,
    'min': r.minPerSec,
    'max': r.maxPerSec,
    'µs/turn': r.medianUsPerTurn,
  })));
}
