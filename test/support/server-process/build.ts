/**
 * Compiles the current src/ with swc into a temporary tree laid out like the package (dist/, bin/, with
 * flows/, data/ and node_modules/ linked), so tests run `certstatus serve` as a real process from the
 * source under test, not from a dist/ that may be stale.
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { transformFileSync } from '@swc/core';

const REPO = path.resolve(__dirname, '../../..');
let built: string | undefined;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

/** The path of the built bin/certstatus.js (built once per test file). */
export function buildCli(): string {
  if (built) return built;
  const root = mkdtempSync(path.join(tmpdir(), 'certstatus-build-'));
  const src = path.join(REPO, 'src');
  for (const file of sources(src)) {
    const out = path.join(root, 'dist', path.relative(src, file)).replace(/\.ts$/, '.js');
    mkdirSync(path.dirname(out), { recursive: true });
    const { code } = transformFileSync(file, {
      jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
      module: { type: 'commonjs' },
      swcrc: false,
    });
    writeFileSync(out, code);
  }
  for (const shared of ['flows', 'data', 'node_modules', 'package.json']) symlinkSync(path.join(REPO, shared), path.join(root, shared));
  cpSync(path.join(REPO, 'bin'), path.join(root, 'bin'), { recursive: true });
  built = path.join(root, 'bin', 'certstatus.js');
  return built;
}
