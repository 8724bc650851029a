/**
 * The outbox with the real server process on a real SQLite file: a process killed after saving a turn but
 * before its replies were posted leaves them in the store, and Teams' retry of the same activity (or the
 * start-up sweep) posts them, each once; a check that was running when the process died runs again as soon
 * as a process starts, without anyone typing.
 */
import path from 'node:path';
import { standardWorld, zone } from '../support/dns-world/standard';
import { startWorld } from '../support/dns-world/world';
import { ServeHarness } from '../support/server-process/harness';
import { cardText, startFakeConnector, type ConnectorCall, type FakeConnector } from '../support/fake-connector/connector';
import { message, personalChat, postActivity } from '../support/fake-connector/teams-activities';

const TEAMS = { CERTSTATUS_TEAMS_EMULATOR: 'true', CERTSTATUS_RECOVERY_INTERVAL_MS: '200' };
const texts = (calls: ConnectorCall[]) => calls.map((call) => `${String(call.body.text ?? '')}${cardText(call.body)}`);
const count = (calls: ConnectorCall[], needle: string) => texts(calls).filter((text) => text.includes(needle)).length;

describe('the outbox, with serve as a process on a SQLite file', () => {
  const harness = new ServeHarness();
  let connector: FakeConnector;
  beforeAll(async () => {
    await harness.setUp();
    connector = await startFakeConnector();
  }, 60_000);
  afterAll(async () => {
    await harness.tearDown();
    await connector.close();
  });

  it('killed while posting a turn\'s replies, Teams\' retry of the same activity posts them, each once', async () => {
    const db = path.join(harness.dir, 'outbox-retry.db');
    const first = await harness.start({ CERTSTATUS_DB: db }, TEAMS);
    const scope = personalChat(connector.url);
    const hello = message(scope, 'hi');
    // The state is saved; the first reply reaches a connector that never answers, and the process dies.
    connector.holdNext();
    const attempts = connector.attempts.length;
    void postActivity(`${first.url}/api/messages`, hello).catch(() => undefined);
    await connector.waitForAttempts(attempts + 1);
    first.child.kill('SIGKILL');
    await first.exited;

    const second = await harness.start({ CERTSTATUS_DB: db }, TEAMS);
    // Teams did not get its answer, so it sends the same activity again.
    expect((await postActivity(`${second.url}/api/messages`, hello)).status).toBe(200);
    await connector.waitFor((calls) => count(calls, 'Which domain is the certificate for?') > 0);
    expect(count(connector.calls, 'Let\'s find out why your certificate')).toBe(1);
    expect(count(connector.calls, 'Which domain is the certificate for?')).toBe(1);

    // And the conversation goes on from there.
    await postActivity(`${second.url}/api/messages`, message(scope, 'shop.test'));
    await connector.waitFor((calls) => count(calls, 'Step 1 of 4') > 0);
    second.child.kill('SIGKILL');
  }, 60_000);

  it('a check running when the process died runs again as soon as a process starts, and its answer is posted', async () => {
    const db = path.join(harness.dir, 'outbox-check.db');
    const slowWorld = await startWorld(standardWorld({ zones: [zone('slow.test')], latencyMs: 700 }));
    const dns = { CERTSTATUS_RESOLVERS: `127.0.0.53:${slowWorld.resolverPort}`, CERTSTATUS_AUTH_PORT: String(slowWorld.authPort), CERTSTATUS_DNS_TIMEOUT_MS: '8000' };
    try {
      const first = await harness.start({ CERTSTATUS_DB: db }, { ...TEAMS, ...dns });
      const scope = personalChat(connector.url, { id: '29:check', name: 'Checker', aadObjectId: 'aad-check' });
      const url = `${first.url}/api/messages`;
      await postActivity(url, message(scope, 'hi'));
      await postActivity(url, message(scope, 'slow.test'));
      await postActivity(url, message(scope, 'yes'));
      await connector.waitFor((calls) => count(calls, 'paste the record value') > 0);
      void postActivity(url, message(scope, 'skip')).catch(() => undefined);
      await connector.waitFor((calls) => count(calls, 'Step 3 of 4') > 0);
      first.child.kill('SIGKILL');
      await first.exited;
      const before = connector.calls.length;

      // Nobody types: the new process finds the check in the store and runs it.
      const second = await harness.start({ CERTSTATUS_DB: db }, { ...TEAMS, ...dns });
      await connector.waitFor((calls) => calls.slice(before).some((call) => cardText(call.body).includes('slow.test')), 20_000);
      // The card once. The progress line was posted by the first process; it is posted again only if the
      // kill fell between the connector accepting it and its tick being written (at least once, never lost).
      expect(connector.calls.slice(before).filter((call) => cardText(call.body).includes('slow.test'))).toHaveLength(1);
      expect(count(connector.calls, 'Step 3 of 4')).toBeGreaterThanOrEqual(1);
      expect(count(connector.calls, 'Step 3 of 4')).toBeLessThanOrEqual(2);
      second.child.kill('SIGKILL');
    } finally {
      await slowWorld.stop();
    }
  }, 60_000);
});
