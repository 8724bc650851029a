/**
 * Replays a transcript through the pure engine (no service, no store): feeds the user's lines, answers
 * each run-check effect from the header, renders the replies as the terminal does, and records which
 * nodes, choices and check outcomes the conversation went through.
 */
import { renderReplies } from '../../src/channels/terminal/render';
import type { Input } from '../../src/engine/inputs';
import type { ConversationState } from '../../src/engine/state';
import { step } from '../../src/engine/step';
import type { LoadedFlow } from '../../src/flow/types';
import { checkQueue, type Transcript } from './transcript';

export interface Coverage {
  nodes: Set<string>;
  /** `node/choice` for every choice taken. */
  choices: Set<string>;
  /** `node/outcome` for every check outcome received. */
  outcomes: Set<string>;
}

export function emptyCoverage(): Coverage {
  return { nodes: new Set(), choices: new Set(), outcomes: new Set() };
}

export function runThroughEngine(flow: LoadedFlow, transcript: Transcript, coverage = emptyCoverage()): string {
  const nextCheck = checkQueue(transcript);
  let state: ConversationState | undefined;
  let now = 1_700_000_000_000;
  let text = '';

  const apply = (input: Input) => {
    const pending: Input[] = [input];
    for (let next = pending.shift(); next; next = pending.shift()) {
      if (next.type === 'check-result' && state?.node) coverage.outcomes.add(`${state.node}/${next.result.outcome}`);
      const result = step(flow, state, next, { now });
      state = result.state;
      text += renderReplies(result.replies);
      for (const reply of result.replies) {
        if (reply.type === 'question') coverage.nodes.add(reply.nodeId);
        if (reply.type === 'answered' && reply.choiceId) coverage.choices.add(`${reply.questionId.split('#')[0]}/${reply.choiceId}`);
      }
      if (state.status !== 'active' && state.node) coverage.nodes.add(state.node);
      for (const effect of result.effects) {
        if (effect.type === 'run-check') pending.push({ type: 'check-result', requestId: effect.requestId, result: nextCheck() });
      }
    }
  };

  apply({ type: 'start', ...(transcript.vars ? { vars: transcript.vars } : {}) });
  for (const line of transcript.inputs) {
    now += 60_000;
    text += `> ${line}\n`;
    const trimmed = line.trim();
    if (trimmed) apply({ type: 'text', text: trimmed });
  }
  return text;
}
