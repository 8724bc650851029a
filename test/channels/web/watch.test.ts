/**
 * A result's "notify me" watch on the web, over HTTP with a hand-moved clock: started from its page, shown
 * as watching (on the page, in its JSON and in the result's link), and when the re-check finds the record
 * took effect the notice lands on the watch's page and the watch reads as ended.
 */
import { createWebChannel } from '../../../src/channels/web/channel';
import { webConfig } from '../../../src/config/web';
import { createConversationService } from '../../../src/conversation/service';
import { silentLogger } from '../../../src/core/logger';
import { loadFlowsDir } from '../../../src/flow/registry';
import { createHttpServer, type RunningServer } from '../../../src/server/server';
import { openStore } from '../../../src/store/open-store';
import { setUpWatches } from '../../../src/watch/setup';
import { Clock, MINUTE, SettableRunner } from '../../watch/helpers';

describe('a web result watch', () => {
  let server: RunningServer;
  afterEach(() => server?.close());

  it('starts from the watch page, shows its live state, and shows the notice when the record took effect', async () => {
    const clock = new Clock();
    const runner = new SettableRunner(); // ttl-not-elapsed: the card offers the watch
    const store = await openStore({ memory: true, now: clock.now });
    const flows = loadFlowsDir();
    const watches = setUpWatches({ store, runCheck: runner.run, causes: () => flows.defaultFlow, logger: silentLogger, now: clock.now })!;
    const conversations = createConversationService({ flows, store, runCheck: runner.run, watches: watches.scheduler, now: clock.now });
    const web = createWebChannel({ config: webConfig({}), conversations, store, logger: silentLogger, watches: watches.scheduler, now: clock.now });
    watches.routes.web = web.watchNotifier;
    server = await createHttpServer({ routes: web.routes, logger: silentLogger }).listen(0, '127.0.0.1');
    const form = (path: string, fields: Record<string, string>) =>
      fetch(`${server.url}${path}`, { method: 'POST', redirect: 'manual', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields) });
    const state = async (id: string) => (await (await fetch(`${server.url}/watch/state?id=${id}`)).json()) as { state: string; text: string; notices: number };

    const checked = await (await form('/check', { names: 'shop.test' })).text();
    expect(checked).toContain('The configuration has not taken effect yet (TTL)');
    const id = checked.match(/href="\/result\?id=([A-Za-z0-9_-]+)"/)![1]!;
    expect(checked).toContain(`<a class="watch-link" href="/watch?id=${id}" data-watch="${id}">Notify me when it takes effect</a>`);
    expect(await state(id)).toEqual({ state: 'none', text: 'Not watching yet.', link: 'Notify me when it takes effect', notices: 0 });

    const started = await form('/watch', { id });
    expect(started.status).toBe(303);
    expect(started.headers.get('location')).toBe(`/watch?id=${id}`);
    expect(await state(id)).toMatchObject({ state: 'watching', text: expect.stringMatching(/^Watching: next check in about 1 minute, until /) });
    expect(await (await fetch(`${server.url}/result?id=${id}`)).text()).toMatch(/class="watch-link"[^>]*>Watching: next check in about 1 minute/);
    // Clicking again leaves the one watch alone.
    await form('/watch', { id });
    expect(await watches.scheduler.count()).toBe(1);

    runner.outcome = { outcome: 'ca-review-pending' };
    clock.advance(2 * MINUTE);
    expect((await watches.scheduler.runDue()).ended).toHaveLength(1);
    const after = await state(id);
    expect(after.state).toBe('ended');
    expect(after.notices).toBeGreaterThan(1); // the confirmation, then the notice
    const watchPage = await (await fetch(`${server.url}/watch?id=${id}`)).text();
    expect(watchPage).toContain('The CA is still reviewing');
    expect(watchPage).toContain('The watch has ended; its last notice is below.');
  });
});
