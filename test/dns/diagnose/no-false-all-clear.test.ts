/**
 * Property: "DNS is right" (ca-review-pending) only on evidence. For every way an answer can fail, at
 * every place in the chain (our resolver, the parent zone's server, the domain's nameservers), and for
 * names that resolve nowhere, the result is never ca-review-pending; failures of our side are
 * could-not-check, failures of the domain's servers dns-unreachable.
 */
import { diagnose } from '../../../src/dns/diagnose';
import type { Diagnosis } from '../../../src/dns/types';
import { EXPECTED, NOW, PROVIDERS, standardWorld, type WorldOptions } from '../../support/dns-world/standard';
import type { Behaviour } from '../../support/dns-world/types';
import { startWorld } from '../../support/dns-world/world';

const FAILING: Behaviour[] = ['silent', 'garbage', 'refused', 'servfail', 'wrong-id', 'lame', 'truncate-garbage'];

async function checkIn(options: WorldOptions, domain = 'shop.test', timeouts = { queryTimeoutMs: 300, timeoutMs: 2500 }): Promise<Diagnosis> {
  const world = await startWorld(standardWorld(options));
  try {
    return await diagnose(domain, { resolvers: world.resolvers, authPort: world.authPort, providers: PROVIDERS, now: NOW, expect: EXPECTED, ...timeouts });
  } finally {
    await world.stop();
  }
}

describe('never a false all-clear', () => {
  it('the healthy world itself is an all-clear (the property is not vacuous)', async () => {
    const d = await checkIn({});
    expect(d.causes).toEqual(['ca-review-pending']);
  });

  it.each(FAILING)('our only resolver %s: could-not-check, never the domain\'s fault', async (behaviour) => {
    const d = await checkIn({ resolvers: [{ behaviour }] });
    expect(d.causes).not.toContain('ca-review-pending');
    expect(d.causes).toEqual(['could-not-check']);
    const f = d.findings.find((x) => x.cause === 'could-not-check' && x.severity === 'error');
    expect(f?.evidence.length).toBeGreaterThan(0);
  });

  it.each(FAILING)('the parent zone\'s server %s: not ca-review-pending', async (behaviour) => {
    const d = await checkIn({ behaviours: { root: behaviour } });
    expect(d.causes).not.toContain('ca-review-pending');
  });

  it.each(FAILING)('every nameserver of the domain %s: dns-unreachable', async (behaviour) => {
    const d = await checkIn({ behaviours: { ns1: behaviour, ns2: behaviour } });
    expect(d.causes).not.toContain('ca-review-pending');
    expect(d.causes[0]).toBe('dns-unreachable');
  });

  it.each([
    ['a name under a suffix that resolves nowhere', 'shop.nowhere'],
    ['a name that is not registered under its suffix', 'unregistered.test'],
    ['a subdomain of a name that does not exist', 'www.unregistered.test'],
  ])('%s (%s): not ca-review-pending', async (_what, domain) => {
    const d = await checkIn({}, domain);
    expect(d.causes).not.toContain('ca-review-pending');
    expect(['could-not-check', 'domain-not-found']).toContain(d.causes[0]);
  });

  it('a check that runs out of time before the nameservers answer: could-not-check, not the domain\'s fault', async () => {
    const d = await checkIn({ latencyMs: 250 }, 'shop.test', { queryTimeoutMs: 1000, timeoutMs: 700 });
    expect(d.causes).not.toContain('ca-review-pending');
    expect(d.causes).toEqual(['could-not-check']);
  });

  it('one resolver of two refusing everything: the other gives the evidence, with a warning', async () => {
    const d = await checkIn({ resolvers: [{ behaviour: 'refused' }, {}] });
    expect(d.causes).toEqual(['ca-review-pending']);
    expect(d.findings.find((f) => f.id === 'resolver-unreachable')?.severity).toBe('warning');
  });
});
