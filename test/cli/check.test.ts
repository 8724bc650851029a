/** `certstatus check` end to end against the test DNS world: output, JSON shape and exit statuses. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCli } from '../support/dns-world/cli-io';
import { BETA, ALPHA1, EXPECTED, OLD, standardWorld, txt, zone } from '../support/dns-world/standard';
import { startWorld, type RunningWorld } from '../support/dns-world/world';

describe('certstatus check', () => {
  let world: RunningWorld;
  let providersFile: string;
  beforeAll(async () => {
    world = await startWorld(
      standardWorld({
        zones: [zone('shop.test', [txt('_dnsauth.shop.test', EXPECTED)]), zone('old.test', [txt('_dnsauth.old.test', OLD), txt('_dnsauth.old.test', EXPECTED)])],
      }),
    );
    const dir = mkdtempSync(path.join(tmpdir(), 'certstatus-check-'));
    providersFile = path.join(dir, 'providers.yaml');
    writeFileSync(
      providersFile,
      [
        'providers:',
        '  - id: alpha',
        '    name: Alpha DNS',
        '    nsPatterns: ["*.alpha-dns.test"]',
        `    nameservers: [{ name: ns1.alpha-dns.test, address: "${ALPHA1}" }]`,
        '  - id: beta',
        '    name: Beta Cloud DNS',
        '    nsPatterns: ["*.beta-dns.test"]',
        `    nameservers: [{ name: ns1.beta-dns.test, address: "${BETA}" }]`,
        '',
      ].join('\n'),
    );
  });
  afterAll(() => world.stop());

  const worldArgs = () => ['--resolver', `127.0.0.53:${world.resolverPort}`, '--auth-port', String(world.authPort), '--providers', providersFile, '--timeout', '3000'];

  it('exits 0 and prints one JSON object when DNS is right', async () => {
    const run = await runCli(['check', 'https://Shop.Test/', '--expect', EXPECTED, '--json', ...worldArgs()]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout);
    expect(json).toEqual(
      expect.objectContaining({
        domain: 'shop.test',
        verificationName: '_dnsauth.shop.test',
        causes: ['ca-review-pending'],
        provider: { id: 'alpha', name: 'Alpha DNS', nameservers: ['ns1.alpha-dns.test', 'ns2.alpha-dns.test'] },
        durationMs: expect.any(Number),
      }),
    );
    expect(json.findings[0]).toEqual(expect.objectContaining({ id: 'dns-is-right', cause: 'ca-review-pending', severity: 'info', message: expect.any(String), evidence: expect.any(Array) }));
  });

  it('accepts --ipv6 in any case', async () => {
    const run = await runCli(['check', 'shop.test', '--expect', EXPECTED, '--ipv6', 'Off', ...worldArgs()]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });

  it('exits 1 and prints the cause, its procedure from the flow, and the evidence', async () => {
    const run = await runCli(['check', 'old.test', '--expect', EXPECTED, ...worldArgs()]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('[old-record-not-deleted]');
    // The procedure comes from the shipped flow: numbered steps.
    expect(run.stdout).toMatch(/\n {2}1\. /);
    expect(run.stdout).toContain('Evidence:');
    // Identical answers of both nameservers on one line.
    expect(run.stdout).toContain(`ns1.alpha-dns.test (127.0.0.3), ns2.alpha-dns.test (127.0.0.4) answered TXT "${OLD}" (TTL 300 s)`);
  });

  it('--json keeps every server\'s own evidence line and carries the procedure steps', async () => {
    const run = await runCli(['check', 'old.test', '--expect', EXPECTED, '--json', ...worldArgs()]);
    const json = JSON.parse(run.stdout);
    const old = json.findings.find((f: { cause: string }) => f.cause === 'old-record-not-deleted');
    expect(old.evidence.map((e: { text: string }) => e.text)).toEqual(expect.arrayContaining([`ns1.alpha-dns.test (127.0.0.3) answered TXT "${OLD}" (TTL 300 s)`, `ns2.alpha-dns.test (127.0.0.4) answered TXT "${OLD}" (TTL 300 s)`]));
    expect(json.procedure[0]).toEqual(expect.objectContaining({ cause: 'old-record-not-deleted', title: expect.any(String), steps: expect.arrayContaining([expect.stringContaining('dig TXT _dnsauth.old.test')]) }));
  });

  it('accepts an IPv6 resolver in brackets (nothing listens there: could not check, exit 3)', async () => {
    const run = await runCli(['check', 'shop.test', '--resolver', '[::1]:9', '--timeout', '600', '--json', '--auth-port', String(world.authPort), '--providers', providersFile]);
    expect(run.code).toBe(3);
    expect(JSON.parse(run.stdout).causes).toEqual(['could-not-check']);
  });

  it('says the check could not run, not that the domain is broken, when no resolver answers', async () => {
    const run = await runCli(['check', 'shop.test', '--resolver', '127.0.0.1:9', '--timeout', '600', '--auth-port', String(world.authPort), '--providers', providersFile]);
    expect(run.code).toBe(3);
    expect(run.stdout).toContain('shop.test (_dnsauth.shop.test): could not be checked');
    expect(run.stdout).toContain('--resolver IP[:PORT]');
    // No procedure for a domain problem: nothing is known about the domain.
    expect(run.stdout).not.toContain('[dns-unreachable]');
  });

  it.each([
    [['check', '192.0.2.1'], /is an IP address/],
    [['check', ''], /Give a domain name/],
    [['check', `${'a'.repeat(64)}.test`], /limit is 63/],
    [['check', 'shop.test', '--resolver', 'resolver.example'], /--resolver "resolver.example" is not an IP address/],
    [['check', 'shop.test', '--resolver', '127.0.0.1:99999'], /port must be a number/],
    [['check', 'shop.test', '--timeout', 'soon'], /--timeout "soon"/],
    [['check', 'shop.test', '--bogus'], /unknown option '--bogus'/],
    [['check', 'shop.test', '--ipv6', 'maybe'], /--ipv6 "maybe": give auto \(default\), on or off/],
    [['check'], /missing required argument 'domain'/],
  ])('exits 2 with a one-line error for %j', async (args, message) => {
    const run = await runCli(args as string[]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.stdout).toBe('');
  });

  it.each([
    [['--platform', 'nosuchdns'], /Unknown DNS platform "nosuchdns"/],
    [['--ca', 'nosuchca'], /Unknown CA "nosuchca"/],
  ])('exits 2 for %j', async (extra, message) => {
    const run = await runCli(['check', 'shop.test', ...worldArgs(), ...(extra as string[])]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
  });
});
