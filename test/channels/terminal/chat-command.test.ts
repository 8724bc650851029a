/** `certstatus chat` end to end through the CLI entry, on the shipped flows, with piped input. */
import { PassThrough } from 'node:stream';
import { chatCommand } from '../../../src/cli/commands/chat';
import { main, type CliIo } from '../../../src/cli/main';

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
  test('without a DNS runner the check reports it is unavailable and the flow asks by hand', async () => {
    const run = io('example.com\nyes\nskip\nno\n');
    expect(await main(['node', 'certstatus', 'chat'], run.cli)).toBe(0);
    expect(run.out()).toContain('The check could not run: DNS checks are not available yet');
    expect(run.out()).toContain('== The domain name verification has not been completed ==');
    expect(run.err()).toBe('');
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
