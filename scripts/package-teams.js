#!/usr/bin/env node
/**
 * `npm run package:teams [-- --app-id <id>] [-- --out <file>] [-- --allow-placeholder-urls]`: builds the
 * Teams app package to upload (Teams admin center or "Upload a custom app"): manifest.json with the bot's
 * app id filled in, and the two icons, zipped flat as Teams expects. The app id comes from --app-id or
 * MicrosoftAppId. The manifest is validated with Microsoft's own schema for its manifestVersion (from
 * @microsoft/app-manifest, which ships the schemas, so no network is needed), plus what the schema cannot
 * see: the icon files, unfilled {{placeholders}}, and placeholder URLs (example.com and the like), which
 * are refused unless --allow-placeholder-urls says they are fine (a test tenant).
 */
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const yazl = require('yazl');

const ROOT = path.resolve(__dirname, '..');
const PLACEHOLDER = '{{MicrosoftAppId}}';
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const USAGE = 'Usage: npm run package:teams -- [--app-id <id>] [--out <file>] [--manifest-dir <dir>] [--allow-placeholder-urls] [--check]';
/** Hosts reserved for examples and documentation (RFC 2606, RFC 6761): a manifest pointing there is unfinished. */
const PLACEHOLDER_HOST = /(^|\.)(example\.(com|net|org)|[^.]+\.(example|invalid|test|localhost)|localhost)$/i;

class PackageError extends Error {}

function parseArgs(argv) {
  const options = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [name, inline] = arg.split(/=(.*)/s, 2);
    const value = () => inline ?? argv[++i];
    if (name === '--app-id') options.appId = value();
    else if (name === '--out') options.out = value();
    else if (name === '--manifest-dir') options.manifestDir = value();
    else if (name === '--allow-placeholder-urls') options.allowPlaceholderUrls = true;
    else if (name === '--check') options.check = true;
    else if (name === '--help' || name === '-h') options.help = true;
    else throw new PackageError(`Unknown option ${arg}. ${USAGE}`);
  }
  return options;
}

/** Replaces the placeholder in every string of the manifest (values, not raw text, so JSON stays valid). */
function fillAppId(value, appId) {
  if (typeof value === 'string') return value.split(PLACEHOLDER).join(appId);
  if (Array.isArray(value)) return value.map((item) => fillAppId(item, appId));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fillAppId(v, appId)]));
  return value;
}

/** Width and height from a PNG's IHDR chunk, or undefined if the file is not a PNG. */
function pngSize(buffer) {
  const signature = '89504e470d0a1a0a';
  if (buffer.length < 24 || buffer.subarray(0, 8).toString('hex') !== signature) return undefined;
  return { width: buffer.readUInt32BE(16), height: buffer.readUInt32BE(20) };
}

