/**
 * The dashboard in a real browser, from the event log real conversations and checks wrote: refused
 * without the token, opened with it (and with the reverse proxy's header); the causes chart drew on its
 * canvas, the flow graph drew as SVG with the counts per node, and the figures match what happened.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { createDnsCheckRunner } from '../../../src/checks/dns-runner';
import { webConfig } from '../../../src/config/web';
import { silentLogger } from '../../../src/core/logger';
import { openEventLog } from '../../../src/ops/open-event-log';
import { startCertstatus, type RunningCertstatus } from '../../../src/server/compose';
import { openStore } from '../../../src/store/open-store';
import { EXPECTED, NOW, PROVIDERS, standardWorld, txt, zone } from '../../support/dns-world/standard';
import { startWorld, type RunningWorld } from '../../support/dns-world/world';
import { consoleErrors, describeInBrowser, openBrowser, screenshot, unlabelledInputs } from '../../support/browser';

const TOKEN = 'dashboard-token-0123456789';
const WRONG_PLATFORM = 'A wrong domain name management platform was selected';

describeInBrowser('the dashboard in chromium', () => {
  let world: RunningWorld;
  let browser: Browser;
  let dir: string;
  let running: RunningCertstatus;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'certstatus-dashboard-'));
    world = await startWorld(standardWorld({ zones: [zone('shop.test')], betaZones: [zone('shop.test', [txt('_dnsauth.shop.test', EXPECTED)])] }));
    const sqlitePath = path.join(dir, 'dash.db');
    const runCheck = createDnsCheckRunner({ resolvers: world.resolvers, authPort: world.authPort, providers: PROVIDERS, now: NOW });
    const web = webConfig({ CERTSTATUS_DASHBOARD_TOKEN: TOKEN, CERTSTATUS_DASHBOARD_HEADER: 'X-Forwarded-User' });
    running = await startCertstatus(
      { port: 0, dns: {}, storeTimeoutMs: 2000, web },
      { logger: silentLogger, store: await openStore({ sqlitePath }), events: await openEventLog({ sqlitePath }), runCheck, host: '127.0.0.1' },
    );
    browser = await openBrowser();
    page = await browser.newPage();
    errors = consoleErrors(page);

    // What the dashboard will show: two one-shot checks, a guided conversation to its cause, one left at step 1.
    await page.goto(`${running.url}/`);
    await page.fill('#names', 'shop.test\nbad_name');
    await page.click('button:has-text("Check DNS")');
    await page.goto(`${running.url}/chat`);
    await page.fill('#chat-domain', 'shop.test');
    await Promise.all([page.waitForURL(/\/chat\?id=/), page.click('button:has-text("Start")')]);
    await page.click('button:has-text("Yes, it is verified")');
    await page.fill('#answer-text', EXPECTED);
    await page.click('.question.current button:has-text("Send")');
    await page.locator('.cause h2').waitFor();
    await page.goto(`${running.url}/chat`);
    await page.fill('#chat-domain', 'shop.test');
    await Promise.all([page.waitForURL(/\/chat\?id=/), page.click('button:has-text("Start")')]);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await running?.close();
    await world?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is refused without the token or the proxy header, and opens with either', async () => {
    const refused = await fetch(`${running.url}/dashboard`);
    expect(refused.status).toBe(401);
    expect(await refused.text()).toContain('The dashboard needs its token');
    expect((await fetch(`${running.url}/dashboard`, { headers: { Authorization: 'Bearer not-the-token-at-all' } })).status).toBe(401);
    expect((await fetch(`${running.url}/dashboard`, { headers: { 'X-Forwarded-User': 'lead@example.com' } })).status).toBe(200);
    expect((await fetch(`${running.url}/dashboard`, { headers: { 'X-Forwarded-User': ' ' } })).status).toBe(401);
    expect((await fetch(`${running.url}/dashboard`, { headers: { Authorization: `Bearer ${TOKEN}` } })).status).toBe(200);
  });

  it('draws the causes chart and the flow graph with counts per node, from the event log', async () => {
    await page.goto(`${running.url}/dashboard?token=${TOKEN}`);
    expect(page.url()).toBe(`${running.url}/dashboard`); // the token went into a cookie
    await page.locator('#flow-graph[data-drawn=true] svg').waitFor({ timeout: 15_000 });
    await page.locator('#causes-chart[data-drawn=true] canvas').waitFor();

    // Three checks: the one-shot and the conversation's check of shop.test, and the bad name's (which ran none).
    const share = await page.locator('#cause-share tbody').textContent();
    expect(share).toContain(WRONG_PLATFORM);
    expect(await page.locator('#busiest-domains tbody tr').first().textContent()).toBe('shop.test2');
    expect(await page.locator('#check-median').textContent()).toMatch(/^\d+(\.\d)? m?s$/);
    expect(await page.locator('#watches-open').textContent()).toBe('0');

    // The chart's canvas has pixels drawn on it (not a blank canvas).
    const inked = await page.evaluate(`(() => {
      const canvas = document.querySelector('#causes-chart canvas');
      const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
      let inked = 0;
      for (let i = 3; i < pixels.length; i += 4) if (pixels[i] > 0) inked += 1;
      return inked;
    })()`);
    expect(inked).toBeGreaterThan(100);

    // The flow graph: both conversations reached step 1; one stopped there, one went on to the answer.
    const graph = (await page.locator('#flow-graph svg').textContent()) ?? '';
    expect(graph).toContain('step1-ownership');
    expect(graph).toContain('2 reached, 1 stopped here');
    expect(graph).toMatch(/answer-wrong-platform.*1 reached, 1 stopped here/);
    expect(await page.locator('#flow-graph svg .node').count()).toBeGreaterThan(10);
    expect(await unlabelledInputs(page)).toEqual([]);
    await screenshot(page, 'web-dashboard');
    expect(errors).toEqual([]);
  }, 30_000);
});
