/**
 * The channel contract: each behaviour stated once, run on every channel (terminal, Slack, Teams) through
 * a small driver; `runChannelContract` runs the suite. Where a platform truly differs, CAPABILITIES says
 * so (the one place), and the behaviours read it instead of naming platforms.
 */
import type { CheckOutcome, CheckRunner } from '../../../src/core/checks';

/** How a channel truly differs from the others. */
export interface ChannelCapabilities {
  /**
   * A one-shot answer can be shown to the asker alone (Slack's ephemeral messages), and `public` shows it
   * to everyone. Teams has no ephemeral messages and the terminal has one reader: everyone sees the answer.
   */
  ephemeral: boolean;
  /**
   * Questions are messages with buttons that stay clickable (so old and repeated clicks happen). In the
   * terminal answers are typed: `click` types the choice's number.
   */
  buttons: boolean;
  /** The platform delivers an event again when it thinks the first delivery failed (Slack, Teams). */
  redelivers: boolean;
  /** The bot runs as a service whose restart keeps conversations (Slack, Teams); a terminal chat is one run. */
  restarts: boolean;
  /** The bot can post later, so cause cards offer watches and notices arrive (Slack, Teams; not the terminal). */
  watches: boolean;
}

/** Where the platforms truly differ: the one place that says so. */
export const CAPABILITIES: Record<'terminal' | 'slack' | 'teams', ChannelCapabilities> = {
  // One reader and no buttons: everyone sees every answer; nothing is delivered twice; a chat is one run.
  // Nothing is posted to a terminal later either: no watches.
  terminal: { ephemeral: false, buttons: false, redelivers: false, restarts: false, watches: false },
  slack: { ephemeral: true, buttons: true, redelivers: true, restarts: true, watches: true },
  // Teams has no ephemeral messages: a one-shot answer is posted in the reply chain for everyone.
  teams: { ephemeral: false, buttons: true, redelivers: true, restarts: true, watches: true },
};

/** A one-shot answer (`check example.com ...`): what it says and who sees it. */
export interface OneShotAnswer {
  text: string;
  visibleTo: 'asker' | 'everyone';
}

