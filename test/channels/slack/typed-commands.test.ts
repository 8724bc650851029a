import { isCommand, isWatchListOrCancel } from '../../../src/channels/slack/typed-commands';

describe('typed commands (Slack)', () => {
  test('recognises every command word, with or without the bot mention', () => {
    for (const text of ['recheck', 'Restart', 'back', 'help', 'watch', '<@UBOT> notify me', 'Notify me when it takes effect', 'watches', '<@UBOT|certstatus> stop watching', 'unwatch']) {
      expect([text, isCommand(text)]).toEqual([text, true]);
    }
  });

  test('sentences that merely contain a command word are not commands', () => {
    for (const text of ['<@UBOT> check shop.test', 'please watch my domain', 'can you recheck it later?', '']) {
      expect([text, isCommand(text)]).toEqual([text, false]);
    }
  });

  test('only "watches" and "unwatch" reach a thread that has nothing but a watch', () => {
    expect(['watches', 'unwatch', 'stop watching', 'watch', 'recheck'].map(isWatchListOrCancel)).toEqual([true, true, true, false, false]);
  });
});
