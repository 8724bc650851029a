import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CertstatusError, ErrorCode } from '../../../src/core/errors';
import {
  defaultProvidersFile,
  findProvider,
  identifyProvider,
  loadProviders,
  matchesPattern,
  type DnsProvider,
} from '../../../src/dns/analysis/providers';

describe('matchesPattern', () => {
  it.each([
    ['anna.ns.cloudflare.com', '*.ns.cloudflare.com', true],
    ['ANNA.NS.CLOUDFLARE.COM.', '*.ns.cloudflare.com', true],
    ['anna.ns.cloudflare.com', '*.NS.Cloudflare.com.', true],
    // '*' spans dots.
    ['a.b.ns.cloudflare.com', '*.ns.cloudflare.com', true],
    // '*' needs at least one character.
    ['ns.cloudflare.com', '*.ns.cloudflare.com', false],
    ['.ns.cloudflare.com', '*.ns.cloudflare.com', false],
    ['anna.ns.cloudflare.com.evil.example', '*.ns.cloudflare.com', false],
    ['ns-1234.awsdns-12.com', 'ns-*.awsdns-*.com', true],
    ['ns-1234.awsdns-12.co.uk', 'ns-*.awsdns-*.co.uk', true],
    ['ns-1234.awsdns-12.co.uk', 'ns-*.awsdns-*.com', false],
    ['ns01.domaincontrol.com', 'ns*.domaincontrol.com', true],
    ['pdns01.domaincontrol.com', 'ns*.domaincontrol.com', false],
    // Dots in the pattern are literal, not "any character".
    ['ns1xhuaweicloud-dns.com', 'ns1.huaweicloud-dns.com', false],
    ['ns1.huaweicloud-dns.com', 'ns1.huaweicloud-dns.com', true],
    ['ns1-01.azure-dns.com', 'ns*-*.azure-dns.com', true],
  ])('%s vs %s -> %s', (name, pattern, expected) => {
    expect(matchesPattern(name, pattern)).toBe(expected);
  });
});

