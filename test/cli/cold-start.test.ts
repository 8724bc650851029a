/**
 * Cold start: the build step's compiled tables (providers, CAs, the flow's cause texts) give exactly what
 * parsing the sources gives, are ignored once a source changed, and `certstatus check` prints byte for byte
 * the same with them as without. Then, in a fresh node process (as a user runs it), which modules a check
 * and --help load: nothing of the server (pino, ioredis, prom-client, better-sqlite3, Bolt, botbuilder),
 * neither the YAML parser nor ajv for check, and no DNS code for --help.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { causeTexts, flowCauses } from '../../src/cli/cause-texts';
import { precompile } from '../../src/cli/precompile';
import { compiledTable, setCompiledDir, type CompiledTable } from '../../src/core/compiled';
import { defaultCasFile, loadCas, parseCas } from '../../src/dns/analysis/cas';
import { defaultProvidersFile, loadProviders, parseProviders } from '../../src/dns/analysis/providers';
import { runCli } from '../support/dns-world/cli-io';
import { EXPECTED, OLD, RESOLVER, standardWorld, txt, zone } from '../support/dns-world/standard';
import { startWorld, type RunningWorld } from '../support/dns-world/world';

const ROOT = path.resolve(__dirname, '..', '..');
const compiledDir = mkdtempSync(path.join(tmpdir(), 'certstatus-compiled-'));
const written = precompile(compiledDir);

afterAll(() => setCompiledDir(path.join(ROOT, 'src', 'compiled')));

describe('compiled tables', () => {
  test('precompile writes the providers, CAs and cause texts, each naming its sources with their SHA-1', () => {
    expect(written.map((file) => path.basename(file)).sort()).toEqual(['cas.json', 'causes.json', 'providers.json']);
    const providers = JSON.parse(readFileSync(path.join(compiledDir, 'providers.json'), 'utf8')) as CompiledTable;
    expect(Object.keys(providers.sources)).toEqual([path.join('data', 'providers.yaml')]);
    expect(providers.sources[path.join('data', 'providers.yaml')]).toMatch(/^[0-9a-f]{40}$/);
    const causes = JSON.parse(readFileSync(path.join(compiledDir, 'causes.json'), 'utf8')) as CompiledTable;
    expect(causes.folders).toEqual(['flows']);
    expect(Object.keys(causes.sources)).toContain(path.join('flows', 'flow.schema.json'));
  });

  test('read back, each table equals what parsing its sources gives', () => {
    setCompiledDir(compiledDir);
    expect(compiledTable('providers', defaultProvidersFile())).toEqual(parseProviders(defaultProvidersFile()));
    expect(compiledTable('cas', defaultCasFile())).toEqual(parseCas(defaultCasFile()));
    expect(compiledTable('causes')).toEqual(flowCauses());
    expect(causeTexts()).toEqual(flowCauses());
    expect(loadProviders()).toEqual(parseProviders(defaultProvidersFile()));
    expect(loadCas()).toEqual(parseCas(defaultCasFile()));
  });

  test('a table whose source changed is ignored; one for another file is never used for it', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'certstatus-compiled-stale-'));
    const table = JSON.parse(readFileSync(path.join(compiledDir, 'providers.json'), 'utf8')) as CompiledTable<unknown[]>;
    // Marked data with the right hash is used (so the table really is what is read) ...
    writeFileSync(path.join(dir, 'providers.json'), JSON.stringify({ ...table, data: ['marked'] }));
    setCompiledDir(dir);
    expect(compiledTable('providers', defaultProvidersFile())).toEqual(['marked']);
    expect(compiledTable('providers', path.join(dir, 'other-providers.yaml'))).toBeUndefined();
    // ... and with a hash that no longer matches the file, it is not.
    const stale = mkdtempSync(path.join(tmpdir(), 'certstatus-compiled-stale-'));
    const source = Object.keys(table.sources)[0];
    writeFileSync(path.join(stale, 'providers.json'), JSON.stringify({ ...table, sources: { [source]: '0'.repeat(40) }, data: ['stale'] }));
    setCompiledDir(stale);
    expect(compiledTable('providers', defaultProvidersFile())).toBeUndefined();
  });

  test('cause texts are ignored when the flows folder gained a file since the build', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'certstatus-compiled-folder-'));
    const table = JSON.parse(readFileSync(path.join(compiledDir, 'causes.json'), 'utf8')) as CompiledTable;
    const first = Object.keys(table.sources).find((source) => source.endsWith('.yaml'))!;
    const { [first]: _dropped, ...fewer } = table.sources;
    writeFileSync(path.join(dir, 'causes.json'), JSON.stringify({ ...table, sources: fewer }));
    setCompiledDir(dir);
    expect(compiledTable('causes')).toBeUndefined();
  });
});

describe('certstatus check with and without the compiled tables', () => {
  let world: RunningWorld;
  beforeAll(async () => {
    world = await startWorld(standardWorld({ zones: [zone('shop.test', [txt('_dnsauth.shop.test', EXPECTED)]), zone('old.test', [txt('_dnsauth.old.test', OLD), txt('_dnsauth.old.test', EXPECTED)])] }));
  });
  afterAll(() => world.stop());
  const args = () => ['--expect', EXPECTED, '--resolver', `${RESOLVER}:${world.resolverPort}`, '--auth-port', String(world.authPort), '--timeout', '3000'];
  // The only thing allowed to differ between two runs is how long the check took.
  const steady = (text: string) => text.replace(/Checked in \d+ ms\./g, 'Checked in N ms.').replace(/"durationMs": \d+/g, '"durationMs": N');

  test.each([
    ['old.test', []],
    ['old.test', ['--json']],
    ['shop.test', []],
  ])('%s %j prints the same bytes', async (domain, extra) => {
    setCompiledDir(path.join(ROOT, 'src', 'compiled')); // absent: from the YAML sources
    const fromSources = await runCli(['check', domain, ...args(), ...extra]);
    setCompiledDir(compiledDir);
    const fromCompiled = await runCli(['check', domain, ...args(), ...extra]);
    expect(fromSources.stdout).toContain(domain);
    expect(steady(fromCompiled.stdout)).toBe(steady(fromSources.stdout));
    expect(fromCompiled.stderr).toBe(fromSources.stderr);
    expect(fromCompiled.code).toBe(fromSources.code);
  });
});

/** Runs src/cli/main.ts in a new node process (TypeScript through @swc/core) and lists the modules it loaded. */
function loadedModules(args: string[]): Promise<{ stdout: string; modules: string[] }> {
  const script = `
    const fs = require('node:fs');
    const swc = require('@swc/core');
    require.extensions['.ts'] = (module, filename) => {
      const { code } = swc.transformSync(fs.readFileSync(filename, 'utf8'), { filename, jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } });
      module._compile(code, filename);
    };
    const before = new Set(Object.keys(require.cache));
    require(${JSON.stringify(path.join(ROOT, 'src/core/compiled.ts'))}).setCompiledDir(${JSON.stringify(compiledDir)});
    require(${JSON.stringify(path.join(ROOT, 'src/cli/main.ts'))}).main(['node', 'certstatus', ...${JSON.stringify(args)}]).then(() => {
      const loaded = Object.keys(require.cache).filter((file) => !before.has(file) && !file.includes('@swc'));
      process.stderr.write(JSON.stringify(loaded));
    });`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', script], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += String(chunk)));
    child.stderr.on('data', (chunk) => (stderr += String(chunk)));
    child.on('error', reject);
    child.on('close', () => {
      try {
        resolve({ stdout, modules: (JSON.parse(stderr) as string[]).map((file) => path.relative(ROOT, file)) });
      } catch {
        reject(new Error(`the child printed no module list: ${stderr.slice(0, 500)}`));
      }
    });
  });
}

