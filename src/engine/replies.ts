/**
 * The platform-neutral message model. The engine emits these; each channel renders them its own way
 * (terminal text, Slack Block Kit, Teams Adaptive Cards). Keep it small: every new field costs three
 * renderers.
 */
import type { Evidence } from '../core/checks';

export interface ChoiceButton {
  /** Stable choice id from the flow. */
  id: string;
  label: string;
}

/** Buttons offered under a card that are not answers to a question. */
export type ActionId = 'recheck' | 'troubleshoot' | 'restart' | 'handoff' | 'watch';

export interface ActionButton {
  id: ActionId;
  label: string;
}

export interface TextReply {
  type: 'text';
  text: string;
  tone?: 'info' | 'warning' | 'error';
}

/** A question. `questionId` identifies this asking of it (node + turn), so stale clicks are detected. */
export interface QuestionReply {
  type: 'question';
  questionId: string;
  nodeId: string;
  text: string;
  help?: string;
  /** Empty for a free-text question. */
  choices: ChoiceButton[];
  /** True when the answer is typed (an input node); choices may still offer `skip`. */
  freeText: boolean;
}

/** A diagnosis: the cause, what to do, and the evidence. Ends a conversation. */
export interface CauseReply {
  type: 'cause';
  causeId: string;
  title: string;
  summary?: string;
  procedure: string[];
  after?: string;
  evidence: Evidence[];
  warnings: string[];
  actions: ActionButton[];
}

export interface HandoffReply {
  type: 'handoff';
  text: string;
}

/** Tells a channel that a question was answered, so it can update the original message (buttons -> answer). */
export interface AnsweredReply {
  type: 'answered';
  questionId: string;
  /** Choice id, or undefined for a typed free-text answer. */
  choiceId?: string;
  /** What was chosen or typed, as shown to people. */
  label: string;
  by?: Participant;
}

/** "Checking DNS for example.com..." while a check effect runs. */
export interface ProgressReply {
  type: 'progress';
  text: string;
}

export type Reply = TextReply | QuestionReply | CauseReply | HandoffReply | AnsweredReply | ProgressReply;

/** Who said something in a shared conversation (Slack user, Teams member, terminal user). */
export interface Participant {
  id: string;
  name?: string;
}