describe('the shipped provider table', () => {
  const providers = loadProviders();

  it('is found next to the code and names the providers the FAQ users meet', () => {
    expect(defaultProvidersFile()).toBe(path.resolve(__dirname, '../../../data/providers.yaml'));
    const ids = providers.map((provider) => provider.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expect.arrayContaining(['huawei-cloud', 'cloudflare', 'aws-route53', 'alibaba-cloud', 'dnspod', 'godaddy', 'azure', 'google-cloud', 'namecheap']));
    expect(providers.length).toBeGreaterThanOrEqual(15);
  });

  it('claims each listed nameserver for its own provider and for no other', () => {
    for (const provider of providers) {
      for (const server of provider.nameservers) {
        expect({ server: server.name, owner: identifyProvider([server.name], providers)?.id }).toEqual({ server: server.name, owner: provider.id });
        const claimedByOthers = providers.filter((other) => other !== provider && other.nsPatterns.some((pattern) => matchesPattern(server.name, pattern)));
        expect(claimedByOthers.map((other) => other.id)).toEqual([]);
      }
    }
  });

  it.each([
    [['ns1.huaweicloud-dns.com', 'ns1.huaweicloud-dns.cn'], 'huawei-cloud'],
    [['ns1.huaweicloud-dns.net.', 'ns1.huaweicloud-dns.org.'], 'huawei-cloud'],
    [['Kate.NS.Cloudflare.com', 'rob.ns.cloudflare.com'], 'cloudflare'],
    [['ns-1471.awsdns-55.org', 'ns-1973.awsdns-54.co.uk', 'ns-337.awsdns-42.com', 'ns-924.awsdns-51.net'], 'aws-route53'],
    [['dns9.hichina.com', 'dns10.hichina.com'], 'alibaba-cloud'],
    [['ns3.alidns.com', 'ns4.alidns.com'], 'alibaba-cloud'],
    [['f1g1ns1.dnspod.net', 'f1g1ns2.dnspod.net'], 'dnspod'],
    [['ns3.dnsv5.com', 'ns4.dnsv5.com'], 'dnspod'],
    [['ns45.domaincontrol.com', 'ns46.domaincontrol.com'], 'godaddy'],
    [['ns1-05.azure-dns.com', 'ns2-05.azure-dns.net', 'ns3-05.azure-dns.org', 'ns4-05.azure-dns.info'], 'azure'],
    [['ns-cloud-c1.googledomains.com', 'ns-cloud-c2.googledomains.com'], 'google-cloud'],
    [['dns1.registrar-servers.com', 'dns2.registrar-servers.com'], 'namecheap'],
    [['ns-110-a.gandi.net', 'ns-239-b.gandi.net'], 'gandi'],
    [['dns200.anycast.me', 'ns200.anycast.me'], 'ovh'],
    [['ns1.digitalocean.com'], 'digitalocean'],
    [['hydrogen.ns.hetzner.com', 'helium.ns.hetzner.de'], 'hetzner'],
    [['ns1.first-ns.de', 'robotns2.second-ns.de'], 'hetzner'],
    [['dns1.p05.nsone.net', 'dns2.p05.nsone.net'], 'ns1'],
    [['a1-64.akam.net', 'a22-65.akam.net'], 'akamai'],
    [['ns1.vercel-dns.com'], 'vercel'],
    [['maceio.ns.porkbun.com'], 'porkbun'],
    [['ns1dkl.name.com'], 'namecom'],
    // Mixed delegation: the provider with most names wins.
    [['ns1.huaweicloud-dns.com', 'ns1.huaweicloud-dns.cn', 'anna.ns.cloudflare.com'], 'huawei-cloud'],
    [['ns1.huaweicloud-dns.com', 'anna.ns.cloudflare.com', 'bob.ns.cloudflare.com'], 'cloudflare'],
    // Names that belong to no known provider count for nothing.
    [['ns1.example.net', 'ns2.example.net', 'anna.ns.cloudflare.com'], 'cloudflare'],
  ])('%j is hosted by %s', (names, id) => {
    expect(identifyProvider(names, providers)?.id).toBe(id);
  });

  it('names no provider for unknown or no nameservers', () => {
    expect(identifyProvider(['ns1.example.net', 'ns2.example.net'], providers)).toBeUndefined();
    expect(identifyProvider([], providers)).toBeUndefined();
  });

  it.each([
    ['huawei-cloud', 'huawei-cloud'],
    ['Huawei Cloud DNS', 'huawei-cloud'],
    ['huawei', 'huawei-cloud'],
    ['HUAWEICLOUD', 'huawei-cloud'],
    ['route53', 'aws-route53'],
    ['Route 53', 'aws-route53'],
    ['AWS Route 53', 'aws-route53'],
    ['aliyun', 'alibaba-cloud'],
    ['tencent', 'dnspod'],
    ['cloud', undefined],
    ['cloudf', 'cloudflare'],
    ['godad', 'godaddy'],
    ['netlify', 'ns1'],
    ['name.com', 'namecom'],
    // A prefix more than one provider has is ambiguous.
    ['a', undefined],
    ['', undefined],
    ['  ', undefined],
    ['no-such-provider', undefined],
  ])('findProvider(%j) -> %s', (query, id) => {
    expect(findProvider(query, providers)?.id).toBe(id);
  });
});

describe('identifyProvider ties', () => {
  it('prefers the first provider in file order on a tie', () => {
    const providers: DnsProvider[] = [
      { id: 'first', name: 'First', nsPatterns: ['*.one.example'], nameservers: [] },
      { id: 'second', name: 'Second', nsPatterns: ['*.two.example'], nameservers: [{ name: 'ns.exact.example' }] },
    ];
    expect(identifyProvider(['a.two.example', 'a.one.example'], providers)?.id).toBe('first');
    // A listed nameserver counts even when no pattern covers it.
    expect(identifyProvider(['NS.Exact.Example.'], providers)?.id).toBe('second');
  });
});

