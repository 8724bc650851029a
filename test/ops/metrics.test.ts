/** /metrics: Prometheus text from our own registry, fed by requests, checks, DNS queries and conversations. */
import { diagnose } from '../../src/dns/diagnose';
import { createMetrics, dnsQueryResult, type Metrics } from '../../src/ops/metrics';
import { countedRoute, metricsRoute } from '../../src/ops/metrics-route';
import { timedCheckRunner } from '../../src/ops/timed-check';
import { silentLogger } from '../../src/core/logger';
import { createHttpServer, sendJson, type RunningServer } from '../../src/server/server';
import { NOW, PROVIDERS, standardWorld, zone } from '../support/dns-world/standard';
import { startWorld, type RunningWorld } from '../support/dns-world/world';

/** The value of one sample line, e.g. sample(text, 'certstatus_dns_queries_total{result="ok"}'). */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('metrics', () => {
  it('counts conversations, checks and causes with their labels', async () => {
    const metrics = createMetrics();
    metrics.conversation('slack', 'started');
    metrics.conversation('slack', 'started');
    metrics.conversation('slack', 'completed', 'ttl-not-elapsed');
    metrics.conversation('teams', 'handed-off');
    metrics.check('slack', 'ttl-not-elapsed', 1500);
    metrics.check('slack', 'error', 20);
    const text = await metrics.render();
    expect(sample(text, 'certstatus_conversations_total{channel="slack",event="started",cause=""}')).toBe(2);
    expect(sample(text, 'certstatus_conversations_total{channel="slack",event="completed",cause="ttl-not-elapsed"}')).toBe(1);
    expect(sample(text, 'certstatus_conversations_total{channel="teams",event="handed-off",cause=""}')).toBe(1);
    expect(sample(text, 'certstatus_causes_diagnosed_total{cause="ttl-not-elapsed"}')).toBe(1);
    // A failed check is not a cause.
    expect(text).not.toContain('certstatus_causes_diagnosed_total{cause="error"}');
    expect(sample(text, 'certstatus_check_duration_seconds_bucket{le="1",channel="slack",outcome="ttl-not-elapsed"}')).toBe(0);
    expect(sample(text, 'certstatus_check_duration_seconds_bucket{le="2",channel="slack",outcome="ttl-not-elapsed"}')).toBe(1);
    expect(sample(text, 'certstatus_check_duration_seconds_sum{channel="slack",outcome="ttl-not-elapsed"}')).toBe(1.5);
  });

  it('reads the watches gauge from the source the scheduler sets, at scrape time', async () => {
    const metrics = createMetrics();
    expect(sample(await metrics.render(), 'certstatus_watches_active')).toBe(0);
    let active = 3;
    metrics.setWatchesActiveSource(async () => active);
    expect(sample(await metrics.render(), 'certstatus_watches_active')).toBe(3);
    active = 1;
    expect(sample(await metrics.render(), 'certstatus_watches_active')).toBe(1);
  });

  it('keeps two registries apart (one per server)', async () => {
    const one = createMetrics();
    const two = createMetrics();
    one.conversation('slack', 'started');
    expect(await two.render()).not.toContain('event="started"');
  });

  it.each([
    [{ kind: 'ok', rcode: 0 }, 'ok'],
    [{ kind: 'ok', rcode: 3 }, 'nxdomain'],
    [{ kind: 'ok', rcode: 2 }, 'servfail'],
    [{ kind: 'ok', rcode: 5 }, 'refused'],
    [{ kind: 'ok', rcode: 4 }, 'other-rcode'],
    [{ kind: 'timeout' }, 'timeout'],
    [{ kind: 'malformed' }, 'malformed'],
    [{ kind: 'mismatch' }, 'mismatch'],
    [{ kind: 'network' }, 'network'],
  ])('labels a DNS response %p as %s', (response, label) => {
    expect(dnsQueryResult(response as never)).toBe(label);
  });
});

