/**
 * The DNS provider table (data/providers.yaml): who hosts a domain, told from its NS hostnames, and a few
 * nameservers of each provider that can be asked directly whether the user added the record there.
 */
import { isIP } from 'node:net';
import path from 'node:path';
import { memoByFile } from '../../core/file-memo';
import { compiledTable } from '../../core/compiled';
import type * as DataFile from './data-file';

export interface ProviderNameserver {
  name: string;
  /** Optional fixed IP, used by tests and closed networks instead of resolving `name`. */
  address?: string;
}

export interface DnsProvider {
  id: string;
  name: string;
  /** Hostname patterns of the provider's nameservers; `*` stands for any run of characters, dots included. */
  nsPatterns: string[];
  nameservers: ProviderNameserver[];
  /** Other names users type for it (`route53`, `aliyun`); matched like `id` by findProvider. */
  aliases?: string[];
}

export function defaultProvidersFile(): string {
  return path.resolve(__dirname, '../../../data/providers.yaml');
}

const HOSTNAME = '^[A-Za-z0-9_]([A-Za-z0-9_-]*[A-Za-z0-9_])?(\\.[A-Za-z0-9_]([A-Za-z0-9_-]*[A-Za-z0-9_])?)+\\.?$';

const SCHEMA = {
  type: 'object',
  required: ['providers'],
  additionalProperties: false,
  properties: {
    providers: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['id', 'name', 'nsPatterns'],
        additionalProperties: false,
        properties: {
          id: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]*$', description: 'a lower-case id of letters, digits and "-", like "huawei-cloud"' },
          name: { type: 'string', minLength: 1 },
          aliases: { type: 'array', items: { type: 'string', minLength: 1 } },
          nsPatterns: {
            type: 'array',
            minItems: 1,
            items: {
              type: 'string',
              pattern: '^[A-Za-z0-9_*-]+(\\.[A-Za-z0-9_*-]+)+\\.?$',
              description: 'a nameserver hostname pattern of letters, digits, "-", dots and "*", like "*.ns.cloudflare.com"',
            },
          },
          nameservers: {
            type: 'array',
            items: {
              type: 'object',
              required: ['name'],
              additionalProperties: false,
              properties: {
                name: { type: 'string', pattern: HOSTNAME, description: 'a hostname like "ns1.example.com"' },
                address: { type: 'string', minLength: 1 },
              },
            },
          },
        },
      },
    },
  },
};

interface ProvidersFile {
  providers: Array<Omit<DnsProvider, 'nameservers'> & { nameservers?: ProviderNameserver[] }>;
}

/** Reads and checks a provider table; any problem is a Config error naming the file, the line and the fix. */
/** The provider table in `file` (default: the shipped one), read again only when the file changes. */
export function loadProviders(file: string = defaultProvidersFile()): DnsProvider[] {
  return readProvidersCached(file);
}

const readProvidersCached = memoByFile(readProviders);

/** The table compiled at build time when `file` is the shipped one unchanged, else parsed and validated now. */
function readProviders(file: string): DnsProvider[] {
  return compiledTable<DnsProvider[]>('providers', file) ?? parseProviders(file);
}

