/** The web page's abuse limits on a hand-moved clock: tokens per client, refill, the concurrency cap. */
import { WebLimits } from '../../../src/channels/web/limits';

describe('WebLimits', () => {
  it('lets a client start its checks for the minute, then says how long until the next one', () => {
    let now = 0;
    const limits = new WebLimits(6, 10, () => now);
    const first = limits.admit('a', 4);
    expect(first.ok).toBe(true);
    if (first.ok) first.release();
    expect(limits.admit('a', 2).ok).toBe(true);
    // One token comes back every 10 s (6 a minute): the next check waits that long, and 2 wait twice as long.
    expect(limits.admit('a', 1)).toEqual({ ok: false, retryAfterSeconds: 10, reason: 'at most 6 checks a minute from one address' });
    expect(limits.admit('a', 2)).toMatchObject({ ok: false, retryAfterSeconds: 20 });
    expect(limits.admit('b', 1).ok).toBe(true);
    now += 10_000;
    expect(limits.admit('a', 1).ok).toBe(true);
    expect(limits.admit('a', 1).ok).toBe(false);
  });

  it('caps the checks running at once for every client together, until one is released', () => {
    const limits = new WebLimits(100, 2, () => 0);
    const one = limits.admit('a', 1);
    const two = limits.admit('b', 1);
    expect(limits.admit('c', 1)).toEqual({ ok: false, retryAfterSeconds: 5, reason: '2 checks are running already' });
    if (one.ok) {
      one.release();
      one.release(); // a second release changes nothing
    }
    expect(limits.inFlight).toBe(1);
    expect(limits.admit('c', 1).ok).toBe(true);
    expect(two.ok).toBe(true);
  });
});