describe('DNS query outcomes from a live diagnosis', () => {
  let world: RunningWorld;
  beforeAll(async () => {
    world = await startWorld(standardWorld({ zones: [zone('shop.test')], behaviours: { ns2: 'servfail' } }));
  });
  afterAll(() => world.stop());

  it('sees every query the diagnosis sends, by result', async () => {
    const metrics = createMetrics();
    const diagnosis = await diagnose('shop.test', {
      resolvers: world.resolvers, authPort: world.authPort, providers: PROVIDERS, now: NOW, queryTimeoutMs: 400, timeoutMs: 3000,
      onQuery: (response) => metrics.dnsQuery(response),
    });
    expect(diagnosis.causes.length).toBeGreaterThan(0);
    const text = await metrics.render();
    const ok = sample(text, 'certstatus_dns_queries_total{result="ok"}') ?? 0;
    const servfail = sample(text, 'certstatus_dns_queries_total{result="servfail"}') ?? 0;
    const nxdomain = sample(text, 'certstatus_dns_queries_total{result="nxdomain"}') ?? 0;
    expect(servfail).toBeGreaterThan(0); // ns2 answers SERVFAIL to everything
    expect(ok).toBeGreaterThan(0);
    // Every query the world logged got exactly one response counted (dns2 logs UDP and TCP alike).
    const counted = ok + servfail + nxdomain + (sample(text, 'certstatus_dns_queries_total{result="refused"}') ?? 0);
    const tcpRetries = world.log.filter((entry) => entry.via === 'tcp').length;
    expect(counted).toBe(world.log.length - tcpRetries);
  });
});

describe('GET /metrics and request counting', () => {
  let metrics: Metrics;
  let server: RunningServer;
  beforeAll(async () => {
    metrics = createMetrics();
    const hello = { method: 'POST' as const, path: '/slack/events', handler: (_req: unknown, res: never) => sendJson(res, 401, { error: 'no' }) };
    const health = { method: 'GET' as const, path: '/healthz', handler: (_req: unknown, res: never) => sendJson(res, 200, { status: 'ok' }) };
    server = await createHttpServer({
      routes: [countedRoute(hello, metrics), countedRoute(health, metrics), countedRoute(metricsRoute(metrics), metrics)],
      logger: silentLogger,
    }).listen(0, '127.0.0.1');
  });
  afterAll(() => server.close());

  it('serves the text format and counts requests per channel and status', async () => {
    await fetch(`${server.url}/healthz`);
    await fetch(`${server.url}/healthz`);
    await fetch(`${server.url}/slack/events`, { method: 'POST', body: '{}' });
    const response = await fetch(`${server.url}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    const text = await response.text();
    expect(text).toContain('# TYPE certstatus_http_requests_total counter');
    expect(sample(text, 'certstatus_http_requests_total{channel="health",status="200"}')).toBe(2);
    expect(sample(text, 'certstatus_http_requests_total{channel="slack",status="401"}')).toBe(1);
    expect(text).toContain('# TYPE certstatus_watches_active gauge');
  });
});

describe('timedCheckRunner (watch re-checks)', () => {
  it('reports the outcome and duration of each check under its channel, failures as error', async () => {
    const metrics = createMetrics();
    let fail = false;
    const runner = timedCheckRunner(async () => {
      if (fail) throw new Error('resolver down');
      return { outcome: 'ttl-not-elapsed' };
    }, metrics, 'watch');
    expect(await runner('dns', { domain: 'example.com' })).toEqual({ outcome: 'ttl-not-elapsed' });
    fail = true;
    await expect(runner('dns', { domain: 'example.com' })).rejects.toThrow('resolver down');
    const text = await metrics.render();
    expect(sample(text, 'certstatus_check_duration_seconds_count{channel="watch",outcome="ttl-not-elapsed"}')).toBe(1);
    expect(sample(text, 'certstatus_check_duration_seconds_count{channel="watch",outcome="error"}')).toBe(1);
    expect(sample(text, 'certstatus_causes_diagnosed_total{cause="ttl-not-elapsed"}')).toBe(1);
  });
});
