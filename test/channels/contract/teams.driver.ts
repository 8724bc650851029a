/**
 * The channel contract's driver for Teams: a reply chain in a team channel, started by a bare @mention, over
 * the real CloudAdapter with a fake Bot Connector.
 */
import type { CheckRunner } from '../../../src/core/checks';
import { actionButton, cardActions, cardText, choiceButton, type ConnectorCall } from '../../support/fake-connector/connector';
import { channelThread, mention, submit, type Member } from '../../support/fake-connector/teams-activities';
import { startTeamsHarness } from '../teams/harness';
import type { ChannelDriver } from './contract';

const ROOT_MESSAGE = '1700000009000';
const member = (name: string): Member => ({ id: `29:${name}`, name, aadObjectId: `aad-${name}` });

export async function makeTeamsDriver(runCheck: CheckRunner): Promise<ChannelDriver> {
  let time = Date.now();
  const harness = await startTeamsHarness({ runCheck, watches: { now: () => time } });
  const thread = channelThread(harness.connector.url, ROOT_MESSAGE);
  const inThread = () => harness.connector.calls.filter((call) => call.conversationId === thread.conversation.id);
  const textOf = (call: ConnectorCall) => `${String(call.body.text ?? '')}\n${cardText(call.body)}`;
  const choiceButtons = (call: ConnectorCall | undefined) => (call ? cardActions(call.body).filter((action) => action.payload?.kind === 'choice') : []);
  // Every question is its own card: buttons for choices, "Type your answer" for free text. Updates replace them.
  const asked = () => inThread().filter((call) => call.kind !== 'update' && (choiceButtons(call).length > 0 || cardText(call.body).includes('Type your answer')));
  const latestWithButtons = () => inThread().filter((call) => call.kind !== 'update' && choiceButtons(call).length > 0).at(-1);

  let last: Parameters<typeof harness.send>[0] | undefined;
  const send = async (activity: Parameters<typeof harness.send>[0]) => {
    last = activity;
    const response = await harness.send(activity);
    if (response.status !== 200) throw new Error(`the bot answered ${response.status}`);
  };
  const clickOn = (card: ConnectorCall | undefined, user: string, choiceId: string) => {
    const button = card && choiceButton(card.body, choiceId);
    if (!button) throw new Error(`No button for choice ${choiceId}`);
    return send(submit(thread, button.data, member(user)));
  };

  return {
    async oneShot(user, words) {
      const before = inThread().length;
      await send(mention(thread, `check ${words}`, member(user)));
      await harness.bot.idle();
      return { text: inThread().slice(before).map(textOf).join('\n'), visibleTo: 'everyone' };
    },
    // The connector delivers the same activity again (same id) when it thinks the first delivery failed.
    redeliverLast: async () => void (last && (await harness.send(last))),
    restart: () => harness.restart(),
    async clickAction(user, action) {
      const card = inThread().filter((call) => call.kind !== 'update' && actionButton(call.body, action)).at(-1);
      const button = card && actionButton(card.body, action);
      if (!button) throw new Error(`No ${action} button on a card`);
      await send(submit(thread, button.data, member(user)));
    },
    async runWatches() {
      time += 61 * 60_000;
      await harness.watches!.runDue();
    },
    start: (user) => send(mention(thread, '', member(user))),
    say: (user, text) => send(mention(thread, text, member(user))),
    click: (user, choiceId) => clickOn(latestWithButtons(), user, choiceId),
    clickOld: (user, nth, choiceId) => clickOn(asked()[nth], user, choiceId),
    waitFor: (text) => harness.connector.waitFor(() => inThread().some((call) => textOf(call).includes(text))).then(() => undefined),
    transcript: () => inThread().map(textOf),
    choices: () => choiceButtons(latestWithButtons()).map((action) => (action.payload?.kind === 'choice' ? action.payload.choice : '')),
    settle: () => harness.bot.idle(),
    close: () => harness.close(),
  };
}
