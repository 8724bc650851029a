/** Drives the pure engine in tests: keeps the state, collects replies and effects per input. */
import { step, type StepContext, type StepResult } from '../../src/engine/step';
import type { Input } from '../../src/engine/inputs';
import type { QuestionReply, Reply } from '../../src/engine/replies';
import type { ConversationState } from '../../src/engine/state';
import type { LoadedFlow } from '../../src/flow/types';
import { testFlow } from './flows';

export class Driver {
  state: ConversationState | undefined;
  now = 1_000;
  last: StepResult = { state: undefined as unknown as ConversationState, replies: [], effects: [] };

  /** Extra step context (e.g. `watch`, for a channel that can post later). */
  ctx: Omit<StepContext, 'now' | 'idleExpiryMs'> = {};

  constructor(public flow: LoadedFlow) {}

  send(input: Input, idleExpiryMs?: number): StepResult {
    this.last = step(this.flow, this.state, input, { ...this.ctx, now: this.now, idleExpiryMs });
    this.state = this.last.state;
    return this.last;
  }

  start(vars?: Record<string, string>): StepResult {
    return this.send({ type: 'start', ...(vars ? { vars } : {}) });
  }

  say(text: string): StepResult {
    return this.send({ type: 'text', text });
  }

  /** The last question asked in the last step. */
  question(): QuestionReply {
    const q = [...this.last.replies].reverse().find((r): r is QuestionReply => r.type === 'question');
    if (!q) throw new Error(`no question in ${JSON.stringify(this.last.replies)}`);
    return q;
  }

  texts(): string[] {
    return this.last.replies.filter((r) => r.type === 'text').map((r) => (r as Extract<Reply, { type: 'text' }>).text);
  }

  types(): string[] {
    return this.last.replies.map((r) => r.type);
  }

  /** Feeds the result of the pending check. */
  result(outcome: string, extra: Record<string, unknown> = {}): StepResult {
    const effect = this.last.effects.find((e) => e.type === 'run-check');
    if (effect?.type !== 'run-check') throw new Error('no pending check effect');
    return this.send({ type: 'check-result', requestId: effect.requestId, result: { outcome, ...extra } });
  }
}

/** A conversation on the test flow that waits on its first question (q1) for example.com. */
export function atQ1(): Driver {
  const d = new Driver(testFlow());
  d.start({ domain: 'Example.COM' });
  return d;
}
