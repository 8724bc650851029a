/**
 * Data tables and flow texts compiled to JSON at build time (`npm run build` runs scripts/precompile.js,
 * which writes dist/compiled/), so a short-lived command such as `certstatus check` reads a JSON file
 * instead of loading the YAML parser and ajv and validating at run time. Each compiled table names the
 * files it was made from with their SHA-1: when any of them changed since the build (or a folder gained or
 * lost a file), the table is ignored and the caller loads the sources as before, so stale output is never
 * used. From src/ (tests) there is no compiled folder and everything loads from the sources.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** The package root: two folders up from both src/core and dist/core. */
export const PACKAGE_ROOT = path.resolve(__dirname, '..', '..');

export interface CompiledTable<T = unknown> {
  /** Source files (relative to the package root) and their SHA-1 when compiled. */
  sources: Record<string, string>;
  /** Folders (relative) whose YAML files were all the sources: a file added or removed there invalidates. */
  folders?: string[];
  data: T;
}

let compiledDir = path.resolve(__dirname, '..', 'compiled');

/** Where compiled tables are read from (tests point it at a folder they compiled into). */
export function setCompiledDir(dir: string): void {
  compiledDir = dir;
}

export function sha1(text: string | Buffer): string {
  // node:crypto on first use: --help never hashes.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('node:crypto') as typeof import('node:crypto')).createHash('sha1').update(text).digest('hex');
}

/** YAML files of a folder, sorted: the inputs a folder-wide table (the flows' cause texts) depends on. */
export function yamlFilesIn(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => /\.ya?ml$/.test(name))
    .sort()
    .map((name) => path.join(dir, name));
}

const cache = new Map<string, CompiledTable | null>();

/**
 * The compiled table `name` when it is up to date with its sources, else undefined. `file`, when given,
 * must be its (only) source: a `--providers other.yaml` never gets the shipped table.
 */
export function compiledTable<T>(name: string, file?: string): T | undefined {
  const table = read(name);
  if (!table) return undefined;
  const sources = Object.keys(table.sources);
  if (file !== undefined && (sources.length !== 1 || path.resolve(PACKAGE_ROOT, sources[0]) !== path.resolve(file))) return undefined;
  for (const folder of table.folders ?? []) {
    const now = safe(() => yamlFilesIn(path.resolve(PACKAGE_ROOT, folder)).map((f) => path.relative(PACKAGE_ROOT, f)));
    const then = sources.filter((source) => path.dirname(source) === folder && /\.ya?ml$/.test(source)).sort();
    if (!now || now.length !== then.length || now.some((f, i) => f !== then[i])) return undefined;
  }
  for (const [source, hash] of Object.entries(table.sources)) {
    if (safe(() => sha1(readFileSync(path.resolve(PACKAGE_ROOT, source)))) !== hash) return undefined;
  }
  return table.data as T;
}

/** What precompile writes: the table of `data` made from `files` (absolute paths). */
export function tableOf<T>(data: T, files: string[], folders: string[] = []): CompiledTable<T> {
  const sources = Object.fromEntries(files.map((file) => [path.relative(PACKAGE_ROOT, file), sha1(readFileSync(file))]));
  return { sources, ...(folders.length ? { folders: folders.map((folder) => path.relative(PACKAGE_ROOT, folder)) } : {}), data };
}

function read(name: string): CompiledTable | undefined {
  const file = path.join(compiledDir, `${name}.json`);
  if (!cache.has(file)) {
    cache.set(file, existsSync(file) ? (safe(() => JSON.parse(readFileSync(file, 'utf8')) as CompiledTable) ?? null) : null);
  }
  return cache.get(file) ?? undefined;
}

function safe<R>(work: () => R): R | undefined {
  try {
    return work();
  } catch {
    return undefined;
  }
}
