/**
 * The web page in a real browser (Debian's chromium through playwright-core) against the DNS test world:
 * the check form, its result and permalink (which outlives a restart on the same SQLite file), the watch
 * offer with its live state, a guided conversation to its end, and the rate limit's 429. Every page must
 * load without console errors, label every input and fit a phone's width.
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

const WRONG_PLATFORM = 'A wrong domain name management platform was selected';

describeInBrowser('the web page in chromium', () => {
  let world: RunningWorld;
  let browser: Browser;
  let dir: string;
  let running: RunningCertstatus | undefined;
  let page: Page;
  let errors: string[];

  async function start(): Promise<RunningCertstatus> {
    const sqlitePath = path.join(dir, 'web.db');
    const store = await openStore({ sqlitePath });
    const events = await openEventLog({ sqlitePath });
    const runCheck = createDnsCheckRunner({ resolvers: world.resolvers, authPort: world.authPort, providers: PROVIDERS, now: NOW });
    const web = webConfig({ CERTSTATUS_WEB_TRUST_PROXY: 'true', CERTSTATUS_WEB_RATE_PER_MINUTE: '10', CERTSTATUS_WEB_MAX_NAMES: '5' });
    return startCertstatus({ port: 0, dns: {}, storeTimeoutMs: 2000, web }, { logger: silentLogger, store, events, runCheck, host: '127.0.0.1' });
  }

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'certstatus-web-'));
    // shop.test is hosted at Alpha DNS, but the record was added at Beta Cloud DNS.
    world = await startWorld(standardWorld({ zones: [zone('shop.test')], betaZones: [zone('shop.test', [txt('_dnsauth.shop.test', EXPECTED)])] }));
    browser = await openBrowser();
    running = await start();
  }, 30_000);
  afterAll(async () => {
    await browser?.close();
    await running?.close();
    await world?.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(async () => {
    page = await browser.newPage();
    errors = consoleErrors(page);
  });
  afterEach(async () => {
    await page.close();
  });

  it('checks a domain typed with the keyboard, shows cause, procedure and evidence, and its permalink outlives a restart', async () => {
    await page.goto(`${running!.url}/`);
    expect(await unlabelledInputs(page)).toEqual([]);
    await screenshot(page, 'web-check-page');
    // Keyboard only: type the name, tab past the two optional fields to the button, press Enter.
    await page.focus('#names');
    await page.keyboard.type('shop.test');
    for (let i = 0; i < 3; i += 1) await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement.textContent')).toBe('Check DNS');
    await Promise.all([page.waitForURL(`${running!.url}/check`), page.keyboard.press('Enter')]);

    const result = page.locator('article.result');
    await expect(result.locator('h2.domain').textContent()).resolves.toBe('shop.test');
    expect(await result.locator('.cause h2').textContent()).toContain(WRONG_PLATFORM);
    expect(await result.locator('ol.procedure li').count()).toBeGreaterThan(0);
    // The evidence table: one row per fact, the server in the first column.
    const rows = result.locator('table.evidence tbody tr');
    expect(await rows.count()).toBeGreaterThan(0);
    expect(await result.locator('table.evidence').textContent()).toContain('Beta Cloud DNS');
    expect(await result.locator('.watch-link').textContent()).toBe('Notify me when it takes effect');
    expect(await unlabelledInputs(page)).toEqual([]);
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
    await screenshot(page, 'web-result-phone');

    const permalink = await result.locator('a.permalink').getAttribute('href');
    expect(permalink).toMatch(/^\/result\?id=[A-Za-z0-9_-]+$/);
    await running!.close();
    running = await start();
    await page.goto(`${running.url}${permalink}`);
    expect(await page.locator('h1.domain').textContent()).toBe('shop.test');
    expect(await page.locator('.cause h2').textContent()).toContain(WRONG_PLATFORM);
    await screenshot(page, 'web-permalink-after-restart');

    // The watch offer: a link to the watch's page, which starts it and shows its live state.
    await page.click('.watch-link');
    expect(await page.locator('#watch-state').textContent()).toBe('Not watching yet.');
    await Promise.all([page.waitForURL(/\/watch\?id=/), page.click('button:has-text("Watch shop.test")')]);
    expect(await page.locator('#watch-state').textContent()).toMatch(/^Watching: next check in about \d+ minutes?, until /);
    await screenshot(page, 'web-watch');
    await page.goto(`${running.url}${permalink}`);
    expect(await page.locator('.watch-link').textContent()).toMatch(/^Watching: next check in about/);
    expect(errors).toEqual([]);
  }, 60_000);

  it('says what to fix for a bad name and for too many names, without a check', async () => {
    await page.goto(`${running!.url}/`);
    await page.fill('#names', 'a b c d e f');
    await page.click('button:has-text("Check DNS")');
    expect(await page.locator('#form-error').textContent()).toBe('At most 5 names per check; you gave 6.');
    await page.fill('#names', 'not_a_domain!');
    await page.click('button:has-text("Check DNS")');
    expect(await page.locator('article.result .tone-error').textContent()).toMatch(/not_a_domain!/);
    // The refused form comes back as a 400 page, which Chromium reports on its console; nothing else may.
    expect(errors).toEqual(['Failed to load resource: the server responded with a status of 400 (Bad Request)']);
  });

  it('runs the guided conversation as a web chat to its cause', async () => {
    await page.goto(`${running!.url}/chat`);
    await page.fill('#chat-domain', 'shop.test');
    await Promise.all([page.waitForURL(/\/chat\?id=/), page.click('button:has-text("Start")')]);
    expect(await page.locator('.question.current .question-text').textContent()).toMatch(/^Step 1 of 4: Is the ownership of shop\.test verified/);
    expect(await unlabelledInputs(page)).toEqual([]);
    await page.click('button:has-text("Yes, it is verified")');
    // The answered question keeps its answer; the next one asks for the record value.
    expect(await page.locator('.question.answered .answer').first().textContent()).toBe('You answered: Yes, it is verified');
    await page.fill('#answer-text', EXPECTED);
    await page.click('.question.current button:has-text("Send")');
    expect(await page.locator('.cause h2').textContent()).toContain(WRONG_PLATFORM);
    expect(await page.locator('.chat').textContent()).toContain('Beta Cloud DNS');
    expect(await page.locator('.question.current').count()).toBe(0);
    expect(await unlabelledInputs(page)).toEqual([]);
    await screenshot(page, 'web-chat-ended');
    expect(errors).toEqual([]);
  }, 30_000);

  it('answers 429 with Retry-After once one client used its checks for the minute; other clients go on', async () => {
    const post = (client: string, names: string) =>
      fetch(`${running!.url}/check`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Forwarded-For': client }, body: new URLSearchParams({ names }) });
    // Bad names are refused without DNS traffic, but each still costs a check: the limit counts requests' names.
    expect((await post('198.51.100.7', 'x_1 x_2 x_3 x_4 x_5')).status).toBe(200);
    expect((await post('198.51.100.7', 'x_6 x_7 x_8 x_9 x_10')).status).toBe(200);
    const refused = await post('198.51.100.7', 'x_11');
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(await refused.text()).toContain(`Try again in ${retryAfter} second`);
    expect((await post('198.51.100.8', 'x_1')).status).toBe(200);
  });
});
