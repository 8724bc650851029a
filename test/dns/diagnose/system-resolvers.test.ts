/** The default resolvers come from the system's configuration (dns.getServers), with their ports. */
import { getServers, setServers } from 'node:dns';
import { systemResolvers } from '../../../src/dns/diagnose';

describe('systemResolvers', () => {
  const saved = getServers();
  afterAll(() => setServers(saved));

  it('reads IPv4 and IPv6 servers with and without ports', () => {
    setServers(['127.0.0.1', '127.0.0.2:5353', '::1', '[::1]:5300']);
    expect(systemResolvers()).toEqual([
      { address: '127.0.0.1', port: 53 },
      { address: '127.0.0.2', port: 5353 },
      { address: '::1', port: 53 },
      { address: '::1', port: 5300 },
    ]);
  });
});
