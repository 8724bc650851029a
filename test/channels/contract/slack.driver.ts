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

export async function makeSlackDriver(runCheck: CheckRunner): Promise<ChannelDriver> {
  const bed = await new SlackTestbed({ runCheck }).start();
  let ts = 900.1;
  const nextTs = () => (ts += 0.0001).toFixed(4);

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
    async start(user) {
      await bed.event({ type: 'app_mention', user: userId(user), text: '<@UBOT>', ts: THREAD, channel: 'C1' });
    },
    async say(user, text) {
      await bed.event({ type: 'message', channel_type: 'channel', user: userId(user), text, ts: nextTs(), thread_ts: THREAD, channel: 'C1' });
    },
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
