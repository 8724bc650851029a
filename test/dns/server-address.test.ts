import { parseServerAddress } from '../../src/dns/server-address';

describe('parseServerAddress', () => {
  it.each([
    ['192.0.2.53', '192.0.2.53', 53],
    [' 192.0.2.53:5353 ', '192.0.2.53', 5353],
    ['2001:db8::53', '2001:db8::53', 53],
    ['::1', '::1', 53],
    ['[2001:db8::53]:5353', '2001:db8::53', 5353],
    ['[::1]', '::1', 53],
  ])('reads %j as %s port %d', (text, address, port) => {
    expect(parseServerAddress(text)).toEqual({ ok: true, address, port });
  });

  it.each([
    ['resolver.example', 'address'],
    ['resolver.example:53', 'address'],
    ['', 'address'],
    ['192.0.2.53:99999', 'port'],
    ['192.0.2.53:0', 'port'],
    ['[::1]:x', 'port'],
    ['192.0.2.53:', 'port'],
  ])('refuses %j: bad %s', (text, problem) => {
    expect(parseServerAddress(text)).toEqual({ ok: false, problem });
  });
});
