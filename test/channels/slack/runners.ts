/** Check runners for the Slack tests until/unless the DNS world is used: a fixed outcome, optionally held back. */
import type { CheckOutcome, CheckRunner } from '../../../src/core/checks';

export const WRONG_PLATFORM: CheckOutcome = {
  outcome: 'wrong-platform',
  causes: ['wrong-platform'],
  summary: 'The record is on Cloudflare but the domain uses Huawei Cloud DNS',
  evidence: [{ text: 'ns1.huaweicloud-dns.com answered: no TXT at _dnsauth.example.com', source: 'ns1.huaweicloud-dns.com', ttl: 300 }],
  vars: { provider: 'huawei' },
};

export interface GatedRunner {
  runner: CheckRunner;
  calls: Record<string, string>[];
  /** Lets every held and future check answer. */
  release(): void;
}

/** A runner whose answers wait until release(): "DNS is slow" without depending on timing. */
export function gatedRunner(outcome: CheckOutcome | ((params: Record<string, string>) => CheckOutcome), held = true): GatedRunner {
  let open = !held;
  let waiting: (() => void)[] = [];
  const calls: Record<string, string>[] = [];
  return {
    calls,
    release() {
      open = true;
      for (const resolve of waiting) resolve();
      waiting = [];
    },
    runner: async (_check, params) => {
      calls.push(params);
      if (!open) await new Promise<void>((resolve) => waiting.push(resolve));
      return typeof outcome === 'function' ? outcome(params) : outcome;
    },
  };
}
