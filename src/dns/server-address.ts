/**
 * "IP[:PORT]" as users write a DNS server: 192.0.2.53, 192.0.2.53:5353, 2001:db8::53, [2001:db8::53]:5353.
 * One parser for the command line and the environment; each caller words its own error.
 */
import { isIP } from 'node:net';

export type ParsedServerAddress =
  | { ok: true; address: string; port: number }
  | { ok: false; problem: 'address' | 'port' };

export function parseServerAddress(text: string, defaultPort = 53): ParsedServerAddress {
  const value = text.trim();
  let address = value;
  let portText: string | undefined;
  const bracketed = /^\[([^\]]+)\](?::([^:]*))?$/.exec(value);
  if (bracketed) {
    address = bracketed[1] ?? '';
    portText = bracketed[2];
  } else if (isIP(value) === 0 && value.split(':').length === 2) {
    [address, portText] = value.split(':') as [string, string];
  }
  if (isIP(address) === 0) return { ok: false, problem: 'address' };
  if (portText === undefined) return { ok: true, address, port: defaultPort };
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port < 1 || port > 65535) return { ok: false, problem: 'port' };
  return { ok: true, address, port };
}
