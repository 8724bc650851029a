/**
 * POST /api/messages on the shared HTTP server: reads the JSON activity from Node's plain request and hands
 * it to CloudAdapter.process, which expects an express/restify-style request and response.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CloudAdapter, TurnContext } from 'botbuilder';
import type { HttpRoute } from '../../server/types';

export const TEAMS_MESSAGES_PATH = '/api/messages';
/** Bot Framework activities are small; anything this large is not one. */
const MAX_BODY_BYTES = 1024 * 1024;

export interface TeamsRouteOptions {
  adapter: CloudAdapter;
  logic: (context: TurnContext) => Promise<void>;
  path?: string;
}

export function createTeamsRoute(options: TeamsRouteOptions): HttpRoute {
  return {
    method: 'POST',
    path: options.path ?? TEAMS_MESSAGES_PATH,
    async handler(req, res) {
      const body = await readJsonBody(req);
      if (!body.ok) return sendPlain(res, body.status, body.message);
      await options.adapter.process({ body: body.value, headers: req.headers, method: req.method }, expressStyle(res), options.logic);
    },
  };
}

type BodyResult = { ok: true; value: Record<string, unknown> } | { ok: false; status: number; message: string };

async function readJsonBody(req: IncomingMessage): Promise<BodyResult> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return { ok: false, status: 413, message: 'Activity too large.' };
    chunks.push(chunk as Buffer);
  }
  try {
    const value: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    if (value && typeof value === 'object' && !Array.isArray(value)) return { ok: true, value: value as Record<string, unknown> };
  } catch {
    // Falls through to the same answer as a non-object body.
  }
  return { ok: false, status: 400, message: 'Expected a Bot Framework activity as a JSON object.' };
}

function sendPlain(res: ServerResponse, status: number, message: string): void {
  res.statusCode = status;
  res.setHeader('content-type', 'text/plain; charset=utf-8');
  res.end(message);
}

/** The few response methods CloudAdapter calls (status, header, send, end), over Node's ServerResponse. */
function expressStyle(res: ServerResponse) {
  return {
    socket: res.socket,
    status(code: number) {
      res.statusCode = code;
      return this;
    },
    header(name: string, value: unknown) {
      res.setHeader(name, String(value));
      return this;
    },
    send(body: unknown) {
      if (body === undefined || body === null) return this;
      if (typeof body === 'string' || Buffer.isBuffer(body)) {
        res.write(body);
      } else {
        if (!res.headersSent) res.setHeader('content-type', 'application/json; charset=utf-8');
        res.write(JSON.stringify(body));
      }
      return this;
    },
    end() {
      res.end();
      return this;
    },
  };
}
