/** `certstatus pending` end to end: the real SCM client against the fake service, DNS from the test world. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCli } from '../support/dns-world/cli-io';
import { ALPHA1 } from '../support/dns-world/standard';
import { startWorld, type RunningWorld } from '../support/dns-world/world';
import { CERTIFICATES, ISSUED, MULTI, certificateWorld } from '../support/fake-ccm/certificates';
import { startFakeCcm, type FakeCcm } from '../support/fake-ccm/server';

describe('certstatus pending', () => {
  let world: RunningWorld;
  let fake: FakeCcm;
  let providersFile: string;
  beforeAll(async () => {
    world = await startWorld(certificateWorld());
    const dir = mkdtempSync(path.join(tmpdir(), 'certstatus-pending-'));
    providersFile = path.join(dir, 'providers.yaml');
    writeFileSync(providersFile, ['providers:', '  - id: alpha', '    name: Alpha DNS', '    nsPatterns: ["*.alpha-dns.test"]', `    nameservers: [{ name: ns1.alpha-dns.test, address: "${ALPHA1}" }]`, ''].join('\n'));
  });
  afterAll(() => world.stop());
  afterEach(() => fake.stop());

  const dnsArgs = () => ['--resolver', `127.0.0.53:${world.resolverPort}`, '--auth-port', String(world.authPort), '--providers', providersFile, '--timeout', '3000'];
  const env = () => ({ HUAWEICLOUD_SDK_AK: fake.ak, HUAWEICLOUD_SDK_SK: fake.sk, CERTSTATUS_CCM_ENDPOINT: fake.url });

  it('--json: every certificate waiting on verification, its names, and a verdict and diagnosis per name', async () => {
    fake = await startFakeCcm({ certificates: CERTIFICATES });
    const run = await runCli(['pending', '--json', ...dnsArgs()], env());
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    const json = JSON.parse(run.stdout);
    expect(json.map((c: { certificate: { id: string } }) => c.certificate.id).sort()).toEqual(['scs1000000000001', 'scs1000000000002']);
    const multi = json.find((c: { certificate: { id: string } }) => c.certificate.id === MULTI.id);
    expect(multi.certificate.names).toEqual(['shop.test', 'www.shop.test', 'api.shop.test']);
    expect(multi.names.map((n: { domain: string; verdict: { state: string; causes: string[] } }) => [n.domain, n.verdict.state, n.verdict.causes])).toEqual([
      ['shop.test', 'right', []],
      ['www.shop.test', 'right', []],
      ['api.shop.test', 'stuck', ['record-missing']],
    ]);
    expect(multi.names[2].diagnosis.verificationName).toBe('_dnsauth.api.shop.test');
    const email = json.find((c: { certificate: { id: string } }) => c.certificate.id === 'scs1000000000002');
    expect(email.notices).toEqual([expect.objectContaining({ code: 'certstatus_ccm_not_dns' })]);
    // The list was filtered by status and paged; details were fetched per pending certificate only.
    const list = fake.requests.find((r) => r.path === '/v3/scm/certificates');
    expect(list?.query).toEqual(expect.objectContaining({ status: 'CHECKING', limit: '50', offset: '0' }));
    expect(fake.requests.some((r) => r.path === `/v3/scm/certificates/${ISSUED.id}`)).toBe(false);
  });

  it('text: one block per certificate, one line per name with its diagnosis', async () => {
    fake = await startFakeCcm({ certificates: [MULTI] });
    const run = await runCli(['pending', ...dnsArgs()], env());
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('1 certificate waits on domain verification.');
    expect(run.stdout).toContain('scs1000000000001 shop-multi (3 names)');
    expect(run.stdout).toMatch(/ {2}shop\.test: DNS is right: /);
    expect(run.stdout).toMatch(/ {2}api\.shop\.test: stuck \[record-missing\]: /);
  });

  it('nothing pending: says so and exits 0', async () => {
    fake = await startFakeCcm({ certificates: [ISSUED] });
    const run = await runCli(['pending', ...dnsArgs()], env());
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('No certificate waits on domain verification.\n');
  });

  it('a failing service is one line and exit 4', async () => {
    fake = await startFakeCcm({ certificates: CERTIFICATES });
    fake.script({ status: 500 }, 2);
    const run = await runCli(['pending', ...dnsArgs()], env());
    expect(run.code).toBe(4);
    expect(run.stderr).toBe('certstatus: The certificate service failed (HTTP 500 FAKE.500); try again in a few minutes.\n');
    expect(run.stdout).toBe('');
  });

  it('without credentials: exit 2 and what to set', async () => {
    fake = await startFakeCcm();
    const run = await runCli(['pending'], {});
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK');
  });
});
