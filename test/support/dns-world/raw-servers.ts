/**
 * Misbehaving servers for transport tests: raw sockets that answer with whatever bytes a function
 * returns (garbage, cut packets, wrong ids) or never answer at all.
 */
import { createSocket, type Socket } from 'node:dgram';
import { createServer, isIPv6, type Server, type Socket as TcpSocket } from 'node:net';

export type Responder = (query: Buffer) => Buffer | undefined;

export interface RawServer {
  port: number;
  close(): Promise<void>;
}

export async function rawUdpServer(address: string, respond: Responder, port = 0): Promise<RawServer> {
  const socket: Socket = createSocket(isIPv6(address) ? 'udp6' : 'udp4');
  socket.on('message', (message, rinfo) => {
    const reply = respond(message);
    if (reply) socket.send(reply, rinfo.port, rinfo.address);
  });
  await new Promise<void>((resolve) => socket.bind(port, address, resolve));
  return { port: socket.address().port, close: () => new Promise((resolve) => socket.close(() => resolve())) };
}

/** A TCP server that reads one framed query and writes back `respond`'s bytes verbatim (no framing added). */
export async function rawTcpServer(address: string, respond: Responder, port = 0): Promise<RawServer> {
  const sockets = new Set<TcpSocket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    let buffered = Buffer.alloc(0);
    socket.on('data', (chunk) => {
      buffered = Buffer.concat([buffered, chunk]);
      if (buffered.length < 2 || buffered.length < 2 + buffered.readUInt16BE(0)) return;
      const reply = respond(buffered.subarray(2, 2 + buffered.readUInt16BE(0)));
      if (reply) socket.end(reply);
    });
  });
  await new Promise<void>((resolve) => server.listen(port, address, resolve));
  const bound = server.address();
  return {
    port: typeof bound === 'object' && bound ? bound.port : port,
    close: () =>
      new Promise((resolve) => {
        sockets.forEach((s) => s.destroy());
        server.close(() => resolve());
      }),
  };
}

/** Frames a message for TCP. */
export function framed(message: Buffer): Buffer {
  const length = Buffer.alloc(2);
  length.writeUInt16BE(message.length);
  return Buffer.concat([length, message]);
}
