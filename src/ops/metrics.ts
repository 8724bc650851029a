/**
 * The Prometheus metrics of `certstatus serve` (prom-client) on a registry of their own, so tests and
 * several servers in one process never share counters. Everything that counts goes through here.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { DnsResponse } from '../dns/types';

/** What one DNS query came to, as a bounded label value. */
export type DnsQueryResult = 'ok' | 'nxdomain' | 'servfail' | 'refused' | 'other-rcode' | 'timeout' | 'malformed' | 'mismatch' | 'network';

export type ConversationEventLabel = 'started' | 'completed' | 'handed-off' | 'cancelled' | 'expired';

export interface Metrics {
  readonly registry: Registry;
  /** An HTTP request finished on `channel` (slack, teams, health, metrics) with `status`; with its route and duration, also timed. */
  request(channel: string, status: number, timing?: RequestTiming): void;
  /** One state-store call: its operation (get, set, ...), outcome and duration. */
  storeCall(operation: string, outcome: 'ok' | 'error' | 'timeout', durationMs: number): void;
  /** A check finished: its duration and main outcome (a cause id, or `error`). */
  check(channel: string, outcome: string, durationMs: number): void;
  dnsQuery(response: DnsResponse): void;
  conversation(channel: string, event: ConversationEventLabel, cause?: string): void;
  /** Where the watches-active gauge reads its value at scrape time (set by the watch scheduler). */
  setWatchesActiveSource(source: () => number | Promise<number>): void;
  /** The Prometheus text exposition. */
  render(): Promise<string>;
  readonly contentType: string;
}

export interface RequestTiming {
  /** The route's path (/slack/events, /api/messages, /healthz, ...): a fixed set, so a bounded label. */
  route: string;
  method: string;
  durationMs: number;
}

export interface MetricsOptions {
  /**
   * Also export prom-client's default process and Node.js metrics (process_cpu_seconds_total,
   * nodejs_eventloop_lag_seconds, ...) under their standard names, which dashboards expect; on in `serve`.
   */
  processMetrics?: boolean;
}

export function dnsQueryResult(response: DnsResponse): DnsQueryResult {
  if (response.kind !== 'ok') return response.kind;
  switch (response.rcode) {
    case 0:
      return 'ok';
    case 2:
      return 'servfail';
    case 3:
      return 'nxdomain';
    case 5:
      return 'refused';
    default:
      return 'other-rcode';
  }
}

export function createMetrics(options: MetricsOptions = {}): Metrics {
  const registry = new Registry();
  if (options.processMetrics) collectDefaultMetrics({ register: registry });
  const registers = [registry];

  const requests = new Counter({
    name: 'certstatus_http_requests_total',
    help: 'HTTP requests handled, by channel (slack, teams, health, metrics) and status code.',
    labelNames: ['channel', 'status'] as const,
    registers,
  });
  const requestDuration = new Histogram({
    name: 'certstatus_http_request_duration_seconds',
    help: 'Duration of HTTP requests until the response finished, by route, method and status code.',
    labelNames: ['route', 'method', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers,
  });
  const storeDuration = new Histogram({
    name: 'certstatus_store_operation_duration_seconds',
    help: 'Duration of state-store calls (SQLite or Redis), by operation and outcome (ok, error, timeout).',
    labelNames: ['operation', 'outcome'] as const,
    buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 5],
    registers,
  });
  const checkDuration = new Histogram({
    name: 'certstatus_check_duration_seconds',
    help: 'Duration of DNS checks (one whole diagnosis), by channel and outcome (cause id or error).',
    labelNames: ['channel', 'outcome'] as const,
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 60],
    registers,
  });
  const dnsQueries = new Counter({
    name: 'certstatus_dns_queries_total',
    help: 'DNS queries sent by checks, by result (ok, nxdomain, servfail, refused, other-rcode, timeout, malformed, mismatch, network).',
    labelNames: ['result'] as const,
    registers,
  });
  const causes = new Counter({
    name: 'certstatus_causes_diagnosed_total',
    help: 'Checks whose main finding was this cause.',
    labelNames: ['cause'] as const,
    registers,
  });
  const conversations = new Counter({
    name: 'certstatus_conversations_total',
    help: 'Conversation lifecycle events: started, completed (with a cause), handed-off, cancelled, expired (idle).',
    labelNames: ['channel', 'event', 'cause'] as const,
    registers,
  });
  let watchesSource: (() => number | Promise<number>) | undefined;
  new Gauge({
    name: 'certstatus_watches_active',
    help: 'Watches waiting for a DNS change to take effect.',
    registers,
    async collect() {
      // The count comes from the store: while it is down, keep the last value rather than failing /metrics,
      // which is where the store's slowness has to be seen.
      try {
        this.set(watchesSource ? await watchesSource() : 0);
      } catch {
        // keep the last value
      }
    },
  });

  return {
    registry,
    contentType: registry.contentType,
    request(channel, status, timing) {
      requests.inc({ channel, status: String(status) });
      if (timing) requestDuration.observe({ route: timing.route, method: timing.method, status: String(status) }, timing.durationMs / 1000);
    },
    storeCall: (operation, outcome, durationMs) => storeDuration.observe({ operation, outcome }, durationMs / 1000),
    check(channel, outcome, durationMs) {
      checkDuration.observe({ channel, outcome }, durationMs / 1000);
      if (outcome !== 'error') causes.inc({ cause: outcome });
    },
    dnsQuery: (response) => dnsQueries.inc({ result: dnsQueryResult(response) }),
    conversation: (channel, event, cause) => conversations.inc({ channel, event, cause: cause ?? '' }),
    setWatchesActiveSource(source) {
      watchesSource = source;
    },
    render: () => registry.metrics(),
  };
}