export interface ChannelDriver {
  /** `user` asks for a one-shot check the way that channel does (`/certstatus ...`, `@certstatus check ...`). */
  oneShot(user: string, words: string): Promise<OneShotAnswer>;
  /** The platform delivers the last message or click again, as its retry would. */
  redeliverLast(): Promise<void>;
  /** A new process of the bot on the same store, between two messages (where `restarts`). */
  restart(): Promise<void>;
  /** `user` clicks the `action` button (`watch`, `recheck`, ...) of the latest cause card. */
  clickAction(user: string, action: string): Promise<void>;
  /** Moves the clock past the watches' first re-check and runs the due ones (where `watches`). */
  runWatches(): Promise<void>;
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

/** Who sees a one-shot answer on this channel, without and with `public`. */
const audience = (can: ChannelCapabilities, isPublic: boolean): OneShotAnswer['visibleTo'] =>
  can.ephemeral && !isPublic ? 'asker' : 'everyone';

/** A DNS check that answers `outcome` (until told another with `answer`), recording its parameters. */
function runner(outcome: string) {
  const calls: Record<string, string>[] = [];
  const resultOf = (id: string): CheckOutcome => ({ outcome: id, causes: [id], summary: `found ${id}`, evidence: [{ text: `evidence for ${id}` }] });
  let result = resultOf(outcome);
  const run: CheckRunner = async (_check, params) => {
    calls.push(params);
    return result;
  };
  return { run, calls, answer: (id: string) => void (result = resultOf(id)) };
}

/**
 * Runs every behaviour on one channel. A behaviour a platform cannot have (by `can`) is reported as
 * skipped, so the difference shows in the test output too.
 */
export function runChannelContract(name: string, makeDriver: MakeDriver, can: ChannelCapabilities): void {
  const itIf = (capable: boolean) => (capable ? it : it.skip);
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

    // Answers typed in the terminal: no earlier question to click.
    itIf(can.buttons)('never applies a click on an earlier question', async () => {
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

    describe('one-shot diagnosis', () => {
      it('without a record value: the cause with its evidence, checked for the ASCII name only', async () => {
        const dns = runner('wrong-platform');
        driver = await makeDriver(dns.run);
        const answer = await driver.oneShot('alice', 'Example.COM');
        expect(answer.text).toContain(titles['wrong-platform']);
        expect(answer.text).toContain('evidence for wrong-platform');
        expect(answer.visibleTo).toBe(audience(can, false));
        expect(dns.calls).toEqual([{ domain: 'example.com' }]);
      });

      it('with a record value: the value is compared', async () => {
        const dns = runner('record-misconfigured');
        driver = await makeDriver(dns.run);
        const answer = await driver.oneShot('alice', 'example.com 20261125093000abc');
        expect(answer.text).toContain('found record-misconfigured');
        expect(dns.calls).toEqual([{ domain: 'example.com', expect: '20261125093000abc' }]);
      });

      it('with `public`: shown to everyone where the platform can choose, and never taken as the record value', async () => {
        const dns = runner('wrong-platform');
        driver = await makeDriver(dns.run);
        const answer = await driver.oneShot('alice', 'example.com public');
        expect(answer.text).toContain(titles['wrong-platform']);
        expect(answer.visibleTo).toBe(audience(can, true));
        expect(dns.calls).toEqual([{ domain: 'example.com' }]);
        const both = await driver.oneShot('alice', 'example.com 20261125093000abc public');
        expect(both.visibleTo).toBe(audience(can, true));
        expect(dns.calls[1]).toEqual({ domain: 'example.com', expect: '20261125093000abc' });
      });

      it.each([
        ['192.0.2.1', /"192\.0\.2\.1" is not a domain name: it is an IP address/],
        ['localhost', /"localhost" is not a domain name: it needs at least two labels/],
      ])('a bad domain %p: one clear line saying what to fix, and no check', async (words, message) => {
        const dns = runner('wrong-platform');
        driver = await makeDriver(dns.run);
        const answer = await driver.oneShot('alice', words);
        expect(answer.text).toMatch(message);
        // Never a stack trace (the terminal prefixes errors with "Error:", which is fine).
        expect(answer.text).not.toMatch(/\n\s+at |\.[jt]s:\d+/);
        expect(dns.calls).toEqual([]);
      });
    });

    itIf(can.buttons)('a second click on the same button changes nothing', async () => {
      const dns = runner('wrong-platform');
      driver = await makeDriver(dns.run);
      await driver.start('alice');
      await driver.waitFor('Which domain');
      await driver.say('alice', 'example.com');
      await driver.waitFor('Step 1 of 4');
      await driver.click('alice', 'verified');
      await driver.waitFor('paste the record value');
      // The same button again (a double click, or a second person): the record value question stays current.
      await driver.clickOld('bob', 1, 'verified');
      await driver.settle();
      await driver.say('alice', 'skip');
      await driver.waitFor(titles['wrong-platform']);
      expect(driver.transcript().join('\n')).not.toContain(titles['ownership-not-verified']);
      expect(dns.calls).toEqual([{ domain: 'example.com' }]);
    });

    itIf(can.redelivers)('a message the platform delivers twice is answered once', async () => {
      const dns = runner('wrong-platform');
      driver = await makeDriver(dns.run);
      await driver.start('alice');
      await driver.waitFor('Which domain');
      await driver.say('alice', 'example.com');
      await driver.waitFor('Step 1 of 4');
      await driver.settle();
      const before = driver.transcript();
      await driver.redeliverLast();
      await driver.settle();
      expect(driver.transcript()).toEqual(before);
      await driver.click('alice', 'verified');
      await driver.waitFor('paste the record value');
      await driver.say('alice', 'skip');
      await driver.waitFor(titles['wrong-platform']);
      expect(dns.calls).toEqual([{ domain: 'example.com' }]);
    });

    itIf(can.watches)('a cause that changes on its own offers a watch; the notice comes when the change took effect', async () => {
      const dns = runner('ttl-not-elapsed');
      driver = await makeDriver(dns.run);
      await driver.start('alice');
      await driver.waitFor('Which domain');
      await driver.say('alice', 'example.com');
      await driver.waitFor('Step 1 of 4');
      await driver.click('alice', 'verified');
      await driver.waitFor('paste the record value');
      await driver.say('alice', 'skip');
      await driver.waitFor('The configuration has not taken effect yet');
      // The card offers the watch: its button is there to click.
      await driver.clickAction('bob', 'watch');
      await driver.waitFor('OK, I am watching example.com');
      dns.answer('ca-review-pending');
      await driver.runWatches();
      await driver.waitFor('Good news: the change for example.com took effect');
      expect(dns.calls).toEqual([{ domain: 'example.com' }, { domain: 'example.com' }]);
    });

    itIf(can.restarts)('a restart in the middle of a conversation loses nothing: it goes on from the open question', async () => {
      const dns = runner('wrong-platform');
      driver = await makeDriver(dns.run);
      await driver.start('alice');
      await driver.waitFor('Which domain');
      await driver.say('alice', 'example.com');
      await driver.waitFor('Step 1 of 4');
      await driver.settle();
      await driver.restart();
      await driver.click('bob', 'verified');
      await driver.waitFor('paste the record value');
      await driver.say('alice', 'skip');
      await driver.waitFor(titles['wrong-platform']);
      expect(dns.calls).toEqual([{ domain: 'example.com' }]);
    });
  });
}
