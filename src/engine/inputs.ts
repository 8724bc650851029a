/** Inputs the engine accepts. Channels translate messages, clicks and check results into these. */
import type { CheckOutcome } from '../core/checks';
import type { CommandName } from '../flow/commands';
import type { Participant } from './replies';

interface InputBase {
  by?: Participant;
}

/** Start (or restart) a conversation, optionally with known variables (e.g. a domain from `/certstatus example.com`). */
export interface StartInput extends InputBase {
  type: 'start';
  vars?: Record<string, string>;
}

/** A typed message. Commands (`help`, `back`, `restart`, `cancel`, `recheck`) are recognised in text too. */
export interface TextInput extends InputBase {
  type: 'text';
  text: string;
  /**
   * The question this message answers, when known (a reply to a question message, or the question that
   * was current when the message arrived and lost a race). A non-command message for an earlier question
   * is not applied to the current one.
   */
  questionId?: string;
}

/** A button click: the question it belongs to and the choice. */
export interface ChoiceInput extends InputBase {
  type: 'choice';
  questionId: string;
  choiceId: string;
}

/** An action button that is not an answer (re-check, start troubleshooting, ...). */
export interface CommandInput extends InputBase {
  type: 'command';
  /** `watch`, `watches` and `unwatch` only do something where the channel can post later (see StepContext.watch). */
  command: CommandName;
}

/** The result of a `run-check` effect. `requestId` must match the pending request, else it is ignored. */
export interface CheckResultInput extends InputBase {
  type: 'check-result';
  requestId: string;
  result: CheckOutcome;
}

/**
 * What became of a `start-watch` effect: the watch store's answer. The engine confirms a watch only on
 * this input (with the times the store gave it), or says why there is none. It changes no state.
 */
export interface WatchResultInput extends InputBase {
  type: 'watch-result';
  domain: string;
  result: { ok: true; firstCheckInMs: number; until: number } | { ok: false; why: string };
}

export type Input = StartInput | TextInput | ChoiceInput | CommandInput | CheckResultInput | WatchResultInput;
