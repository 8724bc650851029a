import { describeExpiry, negativeCacheTtl } from '../../../src/dns/analysis/negative-cache';

describe('negativeCacheTtl (RFC 2308: the lesser of the SOA TTL and MINIMUM)', () => {
  it.each([
    [{ ttl: 3600, minimum: 300 }, 300],
    [{ ttl: 60, minimum: 86400 }, 60],
    [{ ttl: 900, minimum: 900 }, 900],
    [{ ttl: 0, minimum: 300 }, 0],
    [{ ttl: -5, minimum: 300 }, 0],
    [{ ttl: Number.NaN, minimum: 300 }, 0],
  ])('%j -> %d', (soa, expected) => {
    expect(negativeCacheTtl(soa)).toBe(expected);
  });
});

describe('describeExpiry', () => {
  it.each([
    [0, 'now'],
    [-10, 'now'],
    [Number.NaN, 'now'],
    [1, 'in 1 second'],
    [45, 'in 45 seconds'],
    [0.4, 'in 1 second'],
    [60, 'in 1 minute'],
    [240, 'in 4 minutes'],
    [250, 'in about 4 minutes'],
    [89, 'in about 1 minute'],
    [5400, 'in 90 minutes'],
    [5430, 'in about 91 minutes'],
    [7200, 'in 2 hours'],
    [7300, 'in about 2 hours'],
    [86399, 'in about 24 hours'],
    [172800, 'in 2 days'],
    [200000, 'in about 2 days'],
  ])('%d seconds -> %s', (seconds, expected) => {
    expect(describeExpiry(seconds)).toBe(expected);
  });
});
