/**
 * The small HTTP pieces of the web channel: form bodies (bounded), HTML and redirect responses, the
 * client's address for the rate limit, and access by token (query, cookie or Bearer) or proxy header.
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

export const MAX_FORM_BYTES = 16 * 1024;

export class BodyTooLarge extends Error {}

export async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_FORM_BYTES) throw new BodyTooLarge();
    chunks.push(chunk);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

export function sendHtml(res: ServerResponse, status: number, html: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(html)),
    'Cache-Control': 'no-store',
    // Everything the pages load is ours (assets from node_modules, served here); no inline script.
    'Content-Security-Policy': "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'",
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'same-origin',
    ...headers,
  });
  res.end(html);
}

export function redirect(res: ServerResponse, location: string, headers: Record<string, string> = {}): void {
  res.writeHead(303, { Location: location, 'Content-Length': '0', 'Cache-Control': 'no-store', ...headers });
  res.end();
}

export function query(req: IncomingMessage): URLSearchParams {
  return new URL(req.url ?? '/', 'http://localhost').searchParams;
}

/** The socket's address, or behind a trusted reverse proxy the first address of X-Forwarded-For. */
export function clientOf(req: IncomingMessage, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = header(req, 'x-forwarded-for')?.split(',')[0]?.trim();
    if (forwarded) return forwarded;
  }
  return req.socket.remoteAddress ?? 'unknown';
}

export function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

export function cookie(req: IncomingMessage, name: string): string | undefined {
  for (const part of (header(req, 'cookie') ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}

export function sameSecret(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export type Access = { ok: true; setCookie?: string; cleanUrl?: string } | { ok: false };

/**
 * A token given as `?token=` (a link handed out), a cookie set from it, or `Authorization: Bearer`. A token
 * in the URL is moved into an HttpOnly cookie and the URL is cleaned, so it does not stay in the history.
 */
export function tokenAccess(req: IncomingMessage, expected: string, cookieName: string, path: string): Access {
  const bearer = header(req, 'authorization')?.match(/^Bearer\s+(.+)$/i)?.[1];
  if (sameSecret(bearer, expected) || sameSecret(cookie(req, cookieName), expected)) return { ok: true };
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (sameSecret(url.searchParams.get('token') ?? undefined, expected)) {
    url.searchParams.delete('token');
    return {
      ok: true,
      setCookie: `${cookieName}=${encodeURIComponent(expected)}; Path=${path}; HttpOnly; SameSite=Strict`,
      cleanUrl: url.pathname + (url.search || ''),
    };
  }
  return { ok: false };
}
