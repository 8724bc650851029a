/**
 * Finds one port that is free for both UDP and TCP on every given loopback address, so a whole test
 * world can share it (as real authoritative servers share port 53).
 */
import { createSocket } from 'node:dgram';
import { createServer } from 'node:net';
import { isIPv6 } from 'node:net';

function tryUdp(address: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createSocket(isIPv6(address) ? 'udp6' : 'udp4');
    socket.once('error', () => resolve(false));
    socket.bind(port, address, () => socket.close(() => resolve(true)));
  });
}

function tryTcp(address: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, address, () => server.close(() => resolve(true)));
  });
}

export async function findFreePort(addresses: string[]): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = 20000 + Math.floor(Math.random() * 40000);
    let free = true;
    for (const address of addresses) {
      if (!(await tryUdp(address, port)) || !(await tryTcp(address, port))) {
        free = false;
        break;
      }
    }
    if (free) return port;
  }
  throw new Error(`no free port shared by ${addresses.join(', ')}`);
}

/** True when ::1 can be bound (some containers have IPv6 disabled). */
export async function ipv6LoopbackAvailable(): Promise<boolean> {
  return tryUdp('::1', 0);
}
