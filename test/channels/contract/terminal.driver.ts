/**
 * The channel contract's driver for the terminal: `runChat` (the real `certstatus chat` loop on the channel
 * kit) over piped input and output. Answers are typed, so a click types the choice's number.
 */
import { PassThrough } from 'node:stream';
import { runChat } from '../../../src/channels/terminal/chat';
import type { CheckRunner } from '../../../src/core/checks';
import { createConversationService } from '../../../src/conversation/service';
import { loadFlowsDir } from '../../../src/flow/registry';
import type { QuestionNode } from '../../../src/flow/types';
import { MemoryStore } from '../../../src/store/memory';
import type { ChannelDriver } from './contract';

/** Written after every turn (the chat's prompt): a turn is done when one more of these has appeared. */
const TURN_DONE = '\n<<turn done>>\n';
const flow = loadFlowsDir().defaultFlow;
const questions = flow.nodes.filter((n): n is QuestionNode => n.kind === 'question');

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let waited = 0; !condition(); waited += 10) {
    if (waited > 5000) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export async function makeTerminalDriver(runCheck: CheckRunner): Promise<ChannelDriver> {
  const input = new PassThrough();
  const output = new PassThrough();
  let text = '';
  output.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  const handler = createConversationService({ flows: flow, store: new MemoryStore(), runCheck });
  let chat: Promise<void> | undefined;
  let sent = 0;
  const turnsDone = () => text.split(TURN_DONE).length - 1;
  const started = async () => {
    if (chat) return;
    chat = runChat({ input, output, handler, key: 'terminal:contract', prompt: TURN_DONE, echo: false });
    await until(() => turnsDone() >= 1, 'the greeting');
  };
  const type = async (line: string) => {
    await started();
    sent += 1;
    input.write(`${line}\n`);
    await until(() => turnsDone() >= sent + 1, `the answer to "${line}"`);
  };
  /** The question node shown last: the one whose numbered choices appear latest in the output. */
  const latestQuestion = () => {
    const at = (node: QuestionNode) => text.lastIndexOf(node.choices.map((c, i) => `  ${i + 1}) ${c.label}`).join('\n'));
    return [...questions].sort((a, b) => at(b) - at(a)).find((node) => at(node) >= 0);
  };

  return {
    async oneShot(_user, words) {
      await started();
      const before = text.length;
      await type(`check ${words}`);
      return { text: text.slice(before).split(TURN_DONE).join(''), visibleTo: 'everyone' };
    },
    redeliverLast: async () => undefined,
    restart: async () => {
      throw new Error('a terminal chat is one run');
    },
    start: () => started(),
    say: (_user, line) => type(line),
    async click(_user, choiceId) {
      const node = latestQuestion();
      const index = node?.choices.findIndex((c) => c.id === choiceId) ?? -1;
      if (index < 0) throw new Error(`No choice ${choiceId} on the latest question`);
      await type(String(index + 1));
    },
    clickAction: async () => {
      throw new Error('the terminal has no buttons');
    },
    runWatches: async () => {
      throw new Error('the terminal has no watches');
    },
    clickOld: async () => {
      throw new Error('the terminal has no buttons');
    },
    waitFor: (wanted) => until(() => text.includes(wanted), `"${wanted}" from the bot`),
    transcript: () => text.split(TURN_DONE).filter(Boolean),
    choices: () => latestQuestion()?.choices.map((c) => c.id) ?? [],
    settle: () => until(() => turnsDone() >= sent + 1, 'the last turn'),
    async close() {
      input.end();
      await chat;
    },
  };
}
