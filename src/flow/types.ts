/**
 * The flow file format, as parsed from YAML (flows/*.yaml). The TypeScript shape is exactly the data
 * shape; flows/flow.schema.json is its JSON Schema. Documented in flows/README.md.
 */
import type { MessageId } from './messages';

/** One cause of the problem with the procedure that fixes it (the FAQ's Table 1 rows, and more). */
export interface Cause {
  /** Short plain title, e.g. "The record was added on the wrong DNS platform". */
  title: string;
  /** One or two sentences of explanation shown above the procedure. */
  summary?: string;
  /** Numbered steps the user follows. May use {{var}} placeholders. */
  procedure: string[];
  /** What happens after the fix (e.g. "the CA then needs 2-3 working days"). */
  after?: string;
  /**
   * How watches ("notify me when it takes effect") treat this cause. `offer`: it changes on its own once
   * the user's fix propagates or a cache expires, so its card offers a watch and a watch keeps going while
   * it is the diagnosis. `goal`: the diagnosis a watch waits for (the record is right everywhere; the CA's
   * turn). Absent: not watched (a typo'd domain, a registrar process that DNS does not show).
   */
  watch?: CauseWatch;
}

export type CauseWatch = 'offer' | 'goal';

export interface Choice {
  /** Stable id, used in button values and transcripts. */
  id: string;
  label: string;
  /** Other words that pick this choice ("y", "yep", "done"); matched ignoring case and punctuation. */
  synonyms?: string[];
  /** Node id to go to. */
  next: string;
}

interface NodeBase {
  id: string;
  /** Text explaining the question and how to answer, shown on `help`. */
  help?: string;
}

/** A question with fixed choices (buttons). */
export interface QuestionNode extends NodeBase {
  kind: 'question';
  text: string;
  choices: Choice[];
}

/** Built-in validators for free-text answers. */
export type InputValidator = 'domain' | 'record-value' | 'text';

/** A free-text question that captures a value into a variable. */
export interface InputNode extends NodeBase {
  kind: 'input';
  text: string;
  /** Variable name the answer is stored in, e.g. `domain`. */
  capture: string;
  validate?: InputValidator;
  /** When true, `skip` is an accepted answer and leaves the variable unset. */
  optional?: boolean;
  /** Skip the question when the variable is already known (default true). */
  skipIfKnown?: boolean;
  next: string;
}

/** Runs a named diagnostic (an effect the channel executes) and branches on its outcome. */
export interface CheckNode extends NodeBase {
  kind: 'check';
  /** Shown while the check runs, e.g. "Checking DNS for {{domain}}...". */
  text?: string;
  /** Name of a check in the check catalogue (src/checks/catalogue.ts), e.g. `dns`. */
  check: string;
  /** Parameters with {{var}} placeholders, e.g. { domain: '{{domain}}' }. */
  params?: Record<string, string>;
  /** Outcome -> node id. Outcomes must be declared by the check. */
  outcomes: Record<string, string>;
  /** Node for outcomes not listed in `outcomes`. */
  default?: string;
}

/** Ends the conversation by presenting a cause with its procedure (and the last check's evidence). */
export interface AnswerNode extends NodeBase {
  kind: 'answer';
  cause: string;
  /** Optional lead-in text before the cause card. */
  text?: string;
}

/** Ends the conversation by handing it to a human. */
export interface HandoffNode extends NodeBase {
  kind: 'handoff';
  text: string;
}

export type FlowNode = QuestionNode | InputNode | CheckNode | AnswerNode | HandoffNode;
export type NodeKind = FlowNode['kind'];

export interface Flow {
  /** Stable id used to select the flow (`--flow ID`). */
  id: string;
  /** Bumped on every edit that changes the graph; conversations on an older version restart. */
  version: number;
  title: string;
  description?: string;
  /** Greeting shown when a conversation starts. */
  greeting?: string;
  /** Node id the conversation starts at. */
  start: string;
  /** Node to hand off to after repeated misunderstandings (defaults to the first handoff node). */
  handoff?: string;
  causes: Record<string, Cause>;
  nodes: FlowNode[];
  /**
   * The engine's own sentences reworded, by message id (src/flow/messages.ts lists them with their
   * {{param}} placeholders); ids not listed keep the default English text.
   */
  messages?: Partial<Record<MessageId, string>>;
}

/** A flow that passed validation, with its nodes indexed by id and where it came from. */
export interface LoadedFlow extends Flow {
  nodeById: ReadonlyMap<string, FlowNode>;
  /** File the flow was loaded from (for messages), or '<memory>'. */
  source: string;
}
