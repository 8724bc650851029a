import { Agent, request as httpRequest } from 'node:http';
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

  it('closes the connection after any route\'s 413 (it left the body unread), so the next request uses a new socket', async () => {
    // As Bolt's receiver does past its body limit: 413 after reading part of the body.
    const tooLarge: HttpRoute = {
      method: 'POST',
      path: '/limited',
      handler: async (req, res) => {
        for await (const _chunk of req) break;
        res.writeHead(413);
        res.end();
      },
    };
    const url = new URL(await start([tooLarge, echo]));
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const send = (path: string, body: string) =>
      new Promise<{ status: number; connection: string | undefined; reused: boolean }>((resolve, reject) => {
        const req = httpRequest({ host: url.hostname, port: url.port, path, method: 'POST', agent }, (res) => {
          res.resume();
          res.on('end', () => resolve({ status: res.statusCode ?? 0, connection: res.headers.connection, reused: req.reusedSocket }));
        });
        req.on('error', reject);
        req.end(body);
      });
    try {
      expect(await send('/limited', 'x'.repeat(4 * 1024 * 1024))).toMatchObject({ status: 413, connection: 'close' });
      expect(await send('/echo', 'hi')).toEqual({ status: 200, connection: 'keep-alive', reused: false });
    } finally {
      agent.destroy();
    }
  });

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
