/**
 * `certstatus serve` processes on one Redis (REDIS_URL): a Slack conversation begun on one replica goes on
 * on another while both run, and survives a SIGKILL of the replica it is on.
 */
import { blockText } from '../support/fake-slack/blocks';
import { runCli } from '../support/dns-world/cli-io';
import { describeWithRedis, startRedisServer, type RunningRedis } from '../support/redis-server';
import { ServeHarness } from '../support/server-process/harness';

const { skipReason } = describeWithRedis();

if (skipReason) {
  describe.skip(`serve on Redis SKIPPED: ${skipReason}`, () => {
    it('needs a redis-server binary', () => undefined);
  });
} else {
  describe('serve as processes on one Redis', () => {
    const harness = new ServeHarness();
    let redis: RunningRedis;
    beforeAll(async () => {
      redis = await startRedisServer();
      await harness.setUp();
    }, 60_000);
    afterAll(async () => {
      await harness.tearDown();
      await redis?.stop();
    });

    it('continues a conversation on the other replica, and after SIGKILL of the first', async () => {
      const store = { REDIS_URL: redis.url };
      const a = await harness.start(store);
      const b = await harness.start(store);
      expect(a.logs()).toContainEqual(expect.objectContaining({ store: expect.stringContaining(`Redis redis://127.0.0.1:${redis.port}`) }));
      const step1 = await harness.beginConversation(a, '800.1');
      a.child.kill('SIGKILL');
      await a.exited;

      // Replica B never saw this thread; the load balancer now sends the click and the answer to it.
      const card = await harness.finishConversation(b, '800.1', step1);
      expect(blockText(card)).toContain('Beta Cloud DNS');
      expect(harness.threadPosts('800.1').filter((p) => p.text.includes('Which domain is the certificate for?'))).toHaveLength(1);
      b.child.kill('SIGTERM');
      expect((await b.exited).code).toBe(0);

      const stats = await runCli(['stats', '--json', '--since', '1h'], store);
      expect(stats.stderr).toBe('');
      expect(JSON.parse(stats.stdout)).toMatchObject({ conversations: { started: 1, endedWithCause: 1 }, checks: { total: 1 } });
    }, 60_000);
  });
}