/** Microsoft's JSON schema for `manifestVersion`, as shipped in @microsoft/app-manifest. */
function teamsSchema(manifestVersion) {
  let dir;
  try {
    dir = path.join(path.dirname(require.resolve('@microsoft/app-manifest/package.json')), 'build', 'json-schemas', 'teams');
  } catch {
    throw new PackageError('@microsoft/app-manifest is not installed: run npm install (it is a dev dependency) before npm run package:teams.');
  }
  const file = path.join(dir, `v${manifestVersion}`, 'MicrosoftTeams.schema.json');
  if (typeof manifestVersion !== 'string' || !fs.existsSync(file)) {
    const known = fs.readdirSync(dir).filter((name) => name.startsWith('v1.')).sort((a, b) => Number(a.split('.')[1]) - Number(b.split('.')[1]));
    throw new PackageError(`manifestVersion "${manifestVersion}" has no schema in @microsoft/app-manifest (it knows ${known[0]} to ${known.at(-1)}).`);
  }
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

/** Every https URL in the manifest whose host is an example or reserved name, with where it is. */
function placeholderUrls(value, where = '') {
  if (typeof value === 'string') {
    const host = /^https?:\/\/([^/:?#]+)/i.exec(value)?.[1];
    return host && PLACEHOLDER_HOST.test(host) ? [`${where || '(root)'}: ${value}`] : [];
  }
  if (Array.isArray(value)) return value.flatMap((item, index) => placeholderUrls(item, `${where}[${index}]`));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([key, item]) => (key === '$schema' ? [] : placeholderUrls(item, where ? `${where}.${key}` : key)));
  return [];
}

/**
 * Every problem the Teams upload would reject: Microsoft's schema for the manifest version (every field,
 * length and pattern), then the icon files and unfilled placeholders, which no schema sees.
 */
async function validateManifest(manifest, manifestDir, { allowPlaceholderUrls = false } = {}) {
  let ManifestUtil;
  try {
    ({ ManifestUtil } = require('@microsoft/app-manifest'));
  } catch (error) {
    // It loads one ESM-only dependency (strip-bom), which require() can load from Node 20.19 on.
    if (error && error.code === 'ERR_REQUIRE_ESM') throw new PackageError(`@microsoft/app-manifest needs Node.js 20.19 or newer to load (this is ${process.version}).`);
    throw error;
  }
  const schemaProblems = await ManifestUtil.validateManifestAgainstSchema(manifest, teamsSchema(manifest.manifestVersion));
  // "/name/short must NOT have more than 30 characters. Details: {...}" -> "name.short must NOT have more than 30 characters"
  const problems = schemaProblems.map((problem) => problem.replace(/\. Details: .*$/s, '').replace(/^\/(\S*)/, (_m, pointer) => pointer.split('/').join('.') || '(root)'));
  const need = (ok, message) => ok || problems.push(message);

  const icons = { color: 192, outline: 32 };
  for (const [name, size] of Object.entries(icons)) {
    const file = manifest.icons?.[name];
    if (typeof file !== 'string') continue; // the schema reports it
    const full = path.join(manifestDir, file);
    const dimensions = fs.existsSync(full) ? pngSize(fs.readFileSync(full)) : undefined;
    need(dimensions !== undefined, `icons.${name}: ${file} is not a PNG file in ${manifestDir}`);
    need(!dimensions || (dimensions.width === size && dimensions.height === size), `icons.${name}: ${file} must be ${size}x${size} pixels`);
  }
  need(Array.isArray(manifest.bots) && manifest.bots.length === 1, 'bots must list exactly one bot');
  const leftover = JSON.stringify(manifest).match(/\{\{[^}]*\}\}/);
  need(!leftover, `placeholder ${leftover?.[0]} was not filled in`);
  if (!allowPlaceholderUrls) {
    for (const found of placeholderUrls(manifest)) problems.push(`${found} is a placeholder URL: put your own (developer pages, privacy, terms), or pass --allow-placeholder-urls for a test tenant`);
  }
  return problems;
}

function writeZip(entries, out) {
  return new Promise((resolve, reject) => {
    const zip = new yazl.ZipFile();
    // A fixed date keeps the package byte-identical for the same inputs.
    const mtime = new Date('2020-01-01T00:00:00Z');
    for (const [name, data] of entries) zip.addBuffer(data, name, { mtime });
    zip.end();
    fs.mkdirSync(path.dirname(out), { recursive: true });
    zip.outputStream.pipe(fs.createWriteStream(out)).on('close', resolve).on('error', reject);
  });
}

async function buildTeamsPackage({ appId, manifestDir = path.join(ROOT, 'manifest', 'teams'), out = path.join(ROOT, 'dist', 'certstatus-teams.zip'), allowPlaceholderUrls = false, check = false }) {
  if (!appId) throw new PackageError('No app id: set MicrosoftAppId (the bot\'s Microsoft App ID) or pass --app-id <id>.');
  if (!GUID.test(appId)) throw new PackageError(`The app id "${appId}" is not a GUID; copy the Microsoft App ID from the Azure Bot resource.`);
  const manifestFile = path.join(manifestDir, 'manifest.json');
  let template;
  try {
    template = JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
  } catch (error) {
    throw new PackageError(`Cannot read ${manifestFile}: ${error.message}`);
  }
  const manifest = fillAppId(template, appId);
  const problems = await validateManifest(manifest, manifestDir, { allowPlaceholderUrls });
  if (problems.length) throw new PackageError(`${manifestFile} is not valid:\n  - ${problems.join('\n  - ')}`);
  // --check: validate only (CI, or before asking an admin to upload).
  if (check) return { manifest, manifestFile };
  await writeZip(
    [
      ['manifest.json', Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`)],
      [manifest.icons.color, fs.readFileSync(path.join(manifestDir, manifest.icons.color))],
      [manifest.icons.outline, fs.readFileSync(path.join(manifestDir, manifest.icons.outline))],
    ],
    out,
  );
  return { out, manifest };
}

async function main() {
  try {
    const options = parseArgs(process.argv.slice(2));
    if (options.help) {
      console.log(`${USAGE}\nThe app id defaults to $MicrosoftAppId. The manifest is checked against Microsoft's schema for its manifestVersion.`);
      return;
    }
    const { out, manifest, manifestFile } = await buildTeamsPackage({ ...options, appId: options.appId ?? process.env.MicrosoftAppId });
    if (!out) return void console.log(`${manifestFile} is valid (Teams manifest schema v${manifest.manifestVersion}).`);
    const shown = path.relative(process.cwd(), out);
    console.log(`Wrote ${shown.startsWith('..') ? out : shown}: upload it in Teams (Apps > Manage your apps > Upload an app).`);
  } catch (error) {
    console.error(error instanceof PackageError ? `package:teams: ${error.message}` : error);
    process.exitCode = 1;
  }
}

if (require.main === module) void main();

module.exports = { buildTeamsPackage, validateManifest, fillAppId, placeholderUrls };
