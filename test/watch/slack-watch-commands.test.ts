import { isWatchCommand } from '../../src/channels/slack/watch-commands';

describe('isWatchCommand (Slack)', () => {
  test('recognises the watch commands, with or without the bot mention', () => {
    for (const text of ['watch', '<@UBOT> notify me', 'Notify me when it takes effect', 'watches', '<@UBOT|certstatus> stop watching', 'unwatch']) {
      expect([text, isWatchCommand(text)]).toEqual([text, true]);
    }
  });

  test('other commands and sentences that merely mention watching are not', () => {
    for (const text of ['recheck', 'help', '<@UBOT> check shop.test', 'please watch my domain', 'stop', '']) {
      expect([text, isWatchCommand(text)]).toEqual([text, false]);
    }
  });
});
