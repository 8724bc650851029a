/**
 * The whole check's time budget: every query gets the smaller of its own timeout and what is left, so
 * a check against silent servers ends in about `timeoutMs`, whatever the number of queries.
 */
import { DnsSession } from '../transport';
import type { DnsQuestion, DnsResponse, DnsServer } from '../types';

export class Budget {
  private readonly deadline: number;
  exhausted = false;
  /** One UDP socket for the whole check; a server that stayed silent is not asked again. */
  readonly session = new DnsSession();

  constructor(
    totalMs: number,
    private readonly queryTimeoutMs: number,
    /** Sees every response of a query actually sent (not the "budget ran out" ones). */
    private readonly onQuery?: (response: DnsResponse) => void,
    private readonly onAsk?: (server: string, question: DnsQuestion) => void,
  ) {
    this.deadline = Date.now() + totalMs;
  }

  remaining(): number {
    return this.deadline - Date.now();
  }

  /** `dnssecOk`: the DO bit, for the RRSIGs and NSEC/NSEC3 proofs we verify ourselves. */
  async ask(server: DnsServer, question: DnsQuestion, recursion: boolean, checkingDisabled = false, dnssecOk = false): Promise<DnsResponse> {
    const timeoutMs = Math.min(this.queryTimeoutMs, this.remaining());
    if (timeoutMs < 20) {
      this.exhausted = true;
      return { kind: 'timeout', detail: 'not asked: the time budget for the check ran out', transport: 'udp', outOfTime: true };
    }
    const skipped = this.session.skipped(server);
    if (skipped) return skipped;
    try {
      this.onAsk?.((server as { label?: string }).label ?? server.address, question);
    } catch {
      // Progress display must never change a diagnosis.
    }
    const queried = await this.session.query(server, question, { recursion, timeoutMs, checkingDisabled, dnssecOk });
    // Silence within a timeout the budget shortened says nothing about the server.
    const cut = queried.kind === 'timeout' && timeoutMs < this.queryTimeoutMs;
    if (cut) this.exhausted = true;
    const response: DnsResponse = cut ? { ...queried, detail: `${queried.detail}; the check's time budget ran out`, outOfTime: true } : queried;
    try {
      this.onQuery?.(response);
    } catch {
      // An observer (metrics) must never change a diagnosis.
    }
    return response;
  }
}
