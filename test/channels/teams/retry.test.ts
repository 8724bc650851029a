/** The connector retry wrapper: which failures it retries, how long it waits, and when it gives up. */
import { withConnectorRetry } from '../../../src/channels/teams/retry';

function httpError(statusCode: number, retryAfter?: string) {
  return Object.assign(new Error(`status ${statusCode}`), {
    statusCode,
    response: { headers: { get: (name: string) => (name === 'retry-after' ? retryAfter : undefined) } },
  });
}

function scripted(failures: unknown[]) {
  let calls = 0;
  const operation = async () => {
    const failure = failures[calls++];
    if (failure) throw failure;
    return 'sent';
  };
  return { operation, calls: () => calls };
}

describe('withConnectorRetry', () => {
  it('retries 429 and 412 with doubling backoff, honouring Retry-After', async () => {
    const waits: number[] = [];
    const script = scripted([httpError(429), httpError(412), httpError(429, '2')]);
    const result = await withConnectorRetry(script.operation, { baseDelayMs: 100, sleep: async (ms) => void waits.push(ms) });
    expect(result).toBe('sent');
    expect(script.calls()).toBe(4);
    expect(waits[0]).toBeGreaterThanOrEqual(80);
    expect(waits[0]).toBeLessThanOrEqual(120);
    expect(waits[1]).toBeGreaterThanOrEqual(160);
    expect(waits[1]).toBeLessThanOrEqual(240);
    expect(waits[2]).toBe(2000);
  });

  it('does not retry other failures (the SDK pipeline already retried 5xx)', async () => {
    for (const failure of [httpError(403), httpError(502), new Error('socket hang up')]) {
      const script = scripted([failure]);
      await expect(withConnectorRetry(script.operation, { sleep: async () => undefined })).rejects.toBe(failure);
      expect(script.calls()).toBe(1);
    }
  });

  it('gives up after the configured attempts and caps each wait', async () => {
    const waits: number[] = [];
    const script = scripted([httpError(429, '600'), httpError(429), httpError(429)]);
    await expect(withConnectorRetry(script.operation, { attempts: 3, maxDelayMs: 1000, sleep: async (ms) => void waits.push(ms) })).rejects.toMatchObject({ statusCode: 429 });
    expect(script.calls()).toBe(3);
    expect(waits).toHaveLength(2);
    expect(waits[0]).toBe(1000);
  });
});
