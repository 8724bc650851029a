/**
 * `/certstatus` through the server's check pool: the ack says how many checks are ahead when all places
 * are taken, the same domain asked again joins the running check, and every command gets its diagnosis.
 */
import { SlackTestbed } from '../../support/fake-slack/testbed';
import { gatedRunner, WRONG_PLATFORM, type GatedRunner } from './runners';

describe('/certstatus with a check pool of one', () => {
  let bed: SlackTestbed;
  let dns: GatedRunner;

  beforeEach(async () => {
    dns = gatedRunner(WRONG_PLATFORM);
    bed = await new SlackTestbed({ runCheck: dns.runner, checkConcurrency: 1 }).start();
  });
  afterEach(() => bed.stop());

  it('queues a second domain with "1 check ahead of you", merges the same domain, and answers all three', async () => {
    const first = bed.command('a.example.com');
    expect((await first.result).json().text).toBe(':mag: Checking DNS for a.example.com...');
    await bed.fake.waitFor(() => dns.calls.length === 1, 'the first check to start');

    const second = bed.command('b.example.com');
    expect((await second.result).json().text).toBe(':mag: Checking DNS for b.example.com... (1 check ahead of you)');
    const same = bed.command('a.example.com', { user: 'UOTHER' });
    // Joins the check already running: nothing ahead of it.
    expect((await same.result).json().text).toBe(':mag: Checking DNS for a.example.com...');
    const third = bed.command('c.example.com');
    expect((await third.result).json().text).toBe(':mag: Checking DNS for c.example.com... (2 checks ahead of you)');
    expect(dns.calls).toEqual([{ domain: 'a.example.com' }]);

    dns.release();
    const ids = [first.id, second.id, same.id, third.id];
    await bed.fake.waitFor(() => ids.every((id) => bed.fake.responses.some((r) => r.id === id)), 'every diagnosis');
    expect(dns.calls.map((call) => call.domain)).toEqual(['a.example.com', 'b.example.com', 'c.example.com']);
    expect(bed.pool!.merged).toBe(1);
    for (const id of ids) expect(JSON.stringify(bed.fake.responses.find((r) => r.id === id)!.body)).toContain('A wrong domain name management platform was selected');
  });
});
