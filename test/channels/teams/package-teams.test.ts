/** `npm run package:teams`: the Teams app package with the app id filled in, and clear errors when it cannot be built. */
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import yauzl from 'yauzl';

const ROOT = path.resolve(__dirname, '../../..');
const SCRIPT = path.join(ROOT, 'scripts/package-teams.js');
const APP_ID = '3f2504e0-4f89-11d3-9a0c-0305e82c3301';

async function run(args: string[], env: Record<string, string> = {}) {
  const { MicrosoftAppId: _ignored, ...base } = process.env;
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [SCRIPT, ...args], { env: { ...base, ...env } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

async function unzip(file: string): Promise<Map<string, Buffer>> {
  const zip = await promisify<string, yauzl.Options, yauzl.ZipFile>(yauzl.open)(file, { lazyEntries: true });
  const entries = new Map<string, Buffer>();
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', (entry: yauzl.Entry) => {
      zip.openReadStream(entry, (error, stream) => {
        if (error) return reject(error);
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          entries.set(entry.fileName, Buffer.concat(chunks));
          zip.readEntry();
        });
      });
    });
    zip.on('end', () => resolve());
    zip.on('error', reject);
    zip.readEntry();
  });
  return entries;
}

const pngSize = (png: Buffer) => [png.readUInt32BE(16), png.readUInt32BE(20)];

describe('package:teams', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'certstatus-teams-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('zips manifest.json with the app id from MicrosoftAppId and the two icons, flat', async () => {
    const out = path.join(dir, 'app.zip');
    const result = await run(['--out', out, '--allow-placeholder-urls'], { MicrosoftAppId: APP_ID });
    expect(result.code).toBe(0);

    const entries = await unzip(out);
    expect([...entries.keys()].sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    const manifest = JSON.parse(entries.get('manifest.json')!.toString('utf8'));
    expect(manifest.id).toBe(APP_ID);
    expect(manifest.bots[0].botId).toBe(APP_ID);
    expect(manifest.bots[0].scopes).toEqual(['personal', 'team', 'groupChat']);
    expect(manifest.bots[0].commandLists[0].commands.map((c: { title: string }) => c.title)).toEqual(['certstatus', 'troubleshoot', 'help']);
    expect(JSON.stringify(manifest)).not.toContain('{{');
    expect(pngSize(entries.get('color.png')!)).toEqual([192, 192]);
    expect(pngSize(entries.get('outline.png')!)).toEqual([32, 32]);
    // Colour type 6 (RGBA): the outline icon needs its transparent background.
    expect(entries.get('outline.png')![25]).toBe(6);
  });

  it('takes --app-id over the environment', async () => {
    const out = path.join(dir, 'app.zip');
    expect((await run(['--app-id', APP_ID, '--out', out, '--allow-placeholder-urls'], { MicrosoftAppId: '11111111-1111-1111-1111-111111111111' })).code).toBe(0);
    expect(JSON.parse((await unzip(out)).get('manifest.json')!.toString('utf8')).id).toBe(APP_ID);
  });

  it('says what to set when there is no app id, or when it is not a GUID', async () => {
    const missing = await run(['--out', path.join(dir, 'a.zip')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim()).toBe("package:teams: No app id: set MicrosoftAppId (the bot's Microsoft App ID) or pass --app-id <id>.");
    const bad = await run(['--app-id', 'my-bot', '--out', path.join(dir, 'a.zip')]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('"my-bot" is not a GUID');
  });

  it('refuses the example.com URLs of the shipped manifest unless told they are fine', async () => {
    const out = path.join(dir, 'a.zip');
    const refused = await run(['--app-id', APP_ID, '--out', out]);
    expect(refused.code).toBe(1);
    for (const field of ['websiteUrl', 'privacyUrl', 'termsOfUseUrl']) {
      expect(refused.stderr).toMatch(new RegExp(`developer\\.${field}: https://example\\.com/\\S* is a placeholder URL`));
    }
    expect(refused.stderr).toContain('--allow-placeholder-urls');
    expect(() => readFileSync(out)).toThrow();
  });

  it('lists every problem of an invalid manifest, from Microsoft\'s schema and its own checks, instead of writing a package', async () => {
    const manifestDir = path.join(dir, 'manifest');
    cpSync(path.join(ROOT, 'manifest/teams'), manifestDir, { recursive: true });
    const manifest = JSON.parse(readFileSync(path.join(manifestDir, 'manifest.json'), 'utf8'));
    manifest.name.short = 'a name far longer than thirty characters';
    manifest.developer.privacyUrl = 'ftp://example.org/privacy';
    manifest.bots[0].scopes = ['personal', 'everyone'];
    manifest.accentColor = 'blue';
    manifest.icons.outline = 'color.png';
    writeFileSync(path.join(manifestDir, 'manifest.json'), JSON.stringify(manifest));
    const out = path.join(dir, 'a.zip');

    const result = await run(['--app-id', APP_ID, '--manifest-dir', manifestDir, '--out', out, '--allow-placeholder-urls']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('name.short must NOT have more than 30 characters');
    expect(result.stderr).toContain('developer.privacyUrl must match pattern');
    expect(result.stderr).toContain('bots.0.scopes.1 must be equal to one of the allowed values');
    expect(result.stderr).toContain('accentColor must match pattern');
    expect(result.stderr).toContain('icons.outline: color.png must be 32x32 pixels');
    expect(result.stderr).not.toContain('    at ');
    expect(() => readFileSync(out)).toThrow();
  });

  it('says which manifest versions it knows when the manifest names another', async () => {
    const manifestDir = path.join(dir, 'manifest');
    cpSync(path.join(ROOT, 'manifest/teams'), manifestDir, { recursive: true });
    const manifest = JSON.parse(readFileSync(path.join(manifestDir, 'manifest.json'), 'utf8'));
    writeFileSync(path.join(manifestDir, 'manifest.json'), JSON.stringify({ ...manifest, manifestVersion: '9.99' }));
    const result = await run(['--app-id', APP_ID, '--manifest-dir', manifestDir, '--out', path.join(dir, 'a.zip')]);
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toMatch(/^package:teams: manifestVersion "9\.99" has no schema in @microsoft\/app-manifest \(it knows v1\.0 to v1\.\d+\)\.$/);
  });
});

describe('manifest/teams/manifest.json against Microsoft\'s schema', () => {
  // Through the script (Node loads @microsoft/app-manifest's ESM dependency strip-bom; jest's CommonJS runtime cannot).
  it('is valid for its manifestVersion once the app id is filled in (validated with @microsoft/app-manifest)', async () => {
    const template = JSON.parse(readFileSync(path.join(ROOT, 'manifest/teams/manifest.json'), 'utf8'));
    expect(template.$schema).toBe(`https://developer.microsoft.com/json-schemas/teams/v${template.manifestVersion}/MicrosoftTeams.schema.json`);
    const result = await run(['--check', '--app-id', APP_ID, '--allow-placeholder-urls']);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout.trim()).toBe(`${path.join(ROOT, 'manifest/teams/manifest.json')} is valid (Teams manifest schema v${template.manifestVersion}).`);
  });
});
