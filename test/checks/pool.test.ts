/** CheckPool: a bounded number of checks at once, the rest in order, identical checks merged, none dropped. */
import { CheckPool } from '../../src/checks/pool';
import type { CheckOutcome } from '../../src/core/checks';

/** A runner whose calls wait until the test settles them. */
class HeldRunner {
  calls: { check: string; params: Record<string, string>; settle: (outcome: CheckOutcome) => void; fail: (error: Error) => void }[] = [];
  run = (check: string, params: Record<string, string>) =>
    new Promise<CheckOutcome>((resolve, reject) => this.calls.push({ check, params, settle: resolve, fail: reject }));
  domains = () => this.calls.map((call) => call.params.domain);
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('CheckPool', () => {
  test('runs at most `concurrency` checks; the next starts when one ends, in the order asked', async () => {
    const runner = new HeldRunner();
    const pool = new CheckPool(runner.run, { concurrency: 2 });
    const answers = ['a', 'b', 'c', 'd'].map((domain) => pool.run('dns', { domain }));
    await flush();
    expect(runner.domains()).toEqual(['a', 'b']);
    expect(pool.size).toEqual({ running: 2, waiting: 2 });
    runner.calls[1].settle({ outcome: 'record-missing' });
    await flush();
    expect(runner.domains()).toEqual(['a', 'b', 'c']);
    runner.calls[0].settle({ outcome: 'ttl-not-elapsed' });
    await flush();
    expect(runner.domains()).toEqual(['a', 'b', 'c', 'd']);
    runner.calls[2].settle({ outcome: 'ca-review-pending' });
    runner.calls[3].fail(new Error('resolver down'));
    await expect(answers[0]).resolves.toEqual({ outcome: 'ttl-not-elapsed' });
    await expect(answers[1]).resolves.toEqual({ outcome: 'record-missing' });
    await expect(answers[2]).resolves.toEqual({ outcome: 'ca-review-pending' });
    await expect(answers[3]).rejects.toThrow('resolver down');
    expect(pool.size).toEqual({ running: 0, waiting: 0 });
  });

  test('the same check asked while it runs or waits is run once; each caller gets its own copy', async () => {
    const runner = new HeldRunner();
    const pool = new CheckPool(runner.run, { concurrency: 1 });
    const first = pool.run('dns', { domain: 'a.test', expect: 'v' });
    const queued = pool.run('dns', { domain: 'b.test' });
    // Same parameters in another order: the same check.
    const again = pool.run('dns', { expect: 'v', domain: 'a.test' });
    const queuedAgain = pool.run('dns', { domain: 'b.test' });
    const other = pool.run('dns', { domain: 'a.test', expect: 'w' });
    await flush();
    expect(pool.merged).toBe(2);
    runner.calls[0].settle({ outcome: 'record-missing', evidence: [{ text: 'ns1 said nothing' }] });
    const [a1, a2] = await Promise.all([first, again]);
    expect(a2).toEqual(a1);
    a2.evidence!.push({ text: 'changed by one caller' });
    expect(a1.evidence).toHaveLength(1);
    await flush();
    runner.calls[1].settle({ outcome: 'ttl-not-elapsed' });
    expect(await queued).toEqual({ outcome: 'ttl-not-elapsed' });
    expect(await queuedAgain).toEqual({ outcome: 'ttl-not-elapsed' });
    await flush();
    runner.calls[2].settle({ outcome: 'record-misconfigured' });
    expect(await other).toEqual({ outcome: 'record-misconfigured' });
    expect(runner.domains()).toEqual(['a.test', 'b.test', 'a.test']);
    // Once it has ended, asking again runs it again (a recheck must see fresh DNS).
    const later = pool.run('dns', { domain: 'a.test', expect: 'v' });
    await flush();
    expect(runner.calls).toHaveLength(4);
    runner.calls[3].settle({ outcome: 'ca-review-pending' });
    expect(await later).toEqual({ outcome: 'ca-review-pending' });
  });

  test('500 requests for one slow domain: one check, and every request gets its answer', async () => {
    const runner = new HeldRunner();
    const pool = new CheckPool(runner.run, { concurrency: 4 });
    const answers = Array.from({ length: 500 }, () => pool.run('dns', { domain: 'outage.test' }));
    await flush();
    expect(runner.calls).toHaveLength(1);
    runner.calls[0].settle({ outcome: 'dns-unreachable' });
    const outcomes = await Promise.all(answers);
    expect(outcomes).toHaveLength(500);
    expect(outcomes.every((o) => o.outcome === 'dns-unreachable')).toBe(true);
  });

  test('ahead(): 0 while a place is free or the same check is asked, else the waiting checks plus one running', async () => {
    const runner = new HeldRunner();
    const pool = new CheckPool(runner.run, { concurrency: 1 });
    expect(pool.ahead('dns', { domain: 'a.test' })).toBe(0);
    void pool.run('dns', { domain: 'a.test' });
    expect(pool.ahead('dns', { domain: 'a.test' })).toBe(0);
    expect(pool.ahead('dns', { domain: 'b.test' })).toBe(1);
    void pool.run('dns', { domain: 'b.test' });
    void pool.run('dns', { domain: 'c.test' });
    expect(pool.ahead('dns', { domain: 'd.test' })).toBe(3);
    expect(pool.ahead('dns', { domain: 'c.test' })).toBe(0);
  });

  test('a runner that throws at once rejects its callers and frees its place', async () => {
    const pool = new CheckPool(() => {
      throw new Error('no resolver configured');
    }, { concurrency: 1 });
    await expect(pool.run('dns', { domain: 'a.test' })).rejects.toThrow('no resolver configured');
    await expect(pool.run('dns', { domain: 'b.test' })).rejects.toThrow('no resolver configured');
    expect(pool.size).toEqual({ running: 0, waiting: 0 });
  });
});
