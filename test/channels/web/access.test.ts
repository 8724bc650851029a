/**
 * The web page's switches, over plain HTTP: on by default, off with CERTSTATUS_WEB=off, behind a token when
 * CERTSTATUS_WEB_TOKEN is set (a link with ?token= sets a cookie and drops the token from the URL).
 */
import { loadConfig } from '../../../src/config/env';
import { webConfig } from '../../../src/config/web';
import { silentLogger } from '../../../src/core/logger';
import { startCertstatus, type RunningCertstatus } from '../../../src/server/compose';

const TOKEN = 'web-token-0123456789abcdef';

describe('web page switches', () => {
  let running: RunningCertstatus | undefined;
  afterEach(async () => {
    await running?.close();
    running = undefined;
  });
  const start = (env: Record<string, string>) => startCertstatus({ ...loadConfig({ PORT: '0', ...env }) }, { logger: silentLogger, host: '127.0.0.1' });

  it('is on by default, and CERTSTATUS_WEB=off takes the page, chat and assets away', async () => {
    running = await start({});
    expect(running.channels).toBe('channels enabled: web page (/)');
    const page = await fetch(`${running.url}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await page.text()).toContain('<label for="names">Domain names');
    expect((await fetch(`${running.url}/assets/web.css`)).status).toBe(200);
    expect(await (await fetch(`${running.url}/metrics`)).text()).toMatch(/certstatus_http_requests_total\{channel="web",status="200"\} 2/);
    await running.close();
    running = await start({ CERTSTATUS_WEB: 'off' });
    expect(await (await fetch(`${running.url}/healthz`)).json()).toEqual({ status: 'ok', channels: [] });
    for (const path of ['/', '/chat', '/assets/web.js']) expect((await fetch(`${running.url}${path}`)).status).toBe(404);
  });

  it('answers only with its token: 401 without, a cookie from ?token=, or a Bearer header', async () => {
    running = await start({ CERTSTATUS_WEB_TOKEN: TOKEN });
    const refused = await fetch(`${running.url}/`);
    expect(refused.status).toBe(401);
    expect(await refused.text()).toContain('This page needs its access token');
    expect((await fetch(`${running.url}/`, { headers: { Cookie: 'certstatus_web=wrong-token-0123456789' } })).status).toBe(401);

    const link = await fetch(`${running.url}/chat?token=${TOKEN}`, { redirect: 'manual' });
    expect(link.status).toBe(303);
    expect(link.headers.get('location')).toBe('/chat');
    const cookie = link.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^certstatus_web=.+; Path=\/; HttpOnly; SameSite=Strict$/);
    expect((await fetch(`${running.url}/chat`, { headers: { Cookie: cookie.split(';')[0]! } })).status).toBe(200);
    expect((await fetch(`${running.url}/`, { headers: { Authorization: `Bearer ${TOKEN}` } })).status).toBe(200);
  });

  it('refuses bad settings with one line naming the variable', () => {
    expect(() => webConfig({ CERTSTATUS_WEB: 'maybe' })).toThrow('CERTSTATUS_WEB must be one of on, off, got "maybe".');
    expect(() => webConfig({ CERTSTATUS_WEB_TOKEN: 'short' })).toThrow('CERTSTATUS_WEB_TOKEN must be at least 16 characters long');
    expect(() => webConfig({ CERTSTATUS_WEB_MAX_NAMES: '0' })).toThrow('CERTSTATUS_WEB_MAX_NAMES must be between 1 and 100, got 0.');
    expect(() => webConfig({ CERTSTATUS_DASHBOARD_HEADER: 'X User' })).toThrow('CERTSTATUS_DASHBOARD_HEADER must be an HTTP header name');
  });
});
