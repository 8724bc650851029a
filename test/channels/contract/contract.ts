/**
 * The channel contract: the same conversation, driven through any channel (Slack, Teams, ...), reaches the
 * same cause with the same check. A channel provides a small driver; `runChannelContract` runs the suite.
 */
import type { CheckOutcome, CheckRunner } from '../../../src/core/checks';

export interface ChannelDriver {
  /** Starts the guided conversation the way users do in that channel (a mention in a thread, a message). */
  start(user: string): Promise<void>;
  /** `user` types `text` in the conversation. */
  say(user: string, text: string): Promise<void>;
  /** `user` clicks the button of `choiceId` on the latest question. */
  click(user: string, choiceId: string): Promise<void>;
  /** `user` clicks `choiceId` on an earlier question: the `nth` question asked (0-based). */
  clickOld(user: string, nth: number, choiceId: string): Promise<void>;
  /** Waits until a bot message (or an update of one) contains `text`. */
  waitFor(text: string): Promise<void>;
  /** Everything the bot said in the conversation so far, as plain text, in order (updates included). */
  transcript(): string[];
  /** Choice ids of the latest question. */
  choices(): string[];
  /** Lets in-flight work settle (a click that is refused produces no new message to wait for). */
  settle(): Promise<void>;
  close(): Promise<void>;
}

/** Builds a driver for a fresh channel whose DNS check answers with `runCheck`. */
export type MakeDriver = (runCheck: CheckRunner) => Promise<ChannelDriver>;

const titles = {
  'wrong-platform': 'A wrong domain name management platform was selected',
  'ownership-not-verified': 'The ownership of the domain name is not verified yet',
} as const;

function runner(outcome: string) {
  const calls: Record<string, string>[] = [];
  const result: CheckOutcome = { outcome, causes: [outcome], summary: `found ${outcome}`, evidence: [{ text: `evidence for ${outcome}` }] };
  const run: CheckRunner = async (_check, params) => {
    calls.push(params);
    return result;
  };
  return { run, calls };
}

export function runChannelContract(name: string, makeDriver: MakeDriver): void {
  describe(`channel contract: ${name}`, () => {
    let driver: ChannelDriver | undefined;
    afterEach(async () => {
      await driver?.close();
      driver = undefined;
    });

    it('walks a conversation shared by two people, by text and by button, to the DNS cause', async () => {
      const dns = runner('wrong-platform');
      driver = await makeDriver(dns.run);
      await driver.start('alice');
      await driver.waitFor('Which domain is the certificate for?');
      await driver.say('bob', 'Example.COM');
      await driver.waitFor('Step 1 of 4');
      expect(driver.choices()).toEqual(['verified', 'not-verified', 'unsure']);
      await driver.click('alice', 'verified');
      await driver.waitFor('paste the record value');
      await driver.say('bob', 'skip');
      await driver.waitFor(titles['wrong-platform']);
      expect(dns.calls).toEqual([{ domain: 'example.com' }]);
      expect(driver.transcript().join('\n')).toContain('evidence for wrong-platform');
    });

    it('reaches a flow cause by choices alone, typed as words', async () => {
      const dns = runner('wrong-platform');
      driver = await makeDriver(dns.run);
      await driver.start('alice');
      await driver.waitFor('Which domain');
      await driver.say('alice', 'example.com');
      await driver.waitFor('Step 1 of 4');
      await driver.say('bob', 'no');
      await driver.waitFor(titles['ownership-not-verified']);
      expect(dns.calls).toEqual([]);
    });

    it('never applies a click on an earlier question', async () => {
      const dns = runner('wrong-platform');
      driver = await makeDriver(dns.run);
      await driver.start('alice');
      await driver.waitFor('Which domain');
      await driver.say('alice', 'example.com');
      await driver.waitFor('Step 1 of 4');
      await driver.click('alice', 'verified');
      await driver.waitFor('paste the record value');
      const before = driver.transcript().length;
      // Step 1 is the second question asked (after the domain); "No, not yet" there would end at ownership.
      await driver.clickOld('bob', 1, 'not-verified');
      await driver.settle();
      expect(driver.transcript().join('\n')).not.toContain(titles['ownership-not-verified']);
      // The conversation still waits on the record value: answering it reaches the DNS cause.
      await driver.say('alice', 'skip');
      await driver.waitFor(titles['wrong-platform']);
      expect(driver.transcript().length).toBeGreaterThan(before);
    });
  });
}
