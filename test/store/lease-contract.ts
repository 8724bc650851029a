/**
 * The lease contract (acquireLease/releaseLease beside the StateStore), run against memory, SQLite and
 * Redis. Each call to `makeStore` must return a store that shares leases with the previous calls of the
 * same test (same map, same file, same Redis namespace), standing for two replicas. Redis expires by its
 * own clock, so it passes `{ realTime: true }` and the expiry case really waits (under a second).
 */
import type { LeaseHolder } from '../../src/store/open-store';
import type { StateStore } from '../../src/store/types';
import type { ContractClock } from './contract';

export type LeaseStore = StateStore & LeaseHolder;

export interface LeaseContractOptions {
  realTime?: boolean;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function runLeaseContract(
  name: string,
  makeReplicas: (clock: ContractClock) => Promise<[LeaseStore, LeaseStore]>,
  options: LeaseContractOptions = {},
): void {
  describe(`lease contract: ${name}`, () => {
    let time = 2_000_000;
    const clock: ContractClock = options.realTime
      ? { now: Date.now, advance: (ms) => sleep(ms) }
      : {
          now: () => time,
          advance: async (ms) => {
            time += ms;
          },
        };
    let replica1: LeaseStore;
    let replica2: LeaseStore;
    let counter = 0;
    let lease: string;

    beforeEach(async () => {
      [replica1, replica2] = await makeReplicas(clock);
      counter += 1;
      lease = `watch:${process.pid}-${Date.now()}-${counter}`;
    });
    afterEach(async () => {
      await replica1.close?.();
      await replica2.close?.();
    });

    test('only one of two replicas racing for a free lease gets it', async () => {
      const results = await Promise.all([
        replica1.acquireLease(lease, 'replica-1', 60_000),
        replica2.acquireLease(lease, 'replica-2', 60_000),
      ]);
      expect(results.filter(Boolean)).toHaveLength(1);
    });

    test('the holder can renew its lease; another owner cannot take it before it expires', async () => {
      // Waits leave 400 ms of slack, so a slow machine under real time cannot make this flaky.
      expect(await replica1.acquireLease(lease, 'replica-1', 1000)).toBe(true);
      expect(await replica2.acquireLease(lease, 'replica-2', 1000)).toBe(false);
      await clock.advance(600);
      expect(await replica1.acquireLease(lease, 'replica-1', 1000)).toBe(true);
      await clock.advance(600);
      // 1200 ms after the first grant, beyond its TTL, but only 600 ms after the renewal: still held.
      expect(await replica2.acquireLease(lease, 'replica-2', 1000)).toBe(false);
    });

    test('an expired lease can be taken by another owner', async () => {
      expect(await replica1.acquireLease(lease, 'replica-1', 300)).toBe(true);
      await clock.advance(500);
      expect(await replica2.acquireLease(lease, 'replica-2', 60_000)).toBe(true);
      expect(await replica1.acquireLease(lease, 'replica-1', 60_000)).toBe(false);
    });

    test('release frees the lease only for its holder', async () => {
      expect(await replica1.acquireLease(lease, 'replica-1', 60_000)).toBe(true);
      expect(await replica2.releaseLease(lease, 'replica-2')).toBe(false);
      expect(await replica2.acquireLease(lease, 'replica-2', 60_000)).toBe(false);
      expect(await replica1.releaseLease(lease, 'replica-1')).toBe(true);
      expect(await replica2.acquireLease(lease, 'replica-2', 60_000)).toBe(true);
    });

    test('a lease and a state entry of the same name do not touch each other', async () => {
      await replica1.set(lease, { schedule: 'hourly' });
      expect(await replica1.acquireLease(lease, 'replica-1', 60_000)).toBe(true);
      expect((await replica2.get(lease))?.value).toEqual({ schedule: 'hourly' });
      await replica2.delete(lease);
      expect(await replica2.acquireLease(lease, 'replica-2', 60_000)).toBe(false);
    });
  });
}
