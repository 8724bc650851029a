/** diagnoseMany: every name checked on its own, at most `concurrency` at once, results in the order given. */
import { diagnoseMany } from '../../src/checks/check-many';
import { diagnose } from '../../src/dns/diagnose';
import type { DiagnoseOptions } from '../../src/dns/types';
import { EXPECTED, NOW, OLD, PROVIDERS, standardWorld, txt, zone } from '../support/dns-world/standard';
import { startWorld, type RunningWorld } from '../support/dns-world/world';

describe('diagnoseMany', () => {
  let world: RunningWorld;
  beforeAll(async () => {
    world = await startWorld(standardWorld({ zones: [zone('shop.test', [txt('_dnsauth.shop.test', EXPECTED), txt('_dnsauth.www.shop.test', OLD)])] }));
  });
  afterAll(() => world.stop());
  const shared = (): Partial<DiagnoseOptions> => ({ resolvers: world.resolvers, authPort: world.authPort, providers: PROVIDERS, now: NOW, queryTimeoutMs: 400, timeoutMs: 3000, expect: EXPECTED });

  it('keeps the order given and checks each name against its own record, never more than `concurrency` at once', async () => {
    let inFlight = 0;
    let most = 0;
    const names = ['www.shop.test', 'shop.test', 'a.shop.test', 'b.shop.test', 'shop.test', 'www.shop.test'];
    const results = await diagnoseMany(names, shared(), {
      concurrency: 2,
      diagnoseOne: async (name, options) => {
        inFlight += 1;
        most = Math.max(most, inFlight);
        try {
          return await diagnose(name, options);
        } finally {
          inFlight -= 1;
        }
      },
    });
    expect(results.map((r) => r.name)).toEqual(names);
    expect(results.map((r) => r.diagnosis?.causes[0])).toEqual(['old-record-not-deleted', 'ca-review-pending', 'domain-not-found', 'domain-not-found', 'ca-review-pending', 'old-record-not-deleted']);
    expect(most).toBe(2);
  });

  it('gives each name its own options, and an error for a name that cannot be checked without stopping the others', async () => {
    const results = await diagnoseMany(['shop.test', 'not a name', 'www.shop.test'], shared(), { perName: (name) => (name === 'www.shop.test' ? { expect: OLD } : {}) });
    expect(results[0].diagnosis?.causes).toEqual(['ca-review-pending']);
    expect(results[1]).toEqual({ name: 'not a name', error: { code: 'certstatus_invalid_domain', message: expect.stringContaining('spaces') } });
    expect(results[2].diagnosis?.causes).toEqual(['ca-review-pending']);
  });
});
