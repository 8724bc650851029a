/** The flow's `dns` check runner maps a live diagnosis to a CheckOutcome. */
import { createDnsCheckRunner } from '../../src/checks/dns-runner';
import { BETA, EXPECTED, NOW, PROVIDERS, standardWorld, txt, zone } from '../support/dns-world/standard';
import { startWorld, type RunningWorld } from '../support/dns-world/world';

describe('createDnsCheckRunner', () => {
  let world: RunningWorld;
  beforeAll(async () => {
    world = await startWorld(standardWorld({ zones: [zone('shop.test')], betaZones: [zone('shop.test', [txt('_dnsauth.shop.test', EXPECTED)])] }));
  });
  afterAll(() => world.stop());
  const runner = () => createDnsCheckRunner({ resolvers: world.resolvers, authPort: world.authPort, providers: PROVIDERS, now: NOW, queryTimeoutMs: 400, timeoutMs: 3000 });

  it('returns the most important cause as the outcome, with evidence and the provider', async () => {
    const outcome = await runner()('dns', { domain: 'shop.test', expect: EXPECTED });
    expect(outcome.outcome).toBe('wrong-platform');
    expect(outcome.causes).toEqual(['wrong-platform']);
    expect(outcome.summary).toContain('Beta Cloud DNS');
    expect(outcome.vars).toEqual({ domain: 'shop.test', provider: 'Alpha DNS', recordPlatform: 'Beta Cloud DNS' });
    expect(outcome.evidence?.map((e) => e.text)).toContainEqual(expect.stringContaining(`ns1.beta-dns.test (${BETA})`));
  });

  it('turns an invalid domain into the error outcome with the parser message', async () => {
    const outcome = await runner()('dns', { domain: 'http://10.0.0.1/' });
    expect(outcome).toEqual({ outcome: 'error', summary: expect.stringContaining('it is an IP address') });
  });

  it('turns "no resolver answered" into the error outcome: the check could not run, the domain may be fine', async () => {
    const silent = createDnsCheckRunner({ resolvers: [{ address: '127.0.0.1', port: 9 }], authPort: world.authPort, providers: PROVIDERS, now: NOW, queryTimeoutMs: 300, timeoutMs: 800 });
    const outcome = await silent('dns', { domain: 'shop.test' });
    expect(outcome.outcome).toBe('error');
    expect(outcome.summary).toContain('No DNS resolver gave a usable answer');
    expect(outcome.evidence?.map((e) => e.text)).toContainEqual(expect.stringContaining('127.0.0.1:9'));
  });

  it('goes on without an unknown platform typed by the user, with a warning', async () => {
    const outcome = await runner()('dns', { domain: 'shop.test', platform: 'my registrar' });
    expect(outcome.outcome).toBe('wrong-platform');
    expect(outcome.warnings).toContainEqual(expect.stringContaining('"my registrar" is not a DNS platform'));
  });
});
