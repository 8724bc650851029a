#!/usr/bin/env node
/**
 * `npm run package:teams [-- --app-id <id>] [-- --out <file>]`: builds the Teams app package to upload
 * (Teams admin center or "Upload a custom app"): manifest.json with the bot's app id filled in, and the
 * two icons, zipped flat as Teams expects. The app id comes from --app-id or MicrosoftAppId.
 */
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const yazl = require('yazl');

const ROOT = path.resolve(__dirname, '..');
const PLACEHOLDER = '{{MicrosoftAppId}}';
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SCOPES = new Set(['personal', 'team', 'groupChat']);

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
    else if (name === '--help' || name === '-h') options.help = true;
    else throw new PackageError(`Unknown option ${arg}. Usage: npm run package:teams -- [--app-id <id>] [--out <file>]`);
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

/** Every problem the Teams upload would reject (the fields the v1.19 schema requires, and their limits). */
function validateManifest(manifest, manifestDir) {
  const problems = [];
  const need = (ok, message) => ok || problems.push(message);
  const text = (value, max) => typeof value === 'string' && value.trim() !== '' && value.length <= max;
  const https = (value) => typeof value === 'string' && /^https:\/\/\S+$/.test(value);

  need(typeof manifest.manifestVersion === 'string', 'manifestVersion is missing');
  need(typeof manifest.version === 'string' && /^\d+\.\d+\.\d+$/.test(manifest.version), 'version must look like 1.0.0');
  need(GUID.test(manifest.id ?? ''), 'id must be a GUID (the app id)');
  const developer = manifest.developer ?? {};
  need(text(developer.name, 32), 'developer.name is missing or longer than 32 characters');
  for (const field of ['websiteUrl', 'privacyUrl', 'termsOfUseUrl']) need(https(developer[field]), `developer.${field} must be an https URL`);
  need(text(manifest.name?.short, 30), 'name.short is missing or longer than 30 characters');
  need(manifest.name?.full === undefined || text(manifest.name.full, 100), 'name.full is longer than 100 characters');
  need(text(manifest.description?.short, 80), 'description.short is missing or longer than 80 characters');
  need(text(manifest.description?.full, 4000), 'description.full is missing or longer than 4000 characters');
  need(/^#[0-9a-f]{6}$/i.test(manifest.accentColor ?? ''), 'accentColor must be a colour like #1F6FB2');

  const icons = { color: 192, outline: 32 };
  for (const [name, size] of Object.entries(icons)) {
    const file = manifest.icons?.[name];
    if (typeof file !== 'string') {
      problems.push(`icons.${name} is missing`);
      continue;
    }
    const full = path.join(manifestDir, file);
    const dimensions = fs.existsSync(full) ? pngSize(fs.readFileSync(full)) : undefined;
    need(dimensions !== undefined, `icons.${name}: ${file} is not a PNG file in ${manifestDir}`);
    need(!dimensions || (dimensions.width === size && dimensions.height === size), `icons.${name}: ${file} must be ${size}x${size} pixels`);
  }

  const bots = Array.isArray(manifest.bots) ? manifest.bots : [];
  need(bots.length === 1, 'bots must list exactly one bot');
  for (const bot of bots) {
    need(GUID.test(bot.botId ?? ''), 'bots[0].botId must be a GUID (the bot app id)');
    need(Array.isArray(bot.scopes) && bot.scopes.length > 0 && bot.scopes.every((s) => SCOPES.has(s)), 'bots[0].scopes must be some of personal, team, groupChat');
    for (const list of bot.commandLists ?? []) {
      for (const command of list.commands ?? []) {
        need(text(command.title, 32), `command "${command.title}": title is missing or longer than 32 characters`);
        need(text(command.description, 128), `command "${command.title}": description is missing or longer than 128 characters`);
      }
    }
  }
  const leftover = JSON.stringify(manifest).match(/\{\{[^}]*\}\}/);
  need(!leftover, `placeholder ${leftover?.[0]} was not filled in`);
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

async function buildTeamsPackage({ appId, manifestDir = path.join(ROOT, 'manifest', 'teams'), out = path.join(ROOT, 'dist', 'certstatus-teams.zip') }) {
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
  const problems = validateManifest(manifest, manifestDir);
  if (problems.length) throw new PackageError(`${manifestFile} is not valid:\n  - ${problems.join('\n  - ')}`);
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
      console.log('Usage: npm run package:teams -- [--app-id <id>] [--out <file>] [--manifest-dir <dir>]\nThe app id defaults to $MicrosoftAppId.');
      return;
    }
    const { out } = await buildTeamsPackage({ ...options, appId: options.appId ?? process.env.MicrosoftAppId });
    const shown = path.relative(process.cwd(), out);
    console.log(`Wrote ${shown.startsWith('..') ? out : shown}: upload it in Teams (Apps > Manage your apps > Upload an app).`);
  } catch (error) {
    console.error(error instanceof PackageError ? `package:teams: ${error.message}` : error);
    process.exitCode = 1;
  }
}

if (require.main === module) void main();

module.exports = { buildTeamsPackage, validateManifest, fillAppId };
