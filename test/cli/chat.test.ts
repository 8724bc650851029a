/** `certstatus chat` end to end through the CLI entry, on the shipped flows, with piped input (DNS on loopback only). */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { chatCommand } from '../../src/cli/commands/chat';
import { main, type CliIo } from '../../src/cli/main';
import { ALPHA1, EXPECTED, standardWorld, txt, zone } from '../support/dns-world/standard';
import { startWorld, type RunningWorld } from '../support/dns-world/world';

function io(stdinText: string) {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c: Buffer) => (out += c.toString()));
  stderr.on('data', (c: Buffer) => (err += c.toString()));
  stdin.end(stdinText);
  const cli: CliIo = { stdin, stdout, stderr, env: {} };
  return { cli, out: () => out, err: () => err };
}

describe('certstatus chat', () => {
  describe('with live DNS checks against the test DNS world on loopback', () => {
    let world: RunningWorld;
    let providersFile: string;
    beforeAll(async () => {
      world = await startWorld(standardWorld({ zones: [zone('shop.test', [txt('_dnsauth.shop.test', EXPECTED)]), zone('bare.test')] }));
      // The shipped provider table names real nameservers, which the check would probe: tests use loopback ones.
      providersFile = path.join(mkdtempSync(path.join(tmpdir(), 'certstatus-chat-')), 'providers.yaml');
      writeFileSync(
        providersFile,
        ['providers:', '  - id: alpha', '    name: Alpha DNS', '    nsPatterns: ["*.alpha-dns.test"]', `    nameservers: [{ name: ns1.alpha-dns.test, address: "${ALPHA1}" }]`, ''].join('\n'),
      );
    });
    afterAll(() => world.stop());
    const worldArgs = () => [
      '--resolver', `127.0.0.53:${world.resolverPort}`, '--auth-port', String(world.authPort), '--providers', providersFile, '--timeout', '3000',
    ];

    test('a right record ends at the CA review, with what DNS answered as evidence', async () => {
      const run = io(`shop.test\nyes\n${EXPECTED}\n`);
      expect(await main(['node', 'certstatus', 'chat', ...worldArgs()], run.cli)).toBe(0);
      expect(run.err()).toBe('');
      expect(run.out()).toContain('== The CA is still reviewing (this takes 2 to 3 working days) ==');
      expect(run.out()).toContain("What I found:\n  - DNS is right: _dnsauth.shop.test is served");
      // The same answer from every server is one line; a source the evidence text already names is not repeated.
      expect(run.out()).toMatch(/\n {2}- ns1\.alpha-dns\.test \(127\.0\.0\.3\), ns2\.alpha-dns\.test \(127\.0\.0\.4\), resolver 127\.0\.0\.53:\d+ answered TXT "20261125093000k7q2m9x4w8p3" \(TTL 300 s\)\n/);
    });

    test('a missing record asks step 2, and the answers lead to the cause', async () => {
      const run = io('yes\nskip\nno\n');
      expect(await main(['node', 'certstatus', 'chat', '--domain', 'bare.test', ...worldArgs()], run.cli)).toBe(0);
      expect(run.out()).toContain('DNS has no verification record at _dnsauth.bare.test.');
      expect(run.out()).toContain('== The domain name verification has not been completed ==');
    });
  });

  test('bad DNS flags are usage errors', async () => {
    const run = io('');
    expect(await main(['node', 'certstatus', 'chat', '--timeout', 'soon'], run.cli)).toBe(2);
    expect(run.err()).toBe('certstatus: --timeout "soon" must be a whole number from 100 to 120000.\n');
    const bad = io('');
    expect(await main(['node', 'certstatus', 'chat', '--resolver', 'dns.google'], bad.cli)).toBe(2);
    expect(bad.err()).toMatch(/^certstatus: --resolver "dns.google" is not an IP address/);
  });

  test('--domain skips the domain question; an injected runner answers the check', async () => {
    const run = io('y\nskip\n');
    await chatCommand({ domain: 'WWW.Example.com' }, run.cli, async (_check, params) => ({ outcome: 'ttl-not-elapsed', summary: `TTL of ${params.domain} is 3600 s` }));
    expect(run.out()).not.toContain('Which domain');
    expect(run.out()).toContain('== The configuration has not taken effect yet (TTL) ==');
    expect(run.out()).toContain('  - TTL of www.example.com is 3600 s');
  });

  test('a bad --domain is a one-line usage error with exit status 2', async () => {
    const run = io('');
    expect(await main(['node', 'certstatus', 'chat', '--domain', '10.1.2.3'], run.cli)).toBe(2);
    expect(run.err()).toBe('certstatus: "10.1.2.3" is not a domain name: it is an IP address; give the domain the certificate is for.\n');
  });

  test('an unknown --flow names the flows available', async () => {
    const run = io('');
    expect(await main(['node', 'certstatus', 'chat', '--flow', 'nope'], run.cli)).toBe(2);
    expect(run.err()).toMatch(/^certstatus: no flow with id "nope" \(available: .*pending-domain-verification/);
  });
});
