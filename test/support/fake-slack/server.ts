/**
 * A fake Slack Web API on loopback for the real WebClient (SLACK_API_URL points here): records every call
 * with its arguments, answers like Slack does, and can rate-limit or reject on demand. Also receives the
 * posts to response_url, which Slack gives to slash commands and button clicks.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { PostedMessage } from './payloads';

export interface RecordedCall {
  method: string;
  args: Record<string, unknown>;
  /** Whether the request carried a bearer token (the token itself is not kept). */
  authorized: boolean;
  /** What the fake answered. */
  result: Record<string, unknown>;
  at: number;
}

export interface ResponseUrlPost {
  id: string;
  body: Record<string, unknown>;
  at: number;
}

export const FAKE_BOT = { user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T1', team: 'Test team', user: 'certstatus' };

export class FakeSlack {
  readonly calls: RecordedCall[] = [];
  readonly responses: ResponseUrlPost[] = [];
  /** Every 429 sent, with the method. */
  readonly rateLimited: { method: string; at: number }[] = [];
  private server?: Server;
  private nextTs = 1_700_000_000;
  private nextResponseId = 0;
  private readonly pendingRateLimits = new Map<string, number>();
  private authError?: string;
  /** Planned refusals of messages with blocks, per method ('response' for response_url posts). */
  private readonly blockRefusals = new Map<string, { error: string; remaining: number }>();
  /** Every refusal sent: the method and the error. */
  readonly refused: { method: string; error: string }[] = [];
  private waiters: (() => void)[] = [];

  /** WebSocket URL apps.connections.open hands out (Socket Mode tests). */
  socketUrl = '';
  /** Base URL for SLACK_API_URL. */
  apiUrl = '';
  baseUrl = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    this.baseUrl = `http://127.0.0.1:${port}`;
    this.apiUrl = `${this.baseUrl}/api/`;
    return this;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }

  /** A new response_url, as Slack puts in a command or a click. */
  responseUrl(): string {
    this.nextResponseId += 1;
    return `${this.baseUrl}/response/${this.nextResponseId}`;
  }

  /** The next `times` calls of `method` get HTTP 429 with Retry-After. */
  rateLimit(method: string, times = 1, retryAfterSeconds = 1): void {
    this.pendingRateLimits.set(method, times);
    this.retryAfter = retryAfterSeconds;
  }

  private retryAfter = 1;

  /**
   * The next `times` messages with blocks sent through `method` (chat.postMessage, chat.update, or
   * 'response' for response_url posts) are refused with `error`, as Slack refuses blocks it will not take
   * (invalid_blocks, msg_too_long, msg_blocks_too_long). A message without blocks still goes through.
   */
  refuseBlocks(method: string, error = 'invalid_blocks', times = 1): void {
    this.blockRefusals.set(method, { error, remaining: times });
  }

  /** The next `times` calls of `method` answer { ok: false, error }, whatever they carry. */
  failNext(method: string, error: string, times = 1): void {
    this.failures.set(method, { error, remaining: times });
  }

  private readonly failures = new Map<string, { error: string; remaining: number }>();

  /** Whether a message with blocks through `method` is to be refused now; counts the refusal. */
  private refusal(method: string, args: Record<string, unknown>): string | undefined {
    const failure = this.failures.get(method);
    if (failure && failure.remaining > 0) {
      failure.remaining -= 1;
      return failure.error;
    }
    const planned = this.blockRefusals.get(method);
    const blocks = args.blocks;
    if (!planned || planned.remaining <= 0 || !Array.isArray(blocks) || blocks.length === 0) return undefined;
    planned.remaining -= 1;
    this.refused.push({ method, error: planned.error });
    return planned.error;
  }

  /** auth.test answers { ok: false, error } from now on. */
  rejectToken(error = 'invalid_auth'): void {
    this.authError = error;
  }

  callsOf(method: string): RecordedCall[] {
    return this.calls.filter((call) => call.method === method);
  }

  /** Messages the bot posted, in order, with the channel and ts Slack gave them. */
  posts(): (PostedMessage & { text: string })[] {
    return this.callsOf('chat.postMessage').filter((call) => call.result.ok !== false).map((call) => ({
      channel: String(call.result.channel),
      ts: String(call.result.ts),
      ...(call.args.thread_ts ? { thread_ts: String(call.args.thread_ts) } : {}),
      text: String(call.args.text ?? ''),
      blocks: (call.args.blocks as unknown[] | undefined) ?? [],
    }));
  }

  /** Resolves when `condition` holds (checked after every recorded request), or rejects after `timeoutMs`. */
  async waitFor(condition: () => boolean, description: string, timeoutMs = 8000): Promise<void> {
    if (condition()) return;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((waiter) => waiter !== check);
        reject(new Error(`Timed out waiting for ${description}. Calls: ${this.calls.map((c) => c.method).join(', ')}; responses: ${this.responses.length}`));
      }, timeoutMs);
      const check = () => {
        if (!condition()) return;
        clearTimeout(timer);
        this.waiters = this.waiters.filter((waiter) => waiter !== check);
        resolve();
      };
      this.waiters.push(check);
    });
  }

  private notify(): void {
    for (const waiter of [...this.waiters]) waiter();
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let raw = '';
    for await (const chunk of req) raw += chunk;
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path.startsWith('/response/')) {
      const body = JSON.parse(raw || '{}') as Record<string, unknown>;
      const refused = this.refusal('response', body);
      if (refused) {
        // A response_url answers a refusal with a 4xx and the error code as its body.
        res.writeHead(400, { 'Content-Type': 'text/plain' });
        res.end(refused);
        this.notify();
        return;
      }
      this.responses.push({ id: path.slice('/response/'.length), body, at: Date.now() });
      reply(res, 200, { ok: true });
      this.notify();
      return;
    }
    const method = path.replace(/^\/api\//, '');
    const remaining = this.pendingRateLimits.get(method) ?? 0;
    if (remaining > 0) {
      this.pendingRateLimits.set(method, remaining - 1);
      this.rateLimited.push({ method, at: Date.now() });
      res.writeHead(429, { 'Retry-After': String(this.retryAfter), 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ ok: false, error: 'ratelimited' }));
      this.notify();
      return;
    }
    const args = parseArgs(raw, req.headers['content-type']);
    const refused = this.refusal(method, args);
    const result = refused ? { ok: false, error: refused } : this.answer(method, args);
    this.calls.push({ method, args, authorized: /^Bearer .+/.test(req.headers.authorization ?? ''), result, at: Date.now() });
    reply(res, 200, result);
    this.notify();
  }

  private answer(method: string, args: Record<string, unknown>): Record<string, unknown> {
    const ts = () => `${(this.nextTs += 1)}.000100`;
    switch (method) {
      case 'auth.test':
        return this.authError ? { ok: false, error: this.authError } : { ok: true, url: 'https://test.slack.com/', ...FAKE_BOT };
      case 'chat.postMessage': {
        // Posting to a user id opens the bot's DM with that user, as Slack does.
        const channel = String(args.channel).replace(/^U/, 'D');
        return { ok: true, channel, ts: ts(), message: { text: args.text, blocks: args.blocks, thread_ts: args.thread_ts } };
      }
      case 'apps.connections.open':
        return this.socketUrl ? { ok: true, url: this.socketUrl } : { ok: false, error: 'not_allowed_token_type' };
      case 'chat.update':
        return { ok: true, channel: args.channel, ts: args.ts, text: args.text };
      case 'chat.postEphemeral':
        return { ok: true, message_ts: ts() };
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
}

/** The WebClient sends form fields, with arrays and objects (blocks) as JSON strings. */
function parseArgs(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (contentType?.includes('application/json')) return JSON.parse(raw || '{}');
  const args: Record<string, unknown> = {};
  for (const [name, value] of new URLSearchParams(raw)) {
    args[name] = /^[[{]/.test(value) ? JSON.parse(value) : value;
  }
  return args;
}
