/**
 * The CA table (data/cas.yaml): which CAA issuer domains authorise the certificate's CA. By default the CAs
 * Huawei Cloud's certificate manager issues through; `--ca ID` picks another.
 */
import path from 'node:path';
import { memoByFile } from '../../core/file-memo';
import { CertstatusError, ErrorCode } from '../../core/errors';
import { compiledTable } from '../../core/compiled';
import type * as DataFile from './data-file';

export interface CaEntry {
  id: string;
  name: string;
  /** CAA issuer domain names, lower-case; the first is suggested when a record must be added. */
  identifiers: string[];
}

export interface CaCatalogue {
  /** The id used when no CA is named. */
  defaultId: string;
  cas: CaEntry[];
}

export function defaultCasFile(): string {
  return path.resolve(__dirname, '../../../data/cas.yaml');
}

const DOMAIN = '^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)+$';

const SCHEMA = {
  type: 'object',
  required: ['default', 'cas'],
  additionalProperties: false,
  properties: {
    default: { type: 'string', minLength: 1 },
    cas: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['id', 'name', 'identifiers'],
        additionalProperties: false,
        properties: {
          id: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]*$', description: 'a lower-case id of letters, digits and "-", like "digicert"' },
          name: { type: 'string', minLength: 1 },
          identifiers: {
            type: 'array',
            minItems: 1,
            items: { type: 'string', pattern: DOMAIN, description: 'a CAA issuer domain name like "digicert.com"' },
          },
        },
      },
    },
  },
};

interface CasFile {
  default: string;
  cas: CaEntry[];
}

/** The CA table in `file` (default: the shipped one), read again only when the file changes. */
export function loadCas(file: string = defaultCasFile()): CaCatalogue {
  return readCasCached(file);
}

const readCasCached = memoByFile(readCas);

/** The table compiled at build time when `file` is the shipped one unchanged, else parsed and validated now. */
function readCas(file: string): CaCatalogue {
  return compiledTable<CaCatalogue>('cas', file) ?? parseCas(file);
}

/** Exported for the build step (scripts/precompile.js), which compiles the shipped table. */
export function parseCas(file: string): CaCatalogue {
  // The YAML parser and ajv load only here: a check with the shipped table never needs them.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { loadDataFile } = require('./data-file') as typeof DataFile;
  const loaded = loadDataFile<CasFile>(file, SCHEMA, 'CA');
  const seen = new Map<string, number>();
  const cas = loaded.data.cas.map((entry, index) => {
    const earlier = seen.get(entry.id);
    if (earlier !== undefined) {
      throw loaded.problem(['cas', index, 'id'], `the id "${entry.id}" is used twice (first on line ${loaded.lineOf(['cas', earlier, 'id'])}); ids must be unique.`);
    }
    seen.set(entry.id, index);
    return { id: entry.id, name: entry.name, identifiers: entry.identifiers.map((identifier) => identifier.toLowerCase()) };
  });
  if (!seen.has(loaded.data.default)) {
    throw loaded.problem(['default'], `the default "${loaded.data.default}" is not the id of any CA below; use one of: ${cas.map((ca) => ca.id).join(', ')}.`);
  }
  return { defaultId: loaded.data.default, cas };
}

/**
 * The CA named by `caId` (its id, case-insensitive, or one of its issuer domains such as "digicert.com"),
 * or the default set when `caId` is empty. An unknown CA is a usage error listing the known ids.
 */
export function caIdentifiersFor(caId?: string, file?: string): CaEntry {
  const catalogue = loadCas(file);
  const wanted = (caId ?? '').trim().toLowerCase().replace(/\.$/, '');
  if (!wanted) return catalogue.cas.find((ca) => ca.id === catalogue.defaultId) as CaEntry;
  const byId = catalogue.cas.find((ca) => ca.id === wanted);
  if (byId) return byId;
  // An issuer domain picks the narrowest entry that has it: "digicert.com" means DigiCert, not the whole default set.
  const byIdentifier = catalogue.cas
    .filter((ca) => ca.identifiers.includes(wanted))
    .sort((a, b) => a.identifiers.length - b.identifiers.length)[0];
  if (byIdentifier) return byIdentifier;
  const known = catalogue.cas.map((ca) => ca.id).join(', ');
  throw new CertstatusError(ErrorCode.Usage, `Unknown CA "${caId}"; known: ${known}.`);
}
