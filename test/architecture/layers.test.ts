/**
 * The layers of src/ (docs/architecture.md) are enforced by eslint.config.js, which `npm test` runs. These
 * tests check that the rules really fire: an import against the direction and an import cycle are errors.
 */
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ESLint } from 'eslint';

const ROOT = path.resolve(__dirname, '..', '..');
const CONFIG = path.join(ROOT, 'eslint.config.js');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const config = require(CONFIG) as ESLint.Options['overrideConfig'] & { LAYERS: Record<string, string[]> };
const { LAYERS } = config;

/** ESLint with the project's config, given as data (jest's module sandbox cannot load a config file itself). */
function projectEslint(cwd: string): ESLint {
  return new ESLint({ cwd, overrideConfigFile: true, overrideConfig: config });
}

/** Lints `code` as if it were the file `file` (relative to the repository), returning the rule ids that fired. */
async function rulesFiring(file: string, code: string): Promise<string[]> {
  const [result] = await projectEslint(ROOT).lintText(code, { filePath: path.join(ROOT, file) });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

/** [file, import path, code]: the import path named in the test's title. */
const cases = (list: [string, string][]) => list.map(([file, code]) => [file, /from '([^']+)'/.exec(code)?.[1] ?? code, code]);

describe('layer direction', () => {
  test.each(cases([
    ['src/dns/probe.ts', "import type { Reply } from '../engine/replies';\nexport type R = Reply;\n"],
    ['src/dns/probe.ts', "import { createDnsCheckRunner } from '../checks/dns-runner';\nexport const f = createDnsCheckRunner;\n"],
    ['src/engine/probe.ts', "import { diagnose } from '../dns/diagnose';\nexport const f = diagnose;\n"],
    ['src/engine/probe.ts', "import { createDnsCheckRunner } from '../checks/dns-runner';\nexport const f = createDnsCheckRunner;\n"],
    ['src/flow/probe.ts', "import { step } from '../engine/step';\nexport const f = step;\n"],
    ['src/core/probe.ts', "import { loadFlowsDir } from '../flow/registry';\nexport const f = loadFlowsDir;\n"],
    ['src/conversation/probe.ts', "import { createSlackChannel } from '../channels/slack/app';\nexport const f = createSlackChannel;\n"],
    ['src/channels/slack/probe.ts', "import { teamsPlatform } from '../teams/platform';\nexport const f = teamsPlatform;\n"],
    ['src/channels/kit/probe.ts', "import { renderReply } from '../slack/blocks';\nexport const f = renderReply;\n"],
  ]))('%s may not import %s', async (file, _from, code) => {
    expect(await rulesFiring(file, code)).toContain('import-x/no-restricted-paths');
  });

  test.each(cases([
    ['src/dns/probe.ts', "import { parseDomain } from '../core/domain';\nexport const f = parseDomain;\n"],
    ['src/engine/probe.ts', "import type { LoadedFlow } from '../flow/types';\nexport type F = LoadedFlow;\n"],
    ['src/checks/probe.ts', "import { diagnose } from '../dns/diagnose';\nimport { step } from '../engine/step';\nexport const f = [diagnose, step];\n"],
    ['src/channels/slack/probe.ts', "import { parseCommand } from '../kit/grammar';\nexport const f = parseCommand;\n"],
    ['src/server/probe.ts', "import { createSlackChannel } from '../channels/slack/app';\nexport const f = createSlackChannel;\n"],
  ]))('%s may import %s', async (file, _from, code) => {
    expect(await rulesFiring(file, code)).not.toContain('import-x/no-restricted-paths');
  });
});

describe('import cycles', () => {
  let dir: string;
  beforeAll(() => {
    // Two real files that import each other, laid out like src/ so the project's config applies to them.
    dir = mkdtempSync(path.join(tmpdir(), 'certstatus-cycle-'));
    mkdirSync(path.join(dir, 'src', 'engine'), { recursive: true });
    writeFileSync(path.join(dir, 'src', 'engine', 'a.ts'), "import { b } from './b';\nexport const a = () => b();\n");
    writeFileSync(path.join(dir, 'src', 'engine', 'b.ts'), "import { a } from './a';\nexport const b = () => a();\n");
    writeFileSync(path.join(dir, 'src', 'engine', 'c.ts'), "import { a } from './a';\nexport const c = () => a();\n");
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('a value import cycle is an error, in both files; a one-way import is not', async () => {
    const eslint = projectEslint(dir);
    const cycles: Record<string, number> = {};
    for (const name of ['a.ts', 'b.ts', 'c.ts']) {
      const file = path.join(dir, 'src', 'engine', name);
      const [result] = await eslint.lintText(readFileSync(file, 'utf8'), { filePath: file });
      cycles[name] = (result?.messages ?? []).filter((m) => m.ruleId === 'import-x/no-cycle').length;
    }
    expect(cycles).toEqual({ 'a.ts': 1, 'b.ts': 1, 'c.ts': 0 });
  });
});

describe('the layer table', () => {
  test('names every folder of src/, and only allows imports of folders listed before it (no folder cycle)', () => {
    const folders = readdirSync(path.join(ROOT, 'src'), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
    expect(Object.keys(LAYERS).sort()).toEqual([...folders].sort());
    const order = Object.keys(LAYERS);
    for (const [folder, allowed] of Object.entries(LAYERS)) {
      for (const lower of allowed) expect({ folder, lower, below: order.indexOf(lower) < order.indexOf(folder) }).toEqual({ folder, lower, below: true });
    }
  });

  test('dns knows only core; the engine only core and flow', () => {
    expect(LAYERS.dns).toEqual(['core']);
    expect(LAYERS.engine).toEqual(['core', 'flow']);
    expect(LAYERS.flow).toEqual(['core']);
    expect(LAYERS.core).toEqual([]);
  });
});
