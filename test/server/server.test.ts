import { silentLogger } from '../../src/core/logger';
import { healthRoute } from '../../src/server/health';
import { createHttpServer, type RunningServer } from '../../src/server/server';
import type { HttpRoute } from '../../src/core/http-route';

describe('createHttpServer', () => {
  let running: RunningServer | undefined;
  afterEach(async () => {
    await running?.close();
    running = undefined;
  });

  const echo: HttpRoute = {
    method: 'POST',
    path: '/echo',
    handler: async (req, res) => {
      let body = '';
      for await (const chunk of req) body += chunk;
      res.end(`echo:${body}`);
    },
  };
  const broken: HttpRoute = { method: 'GET', path: '/broken', handler: async () => { throw new Error('boom'); } };

  async function start(routes: HttpRoute[]): Promise<string> {
    running = await createHttpServer({ routes, logger: silentLogger }).listen(0, '127.0.0.1');
    return running.url;
  }

  it('serves /healthz with the enabled channels', async () => {
    const url = await start([healthRoute(() => ['slack'])]);
    const response = await fetch(`${url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', channels: ['slack'] });
  });

  it('dispatches to the route by method and path, ignoring the query string', async () => {
    const url = await start([echo]);
    const response = await fetch(`${url}/echo?x=1`, { method: 'POST', body: 'hi' });
    expect(await response.text()).toBe('echo:hi');
  });

  it('answers 404 for unknown paths and 405 with Allow for a wrong method', async () => {
    const url = await start([echo]);
    expect((await fetch(`${url}/nope`)).status).toBe(404);
    const wrong = await fetch(`${url}/echo`);
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('POST');
  });

  it('turns a throwing route into a 500 and keeps serving', async () => {
    const url = await start([broken, healthRoute(() => [])]);
    expect((await fetch(`${url}/broken`)).status).toBe(500);
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
  });

  it('refuses two routes for the same method and path', () => {
    expect(() => createHttpServer({ routes: [echo, echo], logger: silentLogger })).toThrow('Two HTTP routes for POST /echo');
  });

  it('closes even with a keep-alive connection open, after letting a slow request finish', async () => {
    let release: () => void = () => undefined;
    const slow: HttpRoute = {
      method: 'GET',
      path: '/slow',
      handler: (_req, res) => new Promise<void>((resolve) => {
        release = () => {
          res.end('done');
          resolve();
        };
      }),
    };
    const url = await start([slow, healthRoute(() => [])]);
    await fetch(`${url}/healthz`); // leaves an idle keep-alive socket in fetch's pool
    const pending = fetch(`${url}/slow`).then((response) => response.text());
    await new Promise((resolve) => setTimeout(resolve, 50));
    const closing = running!.close();
    release();
    expect(await pending).toBe('done');
    await closing;
    running = undefined;
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();
  });
});
