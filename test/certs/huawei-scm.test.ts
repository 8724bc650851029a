/** The SCM client against the fake service on loopback: real HTTP, real signatures, every failure mode. */
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { CertstatusError, ErrorCode } from '../../src/core/errors';
import { createLogger } from '../../src/core/logger';
import { CcmCredentials } from '../../src/config/ccm';
import { HuaweiScmSource, retryAfterMs, type HuaweiScmOptions } from '../../src/certs/huawei-scm';
import { startFakeCcm, type FakeCcm, type FakeCertificate } from '../support/fake-ccm/server';

const multi: FakeCertificate = {
  id: 'scs1590053258704',
  name: 'shop-multi',
  status: 'CHECKING',
  validation_method: 'DNS',
  domain: 'shop.test',
  sans: 'www.shop.test;api.shop.test',
  authentification: [
    { domain: 'api.shop.test', record_name: '_dnsauth.api.shop.test', record_type: 'TXT', record_value: '20261125093000api' },
    { domain: 'shop.test', record_name: '_dnsauth.shop.test', record_type: 'TXT', record_value: '20261125093000k7q2m9x4w8p3' },
    { domain: 'www.shop.test', record_name: '_dnsauth.www.shop.test', record_type: 'TXT', record_value: '20261125093000www' },
  ],
};

async function failure(promise: Promise<unknown>): Promise<CertstatusError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof CertstatusError) return error;
    throw error;
  }
  throw new Error('expected a failure');
}

