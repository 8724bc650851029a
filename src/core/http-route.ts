/** A route on the one HTTP server `certstatus serve` runs (Slack, Teams, health, metrics). */
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface HttpRoute {
  method: 'GET' | 'POST';
  path: string;
  handler(req: IncomingMessage, res: ServerResponse): Promise<void> | void;
}
