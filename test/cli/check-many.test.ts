/**
 * `certstatus check NAME...` and names on stdin: one section per name and a summary, a JSON array in the
 * order given, the worst exit status; input as pasted; the card worded for the command line.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCli } from '../support/dns-world/cli-io';
import { ALPHA1, BETA, EXPECTED, OLD, standardWorld, txt, zone } from '../support/dns-world/standard';
import { startWorld, type RunningWorld } from '../support/dns-world/world';

describe('certstatus check with several names', () => {
  let world: RunningWorld;
  let providersFile: string;
  beforeAll(async () => {
    world = await startWorld(
      standardWorld({
        zones: [zone('shop.test', [txt('_dnsauth.shop.test', EXPECTED), txt('_dnsauth.www.shop.test', EXPECTED)]), zone('old.test', [txt('_dnsauth.old.test', OLD)])],
      }),
    );
    providersFile = path.join(mkdtempSync(path.join(tmpdir(), 'certstatus-many-')), 'providers.yaml');
    writeFileSync(
      providersFile,
      `providers:\n  - id: alpha\n    name: Alpha DNS\n    nsPatterns: ["*.alpha-dns.test"]\n    nameservers: [{ name: ns1.alpha-dns.test, address: "${ALPHA1}" }]\n  - id: beta\n    name: Beta Cloud DNS\n    nsPatterns: ["*.beta-dns.test"]\n    nameservers: [{ name: ns1.beta-dns.test, address: "${BETA}" }]\n`,
    );
  });
  afterAll(() => world.stop());
  const args = () => ['--resolver', `127.0.0.53:${world.resolverPort}`, '--auth-port', String(world.authPort), '--providers', providersFile, '--timeout', '3000'];

  it('prints a JSON array in the order given, each with its exit status; the command exits with the worst', async () => {
    const run = await runCli(['check', 'www.shop.test', 'old.test', 'shop.test', '--expect', EXPECTED, '--json', ...args()]);
    expect(run.code).toBe(1);
    const json = JSON.parse(run.stdout);
    expect(json.map((d: { domain: string }) => d.domain)).toEqual(['www.shop.test', 'old.test', 'shop.test']);
    expect(json.map((d: { causes: string[] }) => d.causes[0])).toEqual(['ca-review-pending', 'old-record-not-deleted', 'ca-review-pending']);
    expect(json.map((d: { exit: number }) => d.exit)).toEqual([0, 1, 0]);
  });

  it('one name with --json is still one object', async () => {
    const run = await runCli(['check', 'shop.test', '--expect', EXPECTED, '--json', ...args()]);
    expect(Array.isArray(JSON.parse(run.stdout))).toBe(false);
    expect(JSON.parse(run.stdout).exit).toBe(0);
  });

  it('prints one section per name and a one-line summary', async () => {
    const run = await runCli(['check', 'shop.test', 'old.test', '--expect', EXPECTED, ...args()]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('shop.test (_dnsauth.shop.test): DNS is right');
    expect(run.stdout).toContain('old.test (_dnsauth.old.test): Cause found');
    expect(run.stdout.trimEnd().split('\n').pop()).toBe('2 names: shop.test DNS is right; old.test old-record-not-deleted. Exit 1.');
  });

  it('reads names from stdin with "-", one per line, skipping blanks and comments', async () => {
    const run = await runCli(['check', '-', '--expect', EXPECTED, '--json', ...args()], {}, '# the certificate\nshop.test\n\n  www.shop.test  \r\n');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).map((d: { domain: string }) => d.domain)).toEqual(['shop.test', 'www.shop.test']);
  });

  it('reads piped names without any argument', async () => {
    const run = await runCli(['check', '--expect', EXPECTED, '--json', ...args()], {}, 'shop.test\nwww.shop.test\n');
    expect(JSON.parse(run.stdout)).toHaveLength(2);
  });

  it('exits 3 when a name could not be checked, saying so on stderr, worse than a cause', async () => {
    const run = await runCli(['check', 'old.test', 'shop.nowhere', '--expect', EXPECTED, ...args()]);
    expect(run.code).toBe(3);
    expect(run.stdout).toContain('shop.nowhere (_dnsauth.shop.nowhere): could not be checked [could-not-check]');
    expect(run.stderr).toMatch(/^certstatus: could not check shop\.nowhere: /m);
  });

  it('with --json, the could-not-check line on stderr is JSON', async () => {
    const run = await runCli(['check', 'shop.nowhere', '--json', ...args()]);
    expect(run.code).toBe(3);
    expect(JSON.parse(run.stderr.trim())).toEqual({ error: { code: 'could-not-check', domain: 'shop.nowhere', message: expect.any(String), exit: 3 } });
    expect(JSON.parse(run.stdout).exit).toBe(3);
  });

  it('accepts the record name, host:port and a value pasted with quotes and invisible characters', async () => {
    const run = await runCli(['check', '_dnsauth.shop.test', 'shop.test:443', '--expect', `\u200b\u201c${EXPECTED}\u201d\u00a0`, '--json', ...args()]);
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout);
    expect(json.map((d: { verificationName: string }) => d.verificationName)).toEqual(['_dnsauth.shop.test', '_dnsauth.shop.test']);
    expect(run.stderr).toContain("_dnsauth.shop.test is the verification record's name; checked the domain it is for, shop.test.");
  });

  it('warns before checking a name that mixes scripts', async () => {
    const run = await runCli(['check', 'sh\u043ep.test', ...args()]);
    expect(run.stderr.split('\n')[0]).toMatch(/^certstatus: warning: .*mixes Latin and Cyrillic/);
  });

  it.each([
    [['co.uk'], /co\.uk is a public suffix/],
    [['localhost'], /two labels/],
    [['_acme.shop.test'], /underscore/],
    [['shop.test', '10.0.0.1'], /IP address/],
    [['shop.test', '--expect', ''], /--expect is empty/],
    [['shop.test', '--expect', '""'], /--expect is empty/],
    [['shop.test', '--expect', 'x'.repeat(300)], /at most 255/],
  ])('refuses %j with exit 2 and one line, checking nothing', async (extra, message) => {
    world.log.length = 0;
    const run = await runCli(['check', ...(extra as string[]), ...args()]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stdout).toBe('');
    expect(world.log).toEqual([]);
  });

  it('speaks of the command line, not the chat, in the cause card', async () => {
    const run = await runCli(['check', 'old.test', '--expect', EXPECTED, ...args()]);
    expect(run.stdout).not.toMatch(/type recheck|ask for a human below/i);
  });
});