const SERVER_PACKAGES = ['pino', 'ioredis', 'prom-client', 'better-sqlite3', '@slack/bolt', 'botbuilder', '@opentelemetry/api'];
const packagesOf = (modules: string[]) => [...new Set(modules.map((file) => /node_modules\/((@[^/]+\/)?[^/]+)/.exec(file)?.[1]).filter(Boolean))];

describe('what a fresh process loads', () => {
  let world: RunningWorld;
  beforeAll(async () => {
    world = await startWorld(standardWorld({ zones: [zone('shop.test', [txt('_dnsauth.shop.test', EXPECTED)])] }));
  });
  afterAll(() => world.stop());

  test('check: the DNS code and the compiled tables; no server package, no YAML parser, no ajv, no other subcommand', async () => {
    const run = await loadedModules(['check', 'shop.test', '--expect', EXPECTED, '--resolver', `${RESOLVER}:${world.resolverPort}`, '--auth-port', String(world.authPort), '--timeout', '3000']);
    expect(run.stdout).toContain('shop.test (_dnsauth.shop.test): DNS is right');
    const packages = packagesOf(run.modules);
    for (const name of [...SERVER_PACKAGES, 'yaml', 'ajv']) expect(packages).not.toContain(name);
    expect(packages).toEqual(expect.arrayContaining(['commander', 'dns2', 'tldts']));
    expect(run.modules.filter((file) => file.startsWith('node_modules/dns2/')).sort()).toEqual(['node_modules/dns2/lib/reader.js', 'node_modules/dns2/lib/writer.js', 'node_modules/dns2/packet.js']);
    expect(run.modules.some((file) => /src\/(flow\/load|engine|conversation|channels|store|ops|server)\//.test(file))).toBe(false);
    expect(run.modules).not.toContain('src/cli/commands/serve.ts');
  });

  test('--help: every subcommand listed, without the DNS code, the flow loader or any server package', async () => {
    const run = await loadedModules(['--help']);
    for (const command of ['chat', 'check', 'flows', 'pending', 'serve', 'stats']) expect(run.stdout).toMatch(new RegExp(`^ {2}${command}\\b`, 'm'));
    const packages = packagesOf(run.modules);
    expect(packages).toEqual(['commander']);
    expect(run.modules.some((file) => /src\/dns\/(diagnose\/diagnose|transport)/.test(file))).toBe(false);
  });
});
