/** The channel contract's driver for Slack: a thread in a channel, started by a mention, over the real Bolt app. */
import type { CheckRunner } from '../../../src/core/checks';
import { decodePayload } from '../../../src/channels/kit/payload';
import { blockText, buttonsOf } from '../../support/fake-slack/blocks';
import type { PostedMessage } from '../../support/fake-slack/payloads';
import { SlackTestbed } from '../../support/fake-slack/testbed';
import type { ChannelDriver } from './contract';

const THREAD = '900.1';
const userId = (name: string) => `U${name.toUpperCase()}`;
/** The choice a button answers, if it is an answer button. */
const choiceOf = (value: string) => {
  const payload = decodePayload(value);
  return payload?.kind === 'choice' ? payload.choice : undefined;
};

const isAction = (value: string, action: string) => {
  const payload = decodePayload(value);
  return payload?.kind === 'card' && payload.action === action;
};

export async function makeSlackDriver(runCheck: CheckRunner): Promise<ChannelDriver> {
  const bed = await new SlackTestbed({ runCheck, watches: true }).start();
  let ts = 900.1;
  const nextTs = () => (ts += 0.0001).toFixed(4);
  // The last delivery, so it can be delivered again the way Slack retries (same event id, X-Slack-Retry-Num).
  let events = 0;
  let last: (() => Promise<unknown>) | undefined;
  const deliver = async (event: Record<string, unknown>) => {
    const eventId = `Ev${++events}`;
    last = () => bed.event(event, { eventId, retryNum: 1 });
    const response = await bed.event(event, { eventId });
    if (response.status !== 200) throw new Error(`the event was refused with ${response.status}`);
  };

  const posts = () => bed.fake.posts().filter((post) => post.thread_ts === THREAD);
  const questions = () => posts().filter((post) => buttonsOf(post).some((b) => choiceOf(b.value)));
  const textOf = (message: { text?: unknown; blocks?: unknown[] }) => `${String(message.text ?? '')}\n${blockText(message)}`;
  const transcript = () => [
    ...posts().map(textOf),
    ...bed.fake.callsOf('chat.update').map((call) => textOf(call.args)),
  ];
  const clickOn = async (question: PostedMessage | undefined, user: string, choiceId: string) => {
    const target = question && buttonsOf(question).find((b) => choiceOf(b.value) === choiceId);
    if (!target) throw new Error(`No button for choice ${choiceId}`);
    const response = await bed.click(question, target, userId(user)).result;
    if (response.status !== 200) throw new Error(`click refused with ${response.status}`);
  };

  return {
    async oneShot(user, words) {
      const { id, result } = bed.command(words, { user: userId(user) });
      const ack = (await result).json();
      // A bad request is answered in the ack itself; a check in a response_url post replacing the note.
      if (!String(ack.text ?? '').includes('Checking DNS')) return { text: textOf(ack), visibleTo: ack.response_type === 'in_channel' ? 'everyone' : 'asker' };
      await bed.fake.waitFor(() => bed.fake.responses.some((r) => r.id === id), 'the one-shot answer');
      const body = bed.fake.responses.find((r) => r.id === id)!.body as { response_type?: string; text?: unknown; blocks?: unknown[] };
      return { text: textOf(body), visibleTo: body.response_type === 'in_channel' ? 'everyone' : 'asker' };
    },
    redeliverLast: async () => void (await last?.()),
    restart: () => bed.restart(),
    async clickAction(user, action) {
      const cards = posts().filter((post) => buttonsOf(post).some((b) => isAction(b.value, action)));
      const card = cards.at(-1);
      const target = card && buttonsOf(card).find((b) => isAction(b.value, action));
      if (!card || !target) throw new Error(`No ${action} button on a card`);
      const response = await bed.click(card, target, userId(user)).result;
      if (response.status !== 200) throw new Error(`click refused with ${response.status}`);
    },
    async runWatches() {
      bed.time += 61 * 60_000;
      await bed.watches!.runDue();
    },
    start: (user) => deliver({ type: 'app_mention', user: userId(user), text: '<@UBOT>', ts: THREAD, channel: 'C1' }),
    say: (user, text) => deliver({ type: 'message', channel_type: 'channel', user: userId(user), text, ts: nextTs(), thread_ts: THREAD, channel: 'C1' }),
    click: (user, choiceId) => clickOn(questions().at(-1), user, choiceId),
    clickOld: (user, nth, choiceId) => {
      // Slack posts every question as its own message, so the nth asking is the nth question message with buttons
      // (a free-text question has none; count it from the posts that ask something).
      const asked = posts().filter((post) => /\?/.test(post.text ?? '') && (buttonsOf(post).length > 0 || /Type your answer/.test(blockText(post))));
      return clickOn(asked[nth], user, choiceId);
    },
    waitFor: (text) => bed.fake.waitFor(() => transcript().some((line) => line.includes(text)), `"${text}" from the bot`),
    transcript,
    choices: () => buttonsOf(questions().at(-1) ?? {}).map((b) => choiceOf(b.value) ?? ''),
    settle: () => new Promise((resolve) => setTimeout(resolve, 300)),
    close: () => bed.stop(),
  };
}
