/**
 * A watch survives a hard kill: `certstatus serve` on a SQLite file starts a watch from a Slack cause card,
 * is killed (SIGKILL) before its first re-check, the user fixes DNS, and the restarted process posts the
 * "took effect" notice into the thread.
 */
import path from 'node:path';
import { EXPECTED, txt } from '../support/dns-world/standard';
import { ServeHarness } from '../support/server-process/harness';

describe('a watch across a SIGKILL', () => {
  const harness = new ServeHarness();
  beforeAll(() => harness.setUp(), 60_000);
  afterAll(() => harness.tearDown());

  it('fires after the restart on the same SQLite file', async () => {
    const store = { CERTSTATUS_DB: path.join(harness.dir, 'watch.db') };
    // First re-check 5 s after the click: the first process is killed well before it.
    const watchEnv = { CERTSTATUS_WATCH_INTERVALS: '5', CERTSTATUS_WATCH_TICK_SECONDS: '1' };
    const first = await harness.start(store, watchEnv);
    const step1 = await harness.beginConversation(first, '750.1');
    const card = await harness.finishConversation(first, '750.1', step1);
    expect(await harness.click(first, card, 'Notify me when it takes effect')).toBe(200);
    await harness.waitPost('750.1', 'OK, I am watching shop.test');
    first.child.kill('SIGKILL');
    expect((await first.exited).signal).toBe('SIGKILL');

    // The user adds the record where the domain is hosted (Alpha DNS serves it from now on).
    harness.spec.servers[1]!.zones[0]!.records.push(txt('_dnsauth.shop.test', EXPECTED));

    const second = await harness.start(store, watchEnv);
    await harness.waitPost('750.1', 'Good news: the change for shop.test took effect', 20_000);
    await second.waitForLog((line) => line.msg === 'watch: ended' && line.conversation === 'slack:T1:C1:750.1', '"watch: ended"');
    second.child.kill('SIGTERM');
    expect((await second.exited).code).toBe(0);
  }, 60_000);
});
