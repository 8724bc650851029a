/** Runs diagnoses against a test world started for the surrounding describe block. */
import { diagnose } from '../../../src/dns/diagnose';
import type { DiagnoseOptions, Diagnosis, Finding } from '../../../src/dns/types';
import { NOW, PROVIDERS, standardWorld, type WorldOptions } from '../../support/dns-world/standard';
import { startWorld, type RunningWorld } from '../../support/dns-world/world';

export interface WorldHandle {
  world(): RunningWorld;
  check(domain: string, options?: Partial<DiagnoseOptions>): Promise<Diagnosis>;
}

/** Starts `standardWorld(options)` in beforeAll and stops it in afterAll. */
export function useWorld(options: WorldOptions = {}): WorldHandle {
  let world: RunningWorld;
  beforeAll(async () => {
    world = await startWorld(standardWorld(options));
  });
  afterAll(() => world.stop());
  return {
    world: () => world,
    check: (domain, extra = {}) =>
      diagnose(domain, {
        resolvers: world.resolvers,
        authPort: world.authPort,
        providers: PROVIDERS,
        now: NOW,
        queryTimeoutMs: 400,
        timeoutMs: 3000,
        ...extra,
      }),
  };
}

export function finding(d: Diagnosis, cause: string): Finding {
  const found = d.findings.find((f) => f.cause === cause);
  if (!found) throw new Error(`no ${cause} finding in ${JSON.stringify(d.findings, null, 2)}`);
  return found;
}

export const evidenceText = (f: Finding): string => f.evidence.map((e) => e.text).join('\n');
