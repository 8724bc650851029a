/**
 * The one HTTP server of `certstatus serve`. Channels (Slack's Bolt receiver, Teams' CloudAdapter),
 * /healthz, /readyz and /metrics are all HttpRoutes, so adding a channel never touches this file. Every
 * GET route also answers HEAD.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../core/logger';
import type { HttpRoute } from '../core/http-route';

export interface ServerOptions {
  routes: HttpRoute[];
  logger: Logger;
  /** Milliseconds close() waits for requests in flight before cutting connections. */
  closeGraceMs?: number;
}

export interface RunningServer {
  /** Base URL, e.g. http://127.0.0.1:3000 */
  url: string;
  port: number;
  /** Stops accepting, lets requests in flight finish (up to the grace period), then resolves. */
  close(): Promise<void>;
}

export interface CertstatusServer {
  listen(port: number, host?: string): Promise<RunningServer>;
  /** Node's server, for tests and for callers that need its events. */
  readonly http: Server;
}

export function createHttpServer(options: ServerOptions): CertstatusServer {
  assertUniqueRoutes(options.routes);
  const http = createServer((req, res) => {
    closeAfterTooLarge(res);
    // While closing, a finished response leaves a keep-alive socket idle: close it now, not at the grace limit.
    res.on('finish', () => {
      if (!http.listening) setImmediate(() => http.closeIdleConnections());
    });
    void dispatch(options, req, res);
  });
  return {
    http,
    listen: (port, host) => listen(http, options, port, host),
  };
}

/**
 * A route that answers 413 (Bolt's body limit, the Teams route's) stops reading the body, and Node would
 * read the rest of it into the next request on a keep-alive connection, which then hangs. Whatever route
 * answers 413, the answer says `Connection: close` and the socket closes after it, so the client's next
 * request starts on a fresh connection.
 */
function closeAfterTooLarge(res: ServerResponse): void {
  const writeHead = res.writeHead;
  res.writeHead = function (this: ServerResponse, ...args: Parameters<ServerResponse['writeHead']>) {
    if (args[0] === 413) this.shouldKeepAlive = false;
    return writeHead.apply(this, args);
  } as ServerResponse['writeHead'];
}

async function dispatch(options: ServerOptions, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const path = new URL(req.url ?? '/', 'http://localhost').pathname;
  const onPath = options.routes.filter((route) => route.path === path);
  // HEAD is GET without the body (Node's response drops it), as HTTP says every GET resource answers HEAD.
  const method = req.method === 'HEAD' ? 'GET' : req.method;
  const route = onPath.find((candidate) => candidate.method === method);
  if (!route) {
    const status = onPath.length ? 405 : 404;
    const allowed = onPath.flatMap((candidate) => (candidate.method === 'GET' ? ['GET', 'HEAD'] : [candidate.method]));
    if (onPath.length) res.setHeader('Allow', allowed.join(', '));
    sendJson(res, status, { error: status === 404 ? 'not found' : 'method not allowed' });
    return;
  }
  try {
    await route.handler(req, res);
  } catch (error) {
    // A route that throws must not take the server down or leave the client hanging.
    options.logger.error({ err: error, path }, 'route failed');
    if (!res.headersSent) sendJson(res, 500, { error: 'internal error' });
    else res.end();
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

function listen(http: Server, options: ServerOptions, port: number, host?: string): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    http.once('error', reject);
    http.listen(port, host, () => {
      http.off('error', reject);
      const address = http.address() as AddressInfo;
      const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      resolve({
        url: `http://${shownHost === '[::]' ? 'localhost' : shownHost}:${address.port}`,
        port: address.port,
        close: () => close(http, options.closeGraceMs ?? 5000),
      });
    });
  });
}

function close(http: Server, graceMs: number): Promise<void> {
  return new Promise((resolve) => {
    if (!http.listening) return resolve();
    // Keep-alive sockets would hold close() open forever; idle ones go now, busy ones after the grace period.
    const force = setTimeout(() => http.closeAllConnections(), graceMs);
    force.unref();
    http.close(() => {
      clearTimeout(force);
      resolve();
    });
    http.closeIdleConnections();
  });
}

function assertUniqueRoutes(routes: HttpRoute[]): void {
  const seen = new Set<string>();
  for (const route of routes) {
    const key = `${route.method} ${route.path}`;
    if (seen.has(key)) throw new Error(`Two HTTP routes for ${key}`);
    seen.add(key);
  }
}
