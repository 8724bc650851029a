/**
 * The terminal channel: reads a line, hands it to the channel kit as a message, prints the replies. Works
 * interactively (a prompt) and with piped input, one answer a line, ending cleanly at end of input. The
 * terminal is one place with one conversation; nothing is posted later, so it has no watches.
 * On a terminal, Ctrl-C while the bot works cancels its check and returns to the prompt; Ctrl-C at the
 * prompt, a second Ctrl-C, or Ctrl-D leaves. Control characters in what is echoed or quoted are shown escaped.
 */
import { createInterface } from 'node:readline';
import type { ConversationHandler } from '../../conversation/types';
import { silentLogger } from '../../core/logger';
import type { Participant } from '../../engine/replies';
import { MemoryStore } from '../../store/memory';
import type { PlatformAdapter } from '../kit/adapter';
import { ChannelKit } from '../kit/kit';
import { renderReplies, visibleText } from './render';

export interface RunChatOptions {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  handler: ConversationHandler;
  /** Conversation key in the store. */
  key: string;
  /** Variables known up front, e.g. `{ domain: 'example.com' }` from `--domain`. */
  vars?: Record<string, string>;
  /** Prompt before each answer (default "> " on a terminal, none when piped). */
  prompt?: string;
  /** Write each line read back as "> line", so piped runs read like a conversation (default: when piped). */
  echo?: boolean;
  /** Who is typing. */
  by?: Participant;
}

/** Lines that leave the chat rather than being sent to the bot. */
const EXIT_WORDS = new Set(['exit', 'quit', ':q']);

export const TERMINAL_WHERE = '• Terminal: type one of these, or an answer, on its own line; "exit" leaves.';

/** The terminal as a kit platform: its one place is the output; answered questions need no update there. */
export function terminalAdapter(key: string, write: (text: string) => Promise<void>): PlatformAdapter<string> {
  return {
    name: 'terminal',
    usageWhere: TERMINAL_WHERE,
    keyOf: () => key,
    placeOfKey: async (asked) => (asked === key ? key : undefined),
    async post(_place, reply) {
      await write(renderReplies([reply]));
      return undefined;
    },
    // The user just typed the answer; nothing to replace.
    updateAnswered: async () => undefined,
  };
}

export async function runChat(options: RunChatOptions): Promise<void> {
  const { input, output, handler, key } = options;
  const by: Participant = options.by ?? { id: 'terminal' };
  const interactive = Boolean((input as { isTTY?: boolean }).isTTY);
  const prompt = options.prompt ?? (interactive ? '> ' : '');
  const echo = options.echo ?? !interactive;
  // Once the user left, a turn still finishing in the background prints nothing more.
  let left = false;
  const write = (text: string) =>
    new Promise<void>((resolve, reject) => {
      if (!text || left) return resolve();
      output.write(text, (error?: Error | null) => (error ? reject(error) : resolve()));
    });
  const kit = new ChannelKit({ adapter: terminalAdapter(key, write), conversations: handler, store: new MemoryStore(), logger: silentLogger });

  // On a terminal, readline's own line editing and history; piped, plain lines.
  const lines = interactive
    ? createInterface({ input, output, terminal: true, prompt, crlfDelay: Infinity })
    : createInterface({ input, terminal: false, crlfDelay: Infinity });
  // Take the iterator at once: readline drops lines (and the end) emitted before it exists.
  const iterator = lines[Symbol.asyncIterator]();

  // The turn the bot is working on, cancelled by the first Ctrl-C; leaving settles `leaving`.
  let working: AbortController | undefined;
  let leave: () => void = () => undefined;
  const leaving = new Promise<'left'>((resolve) => (leave = () => resolve('left')));
  // Without a listener readline would only pause the input on Ctrl-C.
  lines.on('SIGINT', () => {
    if (working && !working.signal.aborted) return working.abort();
    left = true;
    leave();
    lines.close();
  });
  /** Runs one turn until it is done, or until the user leaves (it may then finish unseen). */
  const turn = async (work: (signal: AbortSignal) => Promise<void>): Promise<'done' | 'left'> => {
    working = new AbortController();
    const running = work(working.signal);
    try {
      const outcome = await Promise.race([running.then(() => 'done' as const), leaving]);
      if (outcome === 'left') running.catch(() => undefined);
      return outcome;
    } finally {
      working = undefined;
    }
  };

  if (interactive) await write('(type "exit" or press Ctrl-D to leave; Ctrl-C stops a check that is running)\n');
  const start = { type: 'start' as const, ...(options.vars ? { vars: options.vars } : {}), by };
  const showPrompt = interactive ? async () => lines.prompt() : () => write(prompt);
  try {
    if ((await turn((signal) => kit.converse(key, start, { signal }))) === 'left') return;
    await showPrompt();
    for await (const raw of { [Symbol.asyncIterator]: () => iterator }) {
      const text = raw.trim();
      if (echo) await write(`> ${visibleText(text)}\n`);
      if (EXIT_WORDS.has(text.toLowerCase())) break;
      if (text && (await turn((signal) => kit.onMessage(key, by, text, { signal }))) === 'left') break;
      await showPrompt();
    }
  } finally {
    lines.close();
  }
  if (prompt) output.write('\n');
}