/** Exported for the build step (scripts/precompile.js), which compiles the shipped table. */
export function parseProviders(file: string): DnsProvider[] {
  // The YAML parser and ajv load only here: a check with the shipped table never needs them.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { loadDataFile } = require('./data-file') as typeof DataFile;
  const loaded = loadDataFile<ProvidersFile>(file, SCHEMA, 'DNS provider');
  const seen = new Map<string, number>();
  return loaded.data.providers.map((entry, index) => {
    const earlier = seen.get(entry.id);
    if (earlier !== undefined) {
      throw loaded.problem(['providers', index, 'id'], `the id "${entry.id}" is used twice (first on line ${loaded.lineOf(['providers', earlier, 'id'])}); ids must be unique.`);
    }
    seen.set(entry.id, index);
    entry.nsPatterns.forEach((pattern, patternIndex) => {
      // A pattern of only wildcards would claim every domain in the world for this provider.
      if (!/[a-z0-9]/i.test(pattern.replace(/\*[^.]*/g, '').replace(/\.[^.]*$/, ''))) {
        throw loaded.problem(['providers', index, 'nsPatterns', patternIndex], `the pattern "${pattern}" is too broad; keep the provider's own domain in it, like "*.ns.cloudflare.com".`);
      }
    });
    const nameservers = entry.nameservers ?? [];
    nameservers.forEach((server, serverIndex) => {
      if (server.address !== undefined && !isIP(server.address)) {
        throw loaded.problem(['providers', index, 'nameservers', serverIndex, 'address'], `"${server.address}" is not an IPv4 or IPv6 address; fix it or remove "address".`);
      }
    });
    return {
      id: entry.id,
      name: entry.name,
      nsPatterns: entry.nsPatterns.map(normaliseHost),
      nameservers: nameservers.map((server) => ({ ...server, name: normaliseHost(server.name) })),
      ...(entry.aliases ? { aliases: entry.aliases } : {}),
    };
  });
}

function normaliseHost(name: string): string {
  return name.trim().toLowerCase().replace(/\.+$/, '');
}

/**
 * `*` matches any run of one or more characters, dots included ("ns-*.awsdns-*.com" matches
 * "ns-1.awsdns-01.com"); everything else matches literally. Case and a trailing dot are ignored.
 */
export function matchesPattern(nsName: string, pattern: string): boolean {
  const literal = normaliseHost(pattern)
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${literal.join('.+')}$`).test(normaliseHost(nsName));
}

function providerClaims(provider: DnsProvider, nsName: string): boolean {
  const name = normaliseHost(nsName);
  return (
    provider.nsPatterns.some((pattern) => matchesPattern(name, pattern)) ||
    provider.nameservers.some((server) => normaliseHost(server.name) === name)
  );
}

/** The provider most of the NS names belong to (the first in file order on a tie), or undefined if none. */
export function identifyProvider(nsNames: string[], providers: DnsProvider[]): DnsProvider | undefined {
  let best: DnsProvider | undefined;
  let bestCount = 0;
  for (const provider of providers) {
    const count = nsNames.filter((name) => providerClaims(provider, name)).length;
    if (count > bestCount) {
      best = provider;
      bestCount = count;
    }
  }
  return best;
}

/** The NS names grouped by the provider that claims each, in first-seen order (no provider: not in the table). */
export function providersOf(nsNames: string[], providers: DnsProvider[]): { provider?: DnsProvider; names: string[] }[] {
  const groups = new Map<string, { provider?: DnsProvider; names: string[] }>();
  for (const name of nsNames) {
    const provider = providers.find((p) => providerClaims(p, name));
    const key = provider?.id ?? '';
    const group = groups.get(key) ?? { provider, names: [] };
    group.names.push(name);
    groups.set(key, group);
  }
  return [...groups.values()];
}

/** Letters and digits only, lower-case: "AWS Route 53", "aws-route53" and "awsroute53" compare equal. */
function squash(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/**
 * A provider by id, name or alias (case, spaces and punctuation ignored), or else by a prefix that only one
 * provider has. Undefined when nothing matches or a prefix is ambiguous.
 */
export function findProvider(idOrName: string, providers: DnsProvider[]): DnsProvider | undefined {
  const wanted = squash(idOrName);
  if (!wanted) return undefined;
  const keys = (provider: DnsProvider) => [provider.id, provider.name, ...(provider.aliases ?? [])].map(squash);
  const exact = providers.find((provider) => keys(provider).includes(wanted));
  if (exact) return exact;
  const byPrefix = providers.filter((provider) => keys(provider).some((key) => key.startsWith(wanted)));
  return byPrefix.length === 1 ? byPrefix[0] : undefined;
}
