/**
 * SqliteStore shared by several OS processes at once (replicas on one host, or a restart overlapping the
 * old process): claim and compare-and-set must hold across processes, not only across objects in one.
 * The children run the real store, compiled with swc (as jest does) into a temporary directory.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { transformFileSync } from '@swc/core';
import { SqliteStore } from '../../src/store/sqlite';

const ROOT = resolve(__dirname, '../..');
const SOURCES = ['src/store/sqlite.ts', 'src/store/serialize.ts', 'src/store/types.ts', 'src/core/errors.ts'];
const CHILDREN = 4;
const CLAIM_KEYS = 100;
const INCREMENTS_PER_CHILD = 50;

/** Opens the store, says "ready", waits for "go" on stdin so all children start together, then races. */
const CHILD_SCRIPT = `
const { SqliteStore } = require(process.env.STORE_MODULE);
const store = new SqliteStore({ path: process.env.DB_PATH });
process.stdout.write('ready\\n');
process.stdin.once('data', async () => {
  const claimed = [];
  for (let i = 0; i < ${CLAIM_KEYS}; i += 1) if (await store.claim('dedupe:' + i, 600000)) claimed.push(i);
  let conflicts = 0;
  for (let done = 0; done < ${INCREMENTS_PER_CHILD}; ) {
    const current = await store.get('counter');
    const result = await store.set('counter', (current ? current.value : 0) + 1, { expectedVersion: current ? current.version : 0 });
    if (result.ok) done += 1; else conflicts += 1;
  }
  await store.close();
  process.stdout.write(JSON.stringify({ claimed, conflicts }) + '\\n');
  process.exit(0);
});
`;

let work: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'certstatus-sqlite-procs-'));
  for (const source of SOURCES) {
    const target = join(work, source.replace(/\.ts$/, '.js'));
    mkdirSync(dirname(target), { recursive: true });
    const { code } = transformFileSync(join(ROOT, source), {
      jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
      module: { type: 'commonjs' },
    });
    writeFileSync(target, code);
  }
  writeFileSync(join(work, 'child.js'), CHILD_SCRIPT);
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface ChildResult {
  claimed: number[];
  conflicts: number;
}

function startChild(dbPath: string) {
  const child = spawn(process.execPath, [join(work, 'child.js')], {
    env: { ...process.env, STORE_MODULE: join(work, 'src/store/sqlite.js'), DB_PATH: dbPath, NODE_PATH: join(ROOT, 'node_modules') },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const ready = new Promise<void>((resolveReady, reject) => {
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      if (stdout.startsWith('ready\n')) resolveReady();
    });
    child.once('exit', (code) => reject(new Error(`child exited (${code}) before it was ready: ${stderr}`)));
  });
  const result = new Promise<ChildResult>((resolveResult, reject) => {
    child.once('exit', (code) => {
      if (code !== 0) return reject(new Error(`child exited with ${code}: ${stderr}`));
      resolveResult(JSON.parse(stdout.slice('ready\n'.length)) as ChildResult);
    });
  });
  return { ready, go: () => child.stdin.end('go\n'), result };
}

test(`${CHILDREN} processes on one file: every claim is won exactly once and no compare-and-set update is lost`, async () => {
  const dbPath = join(work, 'shared.db');
  const children = Array.from({ length: CHILDREN }, () => startChild(dbPath));
  await Promise.all(children.map((child) => child.ready));
  for (const child of children) child.go();
  const results = await Promise.all(children.map((child) => child.result));

  const allClaims = results.flatMap((result) => result.claimed).sort((a, b) => a - b);
  expect(allClaims).toEqual(Array.from({ length: CLAIM_KEYS }, (_, i) => i));

  const store = new SqliteStore({ path: dbPath });
  expect((await store.get('counter'))?.value).toBe(CHILDREN * INCREMENTS_PER_CHILD);
  await store.close();
}, 60_000);
