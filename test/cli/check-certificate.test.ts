/** `certstatus check --certificate ID` end to end: the real SCM client against the fake service, DNS from the test world. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCli } from '../support/dns-world/cli-io';
import { ALPHA1 } from '../support/dns-world/standard';
import { startWorld, type RunningWorld } from '../support/dns-world/world';
import { CERTIFICATES, MULTI, WWW_VALUE, certificateWorld } from '../support/fake-ccm/certificates';
import { startFakeCcm, type FakeCcm } from '../support/fake-ccm/server';

describe('certstatus check --certificate', () => {
  let world: RunningWorld;
  let fake: FakeCcm;
  let providersFile: string;
  beforeAll(async () => {
    world = await startWorld(certificateWorld());
    const dir = mkdtempSync(path.join(tmpdir(), 'certstatus-cert-'));
    providersFile = path.join(dir, 'providers.yaml');
    writeFileSync(providersFile, ['providers:', '  - id: alpha', '    name: Alpha DNS', '    nsPatterns: ["*.alpha-dns.test"]', `    nameservers: [{ name: ns1.alpha-dns.test, address: "${ALPHA1}" }]`, ''].join('\n'));
  });
  afterAll(() => world.stop());
  beforeEach(async () => {
    fake = await startFakeCcm({ certificates: CERTIFICATES });
  });
  afterEach(() => fake.stop());

  const dnsArgs = () => ['--resolver', `127.0.0.53:${world.resolverPort}`, '--auth-port', String(world.authPort), '--providers', providersFile, '--timeout', '3000'];
  const env = (extra: Record<string, string> = {}) => ({ HUAWEICLOUD_SDK_AK: fake.ak, HUAWEICLOUD_SDK_SK: fake.sk, CERTSTATUS_CCM_ENDPOINT: fake.url, ...extra });

  it('checks every name against its own record and prints an array in the certificate\'s order', async () => {
    const run = await runCli(['check', '--certificate', 'scs1000000000001', '--json', ...dnsArgs()], env());
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    const json = JSON.parse(run.stdout);
    expect(json.map((d: { domain: string }) => d.domain)).toEqual(['shop.test', 'www.shop.test', 'api.shop.test']);
    expect(json.map((d: { causes: string[] }) => d.causes[0])).toEqual(['ca-review-pending', 'ca-review-pending', 'record-missing']);
    expect(json[1].verificationName).toBe('_dnsauth.www.shop.test');
    expect(fake.requests.every((r) => r.signatureValid)).toBe(true);
  });

  it('prints one object for a one-name certificate, with a one-line notice when it is issued already', async () => {
    const run = await runCli(['check', '--certificate', 'scs1000000000003', '--json', ...dnsArgs()], env());
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('certstatus: Certificate scs1000000000003 is issued already: nothing waits on DNS; the check shows what DNS serves now.\n');
    expect(JSON.parse(run.stdout)).toEqual(expect.objectContaining({ domain: 'shop.test', causes: ['ca-review-pending'] }));
  });

  it('says an email-validated certificate has no record to check, and still checks DNS', async () => {
    const run = await runCli(['check', '--certificate', 'scs1000000000002', '--json', ...dnsArgs()], env());
    expect(run.stderr).toMatch(/^certstatus: Certificate scs1000000000002 proves ownership by an email the CA sends to an address at the domain \(approve it there\), not by a DNS record/);
    expect(JSON.parse(run.stdout).domain).toBe('old.test');
    // DNS has nothing to compare for an email-validated certificate: never exit 0 ("DNS is right").
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('text output: a header, then each name\'s diagnosis', async () => {
    const run = await runCli(['check', '--certificate', 'scs1000000000001', ...dnsArgs()], env());
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^Certificate scs1000000000001 \(shop-multi\), CHECKING: 3 names, each checked against its own record\./);
    expect(run.stdout).toContain('www.shop.test (_dnsauth.www.shop.test): DNS is right');
    expect(run.stdout).toContain('api.shop.test (_dnsauth.api.shop.test): Cause found');
  });

  it('with a DOMAIN, checks only that name of the certificate; a name not on it is bad input', async () => {
    const one = await runCli(['check', 'www.shop.test', '--certificate', 'scs1000000000001', '--json', ...dnsArgs()], env());
    expect(one.code).toBe(0);
    expect(JSON.parse(one.stdout).domain).toBe('www.shop.test');
    const other = await runCli(['check', 'old.test', '--certificate', 'scs1000000000001', ...dnsArgs()], env());
    expect(other.code).toBe(2);
    expect(other.stderr).toBe('certstatus: old.test is not a name of certificate scs1000000000001; its names: shop.test, www.shop.test, api.shop.test.\n');
  });

  it('exits 2 for an id the service does not know, and for a malformed id', async () => {
    const unknown = await runCli(['check', '--certificate', 'scs9999999999999', ...dnsArgs()], env());
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('knows no certificate scs9999999999999 in this account (HTTP 400 SCM.0020)');
    expect(unknown.stdout).toBe('');
    const malformed = await runCli(['check', '--certificate', 'shop.test', ...dnsArgs()], env());
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toContain('is not a certificate id');
  });

  it.each([
    ['refused credentials', () => ({ env: { HUAWEICLOUD_SDK_SK: 'wrong' } }), /refused the credentials \(HTTP 401 APIGW\.0301\)/],
    ['throttling beyond the bound', () => (fake.script({ status: 429, headers: { 'retry-after': '30' }, body: { error_code: 'APIG.0308' } }), { env: { CERTSTATUS_CCM_RETRY_WAIT_MS: '1000' } }), /throttling this account \(HTTP 429 APIG\.0308\) and asks to wait 30 s/],
    ['a 5xx twice', () => (fake.script({ status: 502 }, 2), { env: {} }), /failed \(HTTP 502/],
    ['a hanging service', () => (fake.script({ status: 0, hang: true }), { env: { CERTSTATUS_CCM_TIMEOUT_MS: '300' } }), /did not answer within 1 s/],
  ])('exits 4 with one line for %s', async (_what, setup, message) => {
    const { env: extra } = setup();
    const run = await runCli(['check', '--certificate', 'scs1000000000001', ...dnsArgs()], env(extra));
    expect(run.code).toBe(4);
    expect(run.stderr).toMatch(message);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).not.toContain(fake.sk);
    expect(run.stdout).toBe('');
  });

  it('when the service fails and a DOMAIN was given, the DNS check still runs (without the value) and the exit says the service failed', async () => {
    fake.script({ status: 503 }, 2);
    const run = await runCli(['check', 'shop.test', '--certificate', 'scs1000000000001', '--json', ...dnsArgs()], env());
    expect(run.code).toBe(4);
    expect(run.stderr).toMatch(/^certstatus: The certificate service failed \(HTTP 503/);
    expect(JSON.parse(run.stdout).domain).toBe('shop.test');
  });

  it('without credentials: exit 2 and what to set; no request is made', async () => {
    const run = await runCli(['check', '--certificate', 'scs1000000000001', ...dnsArgs()], { CERTSTATUS_CCM_ENDPOINT: fake.url });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('need HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK');
    expect(fake.requests).toHaveLength(0);
  });

  it('check without a domain or --certificate is still a usage error', async () => {
    const run = await runCli(['check']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/missing required argument 'domain'/);
  });

  it('--help documents the exit statuses, 4 for a service failure', async () => {
    const run = await runCli(['check', '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('--certificate <id>');
    expect(run.stdout).toMatch(/4 the certificate service\s+failed/);
  });

  describe('a DOMAIN without --expect, the service configured', () => {
    it('uses the value of the pending certificate covering it, and says so', async () => {
      const run = await runCli(['check', 'www.shop.test', '--json', ...dnsArgs()], env());
      expect(run.stderr).toBe(`certstatus: The record value comes from certificate scs1000000000001 (shop-multi) in the certificate service: ${WWW_VALUE}.\n`);
      expect(run.code).toBe(0);
      expect(JSON.parse(run.stdout).causes).toEqual(['ca-review-pending']);
      expect(fake.requests.every((r) => r.signatureValid)).toBe(true);
    });

    it('the service\'s value decides: DNS serving another value is a cause, though no value was typed', async () => {
      await fake.stop();
      const other = '20261125093000othervalue1234';
      fake = await startFakeCcm({
        certificates: [{ ...MULTI, authentification: MULTI.authentification?.map((a) => (a.domain === 'www.shop.test' ? { ...a, record_value: other } : a)) }],
      });
      const run = await runCli(['check', 'www.shop.test', ...dnsArgs()], env());
      expect(run.stderr).toContain(other);
      expect(run.code).toBe(1);
      expect(run.stdout).not.toMatch(/DNS is right/);
    });

    it('a domain no pending certificate covers: one line, checked without a value', async () => {
      const run = await runCli(['check', 'old.test', '--json', ...dnsArgs()], env());
      expect(run.stderr).toBe('certstatus: No certificate waiting on domain verification covers old.test, so its record value is not compared (give it with --expect).\n');
      expect(JSON.parse(run.stdout).domain).toBe('old.test');
    });

    it('the service failing is one line, and the DNS check still runs with its own exit status', async () => {
      fake.script({ status: 503 }, 2);
      const run = await runCli(['check', 'www.shop.test', '--json', ...dnsArgs()], env());
      expect(run.stderr).toMatch(/^certstatus: The certificate service failed \(HTTP 503.*The DNS check runs without the record value\.\n$/);
      expect(run.code).toBe(0);
      expect(JSON.parse(run.stdout).domain).toBe('www.shop.test');
    });

    it('--expect wins and the service is not asked; without credentials nothing is said', async () => {
      const typed = await runCli(['check', 'www.shop.test', '--expect', WWW_VALUE, ...dnsArgs()], env());
      expect(typed.stderr).toBe('');
      const bare = await runCli(['check', 'www.shop.test', ...dnsArgs()], { CERTSTATUS_CCM_ENDPOINT: fake.url });
      expect(bare.stderr).toBe('');
      expect(fake.requests).toHaveLength(0);
    });
  });
});
