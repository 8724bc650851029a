/**
 * A fake Socket Mode endpoint: the WebSocket Slack hands out from apps.connections.open. Says hello,
 * pushes envelopes (events, slash commands, clicks) and records the client's acknowledgements.
 */
import type { AddressInfo } from 'node:net';

// ws ships without types; it is the library the Slack Socket Mode client itself uses.
// eslint-disable-next-line @typescript-eslint/no-require-imports, @typescript-eslint/no-explicit-any
const { WebSocketServer, Server: LegacyServer }: any = require('ws');

export interface Ack {
  envelope_id: string;
  payload?: Record<string, unknown>;
}

export class FakeSocketMode {
  readonly acks: Ack[] = [];
  url = '';
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  private server: any;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  private socket: any;
  private onChange: (() => void)[] = [];

  async start(): Promise<this> {
    const Server = WebSocketServer ?? LegacyServer;
    this.server = new Server({ host: '127.0.0.1', port: 0 });
    await new Promise<void>((resolve) => this.server.once('listening', resolve));
    this.url = `ws://127.0.0.1:${(this.server.address() as AddressInfo).port}/link`;
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    this.server.on('connection', (socket: any) => {
      this.socket = socket;
      socket.on('message', (data: Buffer) => {
        this.acks.push(JSON.parse(String(data)) as Ack);
        this.changed();
      });
      socket.send(JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A1' } }));
      this.changed();
    });
    return this;
  }

  async stop(): Promise<void> {
    for (const client of this.server?.clients ?? []) client.terminate();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  get connected(): boolean {
    return Boolean(this.socket);
  }

  push(envelope: { envelope_id: string; type: string; payload: unknown; accepts_response_payload?: boolean }): void {
    this.socket.send(JSON.stringify({ retry_attempt: 0, retry_reason: '', ...envelope }));
  }

  async waitFor(condition: () => boolean, what: string, timeoutMs = 8000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
      await new Promise<void>((resolve) => {
        this.onChange.push(resolve);
        setTimeout(resolve, 50);
      });
    }
  }

  private changed(): void {
    const waiting = this.onChange;
    this.onChange = [];
    for (const resolve of waiting) resolve();
  }
}
