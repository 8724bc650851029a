/**
 * GET /dashboard for support leads: what breaks, how often, and where in the flow people give up, from the
 * stats event log (src/ops/dashboard.ts computes it). Behind a token (CERTSTATUS_DASHBOARD_TOKEN) or a
 * header the reverse proxy sets after its own login (CERTSTATUS_DASHBOARD_HEADER); off when neither is set.
 * The chart is uPlot and the flow graph Mermaid, both served from node_modules and drawn in the page.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { WebConfig } from '../../config/web';
import { flowToMermaid } from '../../flow/graph';
import type { Flow } from '../../flow/types';
import { computeDashboard, type Dashboard } from '../../ops/dashboard';
import type { EventLog } from '../../ops/events';
import type { HttpRoute } from '../../core/http-route';
import { escapeHtml, page } from './html';
import { header, query, redirect, sendHtml, tokenAccess } from './http';

export interface DashboardOptions {
  config: WebConfig;
  events?: EventLog;
  /** The flow conversations run (its nodes are drawn and counted). */
  flow: () => Flow;
  /** Watches running now. */
  openWatches?: () => Promise<number>;
  now?: () => number;
}

const PERIODS = [1, 7, 30, 90] as const;
const COOKIE = 'certstatus_dashboard';
const DAY = 86_400_000;

export function dashboardRoute(options: DashboardOptions): HttpRoute {
  const now = options.now ?? Date.now;
  return {
    method: 'GET',
    path: '/dashboard',
    async handler(req, res) {
      if (!allowed(req, res, options.config)) return;
      const requested = Number(query(req).get('days') ?? 7);
      const days = (PERIODS as readonly number[]).includes(requested) ? requested : 7;
      const until = now();
      const since = until - days * DAY;
      const flow = options.flow();
      const events = options.events ? await options.events.query({ since, until }) : [];
      const openWatches = await options.openWatches?.();
      const data = computeDashboard(events, { since, until, flowId: flow.id, ...(openWatches !== undefined ? { openWatches } : {}) });
      sendHtml(res, 200, page({
        title: 'Dashboard',
        body: body(data, flow, days, Boolean(options.events)),
        scripts: ['/assets/uPlot.iife.min.js', '/assets/mermaid.min.js', '/assets/dashboard.js'],
        styles: ['/assets/uPlot.min.css'],
      }));
    },
  };
}

/** The proxy's header, or the token; answers the refusal itself and returns false. */
function allowed(req: IncomingMessage, res: ServerResponse, config: WebConfig): boolean {
  if (!config.dashboardToken && !config.dashboardHeader) {
    sendHtml(res, 404, page({ title: 'Dashboard is off', body: '<h1>Dashboard is off</h1><p class="note" role="alert">Set CERTSTATUS_DASHBOARD_TOKEN or CERTSTATUS_DASHBOARD_HEADER to turn it on.</p>' }));
    return false;
  }
  if (config.dashboardHeader && header(req, config.dashboardHeader)?.trim()) return true;
  if (config.dashboardToken) {
    const access = tokenAccess(req, config.dashboardToken, COOKIE, '/dashboard');
    if (access.ok && access.setCookie) {
      redirect(res, access.cleanUrl ?? '/dashboard', { 'Set-Cookie': access.setCookie });
      return false;
    }
    if (access.ok) return true;
  }
  sendHtml(res, 401, page({ title: 'Dashboard', body: '<h1>Dashboard</h1><p class="note" role="alert">The dashboard needs its token: open the link you were given (it ends in ?token=...), or sign in through the company proxy.</p>' }));
  return false;
}

