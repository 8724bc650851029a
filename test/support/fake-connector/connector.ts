/**
 * A fake Bot Connector (the Teams side of the Bot Framework): a loopback HTTP server whose URL goes into
 * activities' `serviceUrl`, so botbuilder's real ConnectorClient sends its replies here. It records every
 * `/v3/conversations/...` call and can be told to fail the next calls with a status (429, 412, 502, ...).
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decodePayload, type ActionPayload } from '../../../src/channels/kit/payload';

export interface ConnectorCall {
  method: string;
  /** Decoded conversation id (Teams ids contain `:`, `@` and `;messageid=`). */
  conversationId: string;
  /** For replies: the activity replied to; for updates: the activity updated. */
  activityId?: string;
  kind: 'send' | 'reply' | 'update' | 'other';
  /** The HTTP status the fake answered. */
  status: number;
  authorization?: string;
  body: Record<string, unknown>;
  /** The activity id the fake gave a successful send or reply. */
  responseId?: string;
  /** When the call arrived (ms since the epoch). */
  at: number;
}

interface PlannedFailure {
  status: number;
  remaining: number;
  headers: Record<string, string>;
}

export interface FakeConnector {
  url: string;
  /** Calls answered with success, in arrival order. */
  readonly calls: ConnectorCall[];
  /** Every call, including the failed ones. */
  readonly attempts: ConnectorCall[];
  failNext(status: number, times?: number, headers?: Record<string, string>): void;
  /**
   * The next `times` calls are read and then never answered (a connector that hangs, or a bot killed while
   * it waits): they count as attempts, not as posted, since the bot never learnt that they were.
   */
  holdNext(times?: number): void;
  /** Resolves once `count` attempts (answered or not) have arrived. */
  waitForAttempts(count: number, timeoutMs?: number): Promise<void>;
  /** The next `times` activities carrying a card (attachments) are refused with `status` (413: too large); plain messages pass. */
  refuseCards(status?: number, times?: number): void;
  /** Resolves with the successful calls once `predicate` holds for them; rejects after `timeoutMs`. */
  waitFor(predicate: (calls: ConnectorCall[]) => boolean, timeoutMs?: number): Promise<ConnectorCall[]>;
  close(): Promise<void>;
}

const ROUTE = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?\/?$/;

async function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

export async function startFakeConnector(): Promise<FakeConnector> {
  const calls: ConnectorCall[] = [];
  const attempts: ConnectorCall[] = [];
  const failures: PlannedFailure[] = [];
  const cardRefusals = { status: 413, remaining: 0 };
  const holds = { remaining: 0 };
  const waiters = new Set<() => void>();
  let nextId = 1;

  const server: Server = createServer(async (req, res) => {
    const body = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const match = ROUTE.exec(url.pathname);
    const conversationId = match ? decodeURIComponent(match[1]) : '';
    const activityId = match?.[2] ? decodeURIComponent(match[2]) : undefined;
    const kind: ConnectorCall['kind'] = !match ? 'other' : req.method === 'PUT' ? 'update' : activityId ? 'reply' : 'send';
    const hasCard = Array.isArray(body.attachments) && body.attachments.length > 0;
    const refuseCard = hasCard && cardRefusals.remaining > 0;
    if (refuseCard) cardRefusals.remaining -= 1;
    const failure = refuseCard ? { status: cardRefusals.status, remaining: Infinity, headers: {} } : failures[0];
    const status = failure ? failure.status : match ? 200 : 404;
    const call: ConnectorCall = { method: req.method ?? '', conversationId, activityId, kind, status, authorization: req.headers.authorization, body, at: Date.now() };
    attempts.push(call);
    for (const wake of [...waiters]) wake();
    if (holds.remaining > 0) {
      holds.remaining -= 1;
      return; // never answered; the socket closes when the bot dies or the fake closes
    }
    if (failure) {
      if (!refuseCard && --failure.remaining <= 0) failures.shift();
      res.writeHead(failure.status, { 'content-type': 'application/json', ...failure.headers });
      res.end(JSON.stringify({ error: { code: 'Throttled', message: `fake connector answered ${failure.status}` } }));
      return;
    }
    if (!match) {
      res.writeHead(404).end();
      return;
    }
    const id = kind === 'update' ? activityId : `bot-activity-${nextId++}`;
    call.responseId = id;
    calls.push(call);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ id }));
    for (const wake of [...waiters]) wake();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/`,
    calls,
    attempts,
    failNext(status, times = 1, headers = {}) {
      failures.push({ status, remaining: times, headers });
    },
    holdNext(times = 1) {
      holds.remaining = times;
    },
    async waitForAttempts(count, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (attempts.length < count) {
        if (Date.now() > deadline) throw new Error(`fake connector: ${attempts.length} of ${count} attempts arrived`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    refuseCards(status = 413, times = 1) {
      Object.assign(cardRefusals, { status, remaining: times });
    },
    waitFor(predicate, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (!predicate(calls)) return;
          cleanup();
          resolve(calls);
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`fake connector: condition not met; calls so far: ${JSON.stringify(calls.map(summarise))}`));
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A short readable form of a call for failure messages. */
export function summarise(call: ConnectorCall): string {
  return `${call.kind} ${call.conversationId}${call.activityId ? `#${call.activityId}` : ''}: ${cardText(call.body) || String(call.body.text ?? '')}`.slice(0, 160);
}

/** Every TextBlock text of the Adaptive Cards in an outgoing activity, joined. */
export function cardText(body: Record<string, unknown>): string {
  const attachments = (body.attachments as { content?: { body?: { text?: string }[] } }[] | undefined) ?? [];
  return attachments.flatMap((attachment) => (attachment.content?.body ?? []).map((element) => element.text ?? '')).join('\n');
}

export interface CardButton {
  title: string;
  /** What a click sends back (the activity's `value`). */
  data: Record<string, unknown>;
  /** The data read by the channel kit's codec. */
  payload: ActionPayload | undefined;
}

type SubmitAction = { title: string; data: Record<string, unknown> };

/** The Action.Submit buttons of the first card in an outgoing activity: ActionSets in its body, then its own. */
export function cardActions(body: Record<string, unknown>): CardButton[] {
  const attachments = (body.attachments as { content?: { actions?: SubmitAction[]; body?: { type?: string; actions?: SubmitAction[] }[] } }[] | undefined) ?? [];
  const content = attachments[0]?.content;
  const inBody = (content?.body ?? []).filter((element) => element.type === 'ActionSet').flatMap((element) => element.actions ?? []);
  return [...inBody, ...(content?.actions ?? [])].map((action) => ({ title: action.title, data: action.data, payload: decodePayload(action.data) }));
}

/** The answer button of `choiceId` on a question card, if there is one. */
export function choiceButton(body: Record<string, unknown>, choiceId: string): CardButton | undefined {
  return cardActions(body).find(({ payload }) => payload?.kind === 'choice' && payload.choice === choiceId);
}

/** The `action` button of a cause card, if there is one. */
export function actionButton(body: Record<string, unknown>, action: string): CardButton | undefined {
  return cardActions(body).find(({ payload }) => payload?.kind === 'card' && payload.action === action);
}
