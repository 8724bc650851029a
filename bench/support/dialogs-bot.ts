/**
 * The alternative a Bot Framework user would pick for the same FAQ: botbuilder-dialogs, one WaterfallDialog
 * walking the manual path with ChoicePrompts and TextPrompts, state in ConversationState over MemoryStorage,
 * run by the SDK's TestAdapter. Texts and choices come from the shipped flow, so both bots say the same.
 * Like a hand-written waterfall, it has no back/undo, stale-button detection or version checks.
 */
import { ActivityTypes, ConversationState, MemoryStorage, TestAdapter, type TurnContext } from 'botbuilder';
import {
  ChoicePrompt,
  DialogSet,
  DialogTurnStatus,
  ListStyle,
  TextPrompt,
  WaterfallDialog,
  type Choice,
  type DialogTurnResult,
  type FoundChoice,
  type WaterfallStep,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import type { CheckRunner } from '../../src/core/checks';
import { parseDomain } from '../../src/core/domain';
import { say } from '../../src/engine/messages';
import { fillTemplate } from '../../src/engine/template';
import type { InputNode, LoadedFlow, QuestionNode } from '../../src/flow/types';

const CHOICE = 'choice';
const DOMAIN_PROMPT = 'domain';
const VALUE_PROMPT = 'value';
const WATERFALL = 'manual-path';
/** The manual questions in the order the waterfall asks them, each after the previous one's answer. */
const MANUAL_QUESTIONS = ['manual-step2-record-added', 'manual-platform', 'manual-old-record', 'manual-record-settings', 'manual-ttl'];

export interface DialogsBot {
  adapter: TestAdapter;
  storage: MemoryStorage;
  /** Sends one message in conversation `conversationId`; resolves with the texts the bot replied. */
  say(conversationId: string, text: string): Promise<string[]>;
}

export function createDialogsBot(flow: LoadedFlow, runCheck: CheckRunner): DialogsBot {
  const storage = new MemoryStorage();
  const conversationState = new ConversationState(storage);
  const dialogs = new DialogSet(conversationState.createProperty('dialogState'));
  const node = <T>(id: string) => flow.nodeById.get(id) as T;
  const vars = (step: WaterfallStepContext) => step.values as Record<string, string>;

  const choicesOf = (question: QuestionNode): Choice[] =>
    question.choices.map((c) => ({ value: c.label, synonyms: c.synonyms ?? [], action: { type: 'imBack', title: c.label, value: c.label } }));

  const ask = (step: WaterfallStepContext, id: string): Promise<DialogTurnResult> => {
    const question = node<QuestionNode>(id);
    return step.prompt(CHOICE, { prompt: fillTemplate(question.text, vars(step)), choices: choicesOf(question), style: ListStyle.suggestedAction });
  };

  const conclude = async (step: WaterfallStepContext, answerId: string): Promise<DialogTurnResult> => {
    const answer = node<{ kind: string; cause: string; text?: string }>(answerId);
    if (answer.kind !== 'answer') throw new Error(`the waterfall does not handle ${answerId}`);
    const cause = flow.causes[answer.cause];
    const lines = [answer.text, cause.title, cause.summary, ...cause.procedure, cause.after].filter((t): t is string => !!t);
    await step.context.sendActivity(lines.map((line) => fillTemplate(line, vars(step))).join('\n'));
    return step.endDialog(answer.cause);
  };

  /** After `previous` was answered: ask `next` if that is where the answer leads, else give the answer's cause. */
  const askAfter = (previous: string, next: string): WaterfallStep => async (step) => {
    const found = step.result as FoundChoice;
    const target = node<QuestionNode>(previous).choices[found.index].next;
    return target === next ? ask(step, next) : conclude(step, target);
  };

  const steps: WaterfallStep[] = [
    (step) => step.prompt(DOMAIN_PROMPT, { prompt: node<InputNode>('ask-domain').text }),
    async (step) => {
      vars(step).domain = step.result as string;
      return ask(step, 'step1-ownership');
    },
    async (step) => {
      const target = node<QuestionNode>('step1-ownership').choices[(step.result as FoundChoice).index].next;
      if (target !== 'ask-record-value') return conclude(step, target);
      return step.prompt(VALUE_PROMPT, { prompt: node<InputNode>('ask-record-value').text });
    },
    async (step) => {
      const value = String(step.result).trim();
      if (value.toLowerCase() !== 'skip') vars(step).expect = value;
      const outcome = await runCheck('dns', { domain: vars(step).domain, ...(vars(step).expect ? { expect: vars(step).expect } : {}) });
      // Only the manual path is written out here; a cause the check found ends the dialog with its card.
      if (outcome.outcome !== 'error') return conclude(step, `answer-${outcome.outcome}`);
      // The same warning the engine gives before its manual questions.
      await step.context.sendActivity(say(undefined, 'checkFailed', { why: outcome.summary ?? 'unknown error' }));
      return ask(step, MANUAL_QUESTIONS[0]);
    },
    ...MANUAL_QUESTIONS.slice(1).map((id, i) => askAfter(MANUAL_QUESTIONS[i], id)),
    async (step) => conclude(step, node<QuestionNode>('manual-ttl').choices[(step.result as FoundChoice).index].next),
  ];

  dialogs.add(new WaterfallDialog(WATERFALL, steps));
  dialogs.add(new ChoicePrompt(CHOICE, undefined, 'en-us'));
  dialogs.add(new TextPrompt(DOMAIN_PROMPT, async (prompt) => {
    try {
      prompt.recognized.value = parseDomain(prompt.recognized.value ?? '').ascii;
      return true;
    } catch {
      return false;
    }
  }));
  dialogs.add(new TextPrompt(VALUE_PROMPT));

  const logic = async (context: TurnContext) => {
    const dc = await dialogs.createContext(context);
    const result = await dc.continueDialog();
    if (result.status === DialogTurnStatus.empty) await dc.beginDialog(WATERFALL);
    await conversationState.saveChanges(context);
  };
  const adapter = new TestAdapter(logic);

  return {
    adapter,
    storage,
    async say(conversationId, text) {
      await adapter.processActivity({ type: ActivityTypes.Message, text, conversation: { id: conversationId, isGroup: false, conversationType: 'personal', name: conversationId } });
      // Replies queue up in the adapter; take them so the queue does not grow over a benchmark.
      const replies = adapter.activeQueue.splice(0).map((a) => a.text ?? '');
      return replies;
    },
  };
}
