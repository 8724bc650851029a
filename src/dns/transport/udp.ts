/**
 * One DNS exchange over UDP: send, retransmit once, wait for the reply that matches our id from the
 * server's address. Replies with another id are remembered (a mismatch is only reported if nothing
 * better arrives), garbage from the server is reported at once.
 */
import { createSocket } from 'node:dgram';
import { isIPv6 } from 'node:net';
import type { DnsServer } from '../types';
import { decodeReply, peekHeader } from './packet';

export type RawExchange =
  | { kind: 'bytes'; message: Buffer }
  | { kind: 'timeout' | 'network' | 'mismatch'; detail: string };

const sameAddress = (a: string, b: string): boolean => a.replace(/^::ffff:/, '').toLowerCase() === b.replace(/^::ffff:/, '').toLowerCase();

const decodes = (message: Buffer): boolean => decodeReply(message).kind === 'ok';

export function udpExchange(server: DnsServer, query: Buffer, id: number, timeoutMs: number): Promise<RawExchange> {
  return new Promise((resolve) => {
    const socket = createSocket(isIPv6(server.address) ? 'udp6' : 'udp4');
    let settled = false;
    let wrongId: string | undefined;
    const timers: NodeJS.Timeout[] = [];
    const finish = (result: RawExchange): void => {
      if (settled) return;
      settled = true;
      timers.forEach(clearTimeout);
      socket.close();
      resolve(result);
    };
    socket.on('error', (error: NodeJS.ErrnoException) => finish({ kind: 'network', detail: error.code ?? error.message }));
    socket.on('message', (message, rinfo) => {
      if (!sameAddress(rinfo.address, server.address) || rinfo.port !== server.port) return;
      const header = peekHeader(message);
      // A decodable reply with another id may be a late answer to something else: keep waiting.
      // Bytes that do not decode at all are this server's answer, and it is garbage.
      if (header && header.id !== id && decodes(message)) {
        wrongId = `reply id ${header.id} does not match query id ${id}`;
        return;
      }
      finish({ kind: 'bytes', message });
    });
    const send = (): void => {
      socket.send(query, server.port, server.address, (error) => {
        if (error) finish({ kind: 'network', detail: (error as NodeJS.ErrnoException).code ?? error.message });
      });
    };
    send();
    // One retransmission halfway: a lost datagram should not cost the whole budget.
    timers.push(setTimeout(send, Math.max(1, Math.floor(timeoutMs / 2))));
    timers.push(
      setTimeout(
        () => finish(wrongId ? { kind: 'mismatch', detail: wrongId } : { kind: 'timeout', detail: `no reply within ${timeoutMs} ms` }),
        timeoutMs,
      ),
    );
  });
}
