/**
 * One DNS exchange over TCP with the 2-byte length framing (RFC 1035 4.2.2) and a hard deadline that
 * covers connecting, writing and reading (dns2's TCP client has none).
 */
import { connect } from 'node:net';
import type { DnsServer } from '../types';
import type { RawExchange } from './udp';

export function tcpExchange(server: DnsServer, query: Buffer, timeoutMs: number): Promise<RawExchange> {
  return new Promise((resolve) => {
    const socket = connect({ host: server.address, port: server.port });
    let settled = false;
    let buffered = Buffer.alloc(0);
    const finish = (result: RawExchange): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(result);
    };
    const timer = setTimeout(() => finish({ kind: 'timeout', detail: `no reply over TCP within ${timeoutMs} ms` }), timeoutMs);
    socket.on('error', (error: NodeJS.ErrnoException) => finish({ kind: 'network', detail: error.code ?? error.message }));
    socket.on('connect', () => {
      const length = Buffer.alloc(2);
      length.writeUInt16BE(query.length);
      socket.write(Buffer.concat([length, query]));
    });
    socket.on('data', (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      if (buffered.length < 2) return;
      const expected = buffered.readUInt16BE(0);
      if (buffered.length >= 2 + expected) finish({ kind: 'bytes', message: buffered.subarray(2, 2 + expected) });
    });
    socket.on('end', () => {
      // The server closed before a whole message: hand over what came so it is judged as malformed.
      const got = Math.max(0, buffered.length - 2);
      finish(buffered.length === 0 ? { kind: 'network', detail: 'connection closed without a reply' } : { kind: 'bytes', message: buffered.subarray(2, 2 + got) });
    });
  });
}
