/**
 * Checks are diagnostics a flow's check node asks the channel to run (as an effect). The engine only
 * knows their names, parameters and outcomes; running them (DNS queries, ...) happens at the edge.
 */
import type { Evidence } from '../engine/replies';

/** What the linter knows about a check. */
export interface CheckSpec {
  name: string;
  description: string;
  /** Parameter names the check accepts; `required` ones must be given by the flow. */
  params: { name: string; required: boolean }[];
  /** Every outcome the check can produce. */
  outcomes: string[];
}

/** The result of running a check, fed back to the engine as a `check-result` input. */
export interface CheckOutcome {
  /** One of the check's declared outcomes (for `dns`: the most important cause id, or `error`). */
  outcome: string;
  /** Every cause found, most important first (the DNS check can find several). */
  causes?: string[];
  /** One-line summary, e.g. "The record is on Cloudflare but the domain uses Huawei Cloud DNS". */
  summary?: string;
  /** Facts behind the outcome, shown on the cause card. */
  evidence?: Evidence[];
  /** Warnings worth showing whatever the cause (e.g. a TTL longer than 5 minutes). */
  warnings?: string[];
  /** Values the check learned that later nodes may use (e.g. `provider`), merged into the vars. */
  vars?: Record<string, string>;
}

/** The edge-side runner a channel uses to execute a `run-check` effect. */
export type CheckRunner = (check: string, params: Record<string, string>) => Promise<CheckOutcome>;