function body(data: Dashboard, flow: Flow, days: number, hasLog: boolean): string {
  const title = (cause: string) => (cause === 'error' ? 'Could not check' : flow.causes[cause]?.title ?? cause);
  const ms = (value?: number) => (value === undefined ? '—' : value >= 1000 ? `${(value / 1000).toFixed(1)} s` : `${Math.round(value)} ms`);
  const percent = (share: number) => `${Math.round(share * 100)}%`;
  const nodes = new Map(Object.entries(data.flow.nodes));
  const chartData = { series: data.series, titles: Object.fromEntries(data.series.causes.map((cause) => [cause, title(cause)])) };
  const periodOptions = PERIODS.map((d) => `<option value="${d}"${d === days ? ' selected' : ''}>last ${d === 1 ? '24 hours' : `${d} days`}</option>`).join('');
  const rows = (items: string[]) => (items.length ? items.join('') : '<tr><td colspan="3">None in this period.</td></tr>');
  return `<h1>Dashboard</h1>
${hasLog ? '' : '<p class="note tone-warning">No stats event log is configured, so there is nothing to show.</p>'}
<form method="get" action="/dashboard" class="period"><label for="days">Period</label><select id="days" name="days">${periodOptions}</select><button type="submit">Show</button></form>
<div class="grid">
<section class="panel" aria-labelledby="h-checks"><h2 id="h-checks">Checks</h2>
<p><span class="figure" id="checks-total">${data.checks.total}</span> checks, ${data.checks.failed} could not run</p>
<p>Median <strong id="check-median">${ms(data.checks.medianMs)}</strong>, p95 <strong id="check-p95">${ms(data.checks.p95Ms)}</strong></p></section>
<section class="panel" aria-labelledby="h-watches"><h2 id="h-watches">Watches</h2>
<p><span class="figure" id="watches-open">${data.watches.open ?? '—'}</span> open now, ${data.watches.started} started in this period</p>
<table class="evidence"><caption>How they ended</caption><thead><tr><th scope="col">Ending</th><th scope="col">Watches</th><th scope="col">Share</th></tr></thead>
<tbody>${rows(data.watches.ended.map((e) => `<tr><td>${escapeHtml(e.name)}</td><td>${e.count}</td><td>${percent(e.share)}</td></tr>`))}</tbody></table></section>
</div>
<section aria-labelledby="h-causes"><h2 id="h-causes">Causes over time</h2>
<div id="causes-chart" class="chart" role="img" aria-label="Checks per cause, per ${data.series.bucketMs <= 3_600_000 ? 'hour' : 'day'}"></div>
<div class="table-wrap"><table class="evidence" id="cause-share"><caption>Share of checks per cause</caption><thead><tr><th scope="col">Cause</th><th scope="col">Checks</th><th scope="col">Share</th></tr></thead>
<tbody>${rows(data.causes.map((c) => `<tr><td>${escapeHtml(title(c.name))}</td><td>${c.count}</td><td>${percent(c.share)}</td></tr>`))}</tbody></table></div></section>
<section aria-labelledby="h-domains"><h2 id="h-domains">Busiest domains</h2>
<div class="table-wrap"><table class="evidence" id="busiest-domains"><caption>Checks per domain</caption><thead><tr><th scope="col">Domain</th><th scope="col">Checks</th><th scope="col"></th></tr></thead>
<tbody>${rows(data.domains.map((d) => `<tr><td>${escapeHtml(d.name)}</td><td>${d.count}</td><td></td></tr>`))}</tbody></table></div></section>
<section aria-labelledby="h-flow"><h2 id="h-flow">The flow: where conversations went and stopped</h2>
<p>${data.flow.conversations} conversation${data.flow.conversations === 1 ? '' : 's'} on ${escapeHtml(flow.title)} (${escapeHtml(flow.id)}); each node shows how many reached it and how many stopped there (outlined in orange where they stopped before an answer).</p>
<div class="flow-graph"><pre class="mermaid" id="flow-graph" aria-label="The flow as a graph with counts per node">${escapeHtml(flowToMermaid(flow, nodes))}</pre></div></section>
<script type="application/json" id="dashboard-data">${JSON.stringify(chartData).replace(/</g, '\\u003c')}</script>`;
}