describe('HuaweiScmSource', () => {
  let fake: FakeCcm;
  let waits: number[];
  let logLines: string[];
  const client = (overrides: Partial<HuaweiScmOptions> = {}) =>
    new HuaweiScmSource({
      endpoint: fake.url,
      credentials: new CcmCredentials(fake.ak, fake.sk),
      timeoutMs: 2000,
      maxRetryWaitMs: 5000,
      concurrency: 3,
      logger: createLogger({ level: 'debug', destination: { write: (line: string) => void logLines.push(line) } }),
      sleep: async (ms) => void waits.push(ms),
      ...overrides,
    });

  beforeEach(async () => {
    fake = await startFakeCcm({ certificates: [multi] });
    waits = [];
    logLines = [];
  });
  afterEach(() => fake.stop());

  it('reads a certificate: names in its order, one record per name, over a signature the fake accepts', async () => {
    const cert = await client().certificate('scs1590053258704');
    expect(cert).toEqual(
      expect.objectContaining({ id: 'scs1590053258704', status: 'CHECKING', validationMethod: 'DNS', names: ['shop.test', 'www.shop.test', 'api.shop.test'] }),
    );
    expect(cert.records).toContainEqual({ domain: 'www.shop.test', recordName: '_dnsauth.www.shop.test', recordType: 'TXT', recordValue: '20261125093000www' });
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]).toEqual(expect.objectContaining({ path: '/v3/scm/certificates/scs1590053258704', signatureValid: true }));
    expect(String(fake.requests[0].headers.authorization)).toMatch(/^SDK-HMAC-SHA256 Access=FAKEAKEXAMPLE0000001, SignedHeaders=content-type;host;x-sdk-date, Signature=[0-9a-f]{64}$/);
  });

  it('never logs the secret key, the access key or the signature', async () => {
    await client().certificate('scs1590053258704');
    await failure(client({ credentials: new CcmCredentials(fake.ak, 'wrong-secret') }).certificate('scs1590053258704'));
    const logged = logLines.join('');
    expect(logLines.length).toBeGreaterThan(0);
    expect(logged).toContain('/v3/scm/certificates/scs1590053258704');
    expect(logged).not.toContain(fake.sk);
    expect(logged).not.toContain(fake.ak);
    expect(logged).not.toContain('Signature=');
    // The credentials object itself prints nothing either.
    expect(JSON.stringify({ c: new CcmCredentials(fake.ak, fake.sk) })).not.toContain(fake.sk);
  });

  it('a wrong secret key is refused by the fake and becomes one line about the credentials, without echoing the service message', async () => {
    const error = await failure(client({ credentials: new CcmCredentials(fake.ak, 'wrong-secret') }).certificate('scs1590053258704'));
    expect(fake.requests[0].signatureValid).toBe(false);
    expect(error.code).toBe(ErrorCode.CcmAuth);
    expect(error.message).toMatch(/^The certificate service refused the credentials \(HTTP 401 APIGW\.0301\): check HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK/);
    expect(error.message).not.toContain(fake.ak);
    expect(error.message).not.toContain('canonicalRequest');
    expect(error.message).not.toContain('\n');
  });

  it('a clock more than 15 minutes off is refused (X-Sdk-Date), and the message says to check the clock', async () => {
    const error = await failure(client({ now: () => new Date(Date.now() + 20 * 60 * 1000) }).certificate('scs1590053258704'));
    expect(fake.requests[0].signatureValid).toBe(false);
    expect(error.code).toBe(ErrorCode.CcmAuth);
    expect(error.message).toContain('clock');
  });

  it('403 is a credentials problem too', async () => {
    fake.script({ status: 403, body: { error_code: 'SCM.0003', error_msg: 'Tenant has no privilege.' } });
    const error = await failure(client().certificate('scs1590053258704'));
    expect(error.code).toBe(ErrorCode.CcmAuth);
    expect(error.message).toContain('HTTP 403 SCM.0003');
  });

  it('an unknown id (400 SCM.0020) is its own error; a malformed one is refused before any request', async () => {
    const unknown = await failure(client().certificate('scs0000000000000'));
    expect(unknown.code).toBe(ErrorCode.CcmUnknownCertificate);
    expect(unknown.message).toBe('The certificate service knows no certificate scs0000000000000 in this account (HTTP 400 SCM.0020): copy the id from the certificate console, like scs1590053258704.');
    const malformed = await failure(client().certificate('shop.test'));
    expect(malformed.code).toBe(ErrorCode.Usage);
    expect(fake.requests).toHaveLength(1);
  });

  it('429: waits as long as Retry-After says, then succeeds', async () => {
    fake.script({ status: 429, headers: { 'retry-after': '2' }, body: { error_code: 'APIG.0308', error_msg: 'The throttling threshold has been reached' } }, 2);
    const cert = await client().certificate('scs1590053258704');
    expect(cert.id).toBe('scs1590053258704');
    expect(waits).toEqual([2000, 2000]);
    expect(fake.requests).toHaveLength(3);
  });

  it('429: a Retry-After beyond the bound is not waited for; the message says how long the service asked for', async () => {
    fake.script({ status: 429, headers: { 'retry-after': '120' }, body: { error_code: 'APIG.0308' } });
    const error = await failure(client().certificate('scs1590053258704'));
    expect(error.code).toBe(ErrorCode.CcmThrottled);
    expect(error.message).toBe('The certificate service is throttling this account (HTTP 429 APIG.0308) and asks to wait 120 s; try again then.');
    expect(waits).toEqual([]);
    expect(fake.requests).toHaveLength(1);
  });

  it('429: gives up after a bounded number of attempts even when each wait is short', async () => {
    fake.script({ status: 429, headers: { 'retry-after': '1' } }, 10);
    const error = await failure(client().certificate('scs1590053258704'));
    expect(error.code).toBe(ErrorCode.CcmThrottled);
    expect(fake.requests).toHaveLength(4);
    expect(waits).toEqual([1000, 1000, 1000]);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = new Date('2026-12-03T08:00:00Z');
    expect(retryAfterMs('7', now)).toBe(7000);
    expect(retryAfterMs('Thu, 03 Dec 2026 08:00:30 GMT', now)).toBe(30_000);
    expect(retryAfterMs('soon', now)).toBeUndefined();
    expect(retryAfterMs(undefined, now)).toBeUndefined();
  });

  it('5xx: retried once; twice is a service failure', async () => {
    fake.script({ status: 503 });
    await expect(client().certificate('scs1590053258704')).resolves.toEqual(expect.objectContaining({ id: 'scs1590053258704' }));
    fake.script({ status: 500 }, 2);
    const error = await failure(client().certificate('scs1590053258704'));
    expect(error.code).toBe(ErrorCode.CcmUnavailable);
    expect(error.message).toBe('The certificate service failed (HTTP 500 FAKE.500); try again in a few minutes.');
  });

  it('a service that hangs is a timeout after timeoutMs', async () => {
    fake.script({ status: 0, hang: true });
    const started = Date.now();
    const error = await failure(client({ timeoutMs: 300 }).certificate('scs1590053258704'));
    expect(error.code).toBe(ErrorCode.CcmTimeout);
    expect(error.message).toMatch(/^The certificate service \(127\.0\.0\.1:\d+\) did not answer within 1 s; try again, or raise CERTSTATUS_CCM_TIMEOUT_MS\.$/);
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('a service that is not there is "could not be reached"', async () => {
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const { port } = probe.address() as AddressInfo;
    await new Promise<void>((r) => probe.close(() => r()));
    const error = await failure(client({ endpoint: `http://127.0.0.1:${port}` }).certificate('scs1590053258704'));
    expect(error.code).toBe(ErrorCode.CcmTimeout);
    expect(error.message).toContain('could not be reached (ECONNREFUSED)');
  });

  describe('pending()', () => {
    const many = (n: number, status: string, from = 0): FakeCertificate[] =>
      Array.from({ length: n }, (_, i) => ({
        id: `scs${String(1000000000000 + from + i)}`,
        name: `c${from + i}`,
        status,
        validation_method: 'DNS',
        domain: `n${from + i}.test`,
        authentification: [{ domain: `n${from + i}.test`, record_name: `_dnsauth.n${from + i}.test`, record_type: 'TXT', record_value: `v${from + i}` }],
      }));

    it('pages the list by limit and offset, and fetches every pending certificate with bounded concurrency', async () => {
      await fake.stop();
      fake = await startFakeCcm({ certificates: [...many(23, 'CHECKING'), ...many(5, 'ISSUED', 100)], delayMs: 20 });
      const pending = await client({ pageSize: 10, concurrency: 3 }).pending();
      expect(pending.map((c) => c.id)).toEqual(many(23, 'CHECKING').map((c) => c.id));
      expect(pending[7].records[0].recordValue).toBe('v7');
      const lists = fake.requests.filter((r) => r.path === '/v3/scm/certificates');
      expect(lists.map((r) => [r.query.limit, r.query.offset, r.query.status])).toEqual([
        ['10', '0', 'CHECKING'],
        ['10', '10', 'CHECKING'],
        ['10', '20', 'CHECKING'],
      ]);
      expect(fake.requests.filter((r) => r.path.startsWith('/v3/scm/certificates/'))).toHaveLength(23);
      expect(fake.requests.every((r) => r.signatureValid)).toBe(true);
      expect(fake.maxInFlight()).toBe(3);
    });

    it('an empty account is an empty list after one request', async () => {
      await fake.stop();
      fake = await startFakeCcm({ certificates: [] });
      await expect(client().pending()).resolves.toEqual([]);
      expect(fake.requests).toHaveLength(1);
    });

    it('a failing page fails the whole sweep with its own error', async () => {
      fake.script({ status: 401, body: { error_code: 'APIGW.0301' } });
      const error = await failure(client().pending());
      expect(error.code).toBe(ErrorCode.CcmAuth);
    });
  });
});
