/**
 * /healthz (liveness) and /readyz (readiness) of `certstatus serve` on a real Redis that is frozen
 * (SIGSTOP) and then stopped: readiness fails while the store cannot answer, liveness does not, and the
 * slow store shows in the log and in /metrics.
 */
import { PassThrough } from 'node:stream';
import { startServe } from '../../src/cli/commands/serve';
import type { CliIo } from '../../src/cli/main';
import { describeWithRedis, startRedisServer, type RunningRedis } from '../support/redis-server';

const { describe: describeRedis } = describeWithRedis();
const TIMEOUT_MS = 400;

describeRedis('/healthz and /readyz with Redis frozen and stopped', () => {
  let redis: RunningRedis;
  beforeAll(async () => {
    redis = await startRedisServer();
  });
  afterAll(async () => {
    redis.process.kill('SIGCONT');
    await redis.stop();
  });

  it('readiness fails while the store is frozen or down; liveness stays 200; the slow store is logged and counted', async () => {
    const stdout = new PassThrough();
    let out = '';
    stdout.on('data', (chunk) => (out += chunk));
    const env = { LOG_LEVEL: 'warn', REDIS_URL: redis.url, CERTSTATUS_STORE_TIMEOUT_MS: String(TIMEOUT_MS) };
    const cli: CliIo = { stdin: new PassThrough(), stdout, stderr: new PassThrough(), env };
    const running = await startServe(cli, { port: '0', host: '127.0.0.1', envFile: false });
    const status = async (path: string) => (await fetch(`${running.url}${path}`, { signal: AbortSignal.timeout(5000) })).status;
    try {
      expect(await status('/readyz')).toBe(200);

      redis.process.kill('SIGSTOP');
      const started = Date.now();
      const frozen = await fetch(`${running.url}/readyz`, { signal: AbortSignal.timeout(5000) });
      expect(frozen.status).toBe(503);
      expect(Date.now() - started).toBeLessThan(TIMEOUT_MS + 1500);
      expect(await frozen.json()).toEqual({ status: 'not ready', store: 'the store did not answer within 400 ms; it may be down' });
      expect(await status('/healthz')).toBe(200);
      const logs = out.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(logs).toContainEqual(expect.objectContaining({ level: 40, msg: 'store call timed out', operation: 'get', timeoutMs: TIMEOUT_MS, timedOut: true }));
      const metrics = await (await fetch(`${running.url}/metrics`)).text();
      expect(metrics).toMatch(/^certstatus_store_operation_duration_seconds_count\{operation="get",outcome="timeout"\} [1-9]/m);

      redis.process.kill('SIGCONT');
      expect(await status('/readyz')).toBe(200);

      await redis.stop();
      expect(await status('/readyz')).toBe(503);
      expect(await status('/healthz')).toBe(200);
    } finally {
      redis.process.kill('SIGCONT');
      await running.close();
    }
  });
});