describe('loadProviders with a bad file', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'certstatus-providers-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function write(name: string, text: string): string {
    const file = path.join(dir, name);
    writeFileSync(file, text);
    return file;
  }

  function errorOf(file: string): CertstatusError {
    try {
      loadProviders(file);
    } catch (error) {
      return error as CertstatusError;
    }
    throw new Error('expected loadProviders to throw');
  }

  const good = (extra = '') => `providers:
  - id: one
    name: One
    nsPatterns:
      - "*.ns.one.example"
    nameservers:
      - name: a.ns.one.example
        address: 127.0.0.10
${extra}`;

  it('loads a good file, normalising names and keeping fixed addresses', () => {
    const file = write('good.yaml', good(`  - id: two
    name: Two
    nsPatterns: [NS*.Two.Example.]
`));
    expect(loadProviders(file)).toEqual([
      { id: 'one', name: 'One', nsPatterns: ['*.ns.one.example'], nameservers: [{ name: 'a.ns.one.example', address: '127.0.0.10' }] },
      { id: 'two', name: 'Two', nsPatterns: ['ns*.two.example'], nameservers: [] },
    ]);
  });

  it.each([
    ['a YAML syntax error', 'providers:\n  - id: one\n    name: [unclosed\n', 3, 'this is not valid YAML'],
    ['a missing field', good('  - id: two\n    name: Two\n'), 9, 'providers[2] is missing "nsPatterns"; add it.'],
    ['a misspelt field', good('  - id: two\n    name: Two\n    nsPattern: ["*.two.example"]\n'), 11, 'unknown field "nsPattern" in providers[2]; did you mean "nsPatterns"? (and 1 more problem)'],
    ['an unknown field', good('  - id: two\n    name: Two\n    nsPatterns: ["*.two.example"]\n    owner: me\n'), 12, 'unknown field "owner" in providers[2]; allowed: id, name, aliases, nsPatterns, nameservers.'],
    ['a tab as indentation', 'providers:\n\t- id: one\n', 2, 'this is not valid YAML (Tabs are not allowed as indentation'],
    ['a line indented too little', 'providers:\n  - id: one\n   name: x\n', 3, 'this is not valid YAML'],
    ['a bad id', good('  - id: Two Cloud\n    name: Two\n    nsPatterns: ["*.two.example"]\n'), 9, 'providers[2].id "Two Cloud" is not a lower-case id of letters, digits and "-", like "huawei-cloud".'],
    ['a bad pattern', good('  - id: two\n    name: Two\n    nsPatterns:\n      - "*.two.example"\n      - "ns?.two.example"\n'), 13, 'providers[2].nsPatterns[2] "ns?.two.example" is not a nameserver hostname pattern'],
    ['patterns given as one string', good('  - id: two\n    name: Two\n    nsPatterns: "*.two.example"\n'), 11, 'providers[2].nsPatterns must be a list.'],
    ['an empty pattern list', good('  - id: two\n    name: Two\n    nsPatterns: []\n'), 11, 'providers[2].nsPatterns needs at least 1 entry.'],
    ['a pattern that matches everything', good('  - id: two\n    name: Two\n    nsPatterns: ["*.com"]\n'), 11, 'the pattern "*.com" is too broad'],
    ['a bad address', good('  - id: two\n    name: Two\n    nsPatterns: ["*.two.example"]\n    nameservers:\n      - name: ns.two.example\n        address: 127.0.0.300\n'), 14, '"127.0.0.300" is not an IPv4 or IPv6 address; fix it or remove "address".'],
    ['a duplicate id', good('  - id: one\n    name: One again\n    nsPatterns: ["*.two.example"]\n'), 9, 'the id "one" is used twice (first on line 2); ids must be unique.'],
    ['a misspelt top-level key', 'provider:\n  - id: one\n', 1, 'unknown field "provider" in the file; did you mean "providers"?'],
    ['no providers key', '{}\n', 1, 'the file is missing "providers"; add it.'],
    ['a list instead of a map', '- id: one\n', 1, 'the file must be a map of fields.'],
    ['an empty file', '# nothing here\n', 1, 'the file is empty'],
  ])('%s: names the line and the fix', (_label, text, line, message) => {
    const file = write(`bad-${line}-${Math.random().toString(36).slice(2)}.yaml`, text);
    const error = errorOf(file);
    expect(error).toBeInstanceOf(CertstatusError);
    expect(error.code).toBe(ErrorCode.Config);
    expect(error.message.slice(0, file.length + String(line).length + 3)).toBe(`${file}:${line}: `);
    expect(error.message).toContain(message);
    expect(error.message).not.toContain('\n');
  });

  it('counts further problems in the message and lists them in details', () => {
    const file = write('many.yaml', 'providers:\n  - id: one\n  - name: Two\n');
    const error = errorOf(file);
    expect(error.message).toMatch(/^.*many\.yaml:2: providers\[1\] is missing "name"; add it\. \(and 3 more problems\)$/);
    expect(error.details).toHaveLength(4);
  });

  it('says when the file is missing or a directory', () => {
    const missing = path.join(dir, 'nope.yaml');
    expect(errorOf(missing).message).toBe(`${missing}: no such file; give the path of a DNS provider YAML file.`);
    expect(errorOf(dir).message).toBe(`${dir}: it is a directory, not a file; give the path of a DNS provider YAML file.`);
    expect(errorOf(dir).code).toBe(ErrorCode.Config);
  });
});
