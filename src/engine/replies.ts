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
export type ActionId = 'recheck' | 'troubleshoot' | 'restart' | 'handoff' | 'watch' | 'details';

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

/** One name of a several-name card: its cause in one line; its details (the full cause card) are a click away. */
export interface NameSection {
  domain: string;
  /** The check's outcome: a cause id, or `error` when it could not run. */
  causeId: string;
  /** `right`: the record has the expected value; `stuck`: a cause; `unchecked`: not evidence enough either way. */
  state: 'right' | 'stuck' | 'unchecked';
  /** The cause's title (or "Could not be checked"). */
  title: string;
  /** The main finding, in one line. */
  line: string;
  /** The value the name was checked against, which its details button checks again. */
  expect?: string;
  /** Offer "Notify me when it takes effect" for this name (a cause a watch can wait out). */
  watch?: boolean;
}

/** Several names checked at once (a certificate's names, `check a.com www.a.com`): one card, one section per name. */
export interface NamesReply {
  type: 'names';
  title: string;
  /** One-line notices about the whole card (issued already, email validation, where the values came from). */
  notices: string[];
  sections: NameSection[];
  /** "2 of 3 names are right; 1 needs attention." */
  summary: string;
}

export type Reply = TextReply | QuestionReply | CauseReply | HandoffReply | AnsweredReply | ProgressReply | NamesReply;

/** Who said something in a shared conversation (Slack user, Teams member, terminal user). */
export interface Participant {
  id: string;
  name?: string;
}
