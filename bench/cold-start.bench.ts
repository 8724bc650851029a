/**
 * Cold start (issue 16, goal 1): `certstatus check` as a new process against a DNS world on loopback,
 * against five sequential `dig`s to the same resolver (target <= 1.5x), and `certstatus --help` against a
 * bare `node -e 0` (target <= 2x). Runs the built CLI (bin/certstatus.js -> dist/), so `npm run build`
 * first; paired runs, interleaved, medians. Skips the dig comparison with a note when dig is absent
 * (Debian: apt-get install dnsutils). Loopback only.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { EXPECTED, RESOLVER, standardWorld, txt, zone } from '../test/support/dns-world/standard';
import { startWorld } from '../test/support/dns-world/world';
import { median, round } from './support/stats';

const RUNS = 9;
const DOMAIN = 'coldstart.test';
const ROOT = path.resolve(__dirname, '..');
const BIN = path.join(ROOT, 'bin', 'certstatus.js');

/** Wall time of one child process in ms (async, so the in-process DNS world keeps answering meanwhile). */
function timed(command: string, args: string[]): Promise<{ ms: number; code: number | null; stdout: string }> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(command, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'ignore'], env: { ...process.env, NODE_OPTIONS: '' } });
    let stdout = '';
    child.stdout.on('data', (chunk) => (stdout += String(chunk)));
    child.on('error', reject);
    child.on('close', (code) => resolve({ ms: Number(process.hrtime.bigint() - started) / 1e6, code, stdout }));
  });
}

export async function run(): Promise<void> {
  if (!existsSync(path.join(ROOT, 'dist', 'cli', 'main.js'))) {
    console.log('skipped: dist/ is not built (run npm run build)');
    return;
  }
  const hasDig = !spawnSync('dig', ['-v'], { stdio: 'ignore' }).error;
  const world = await startWorld(standardWorld({ zones: [zone(DOMAIN, [txt(`_dnsauth.${DOMAIN}`, EXPECTED)])] }));
  try {
    const port = String(world.resolverPort);
    const check = ['check', DOMAIN, '--expect', EXPECTED, '--resolver', `${RESOLVER}:${port}`, '--auth-port', String(world.authPort)];
    const digArgs = ['@' + RESOLVER, '-p', port, `_dnsauth.${DOMAIN}`, 'TXT', '+short', '+tries=1', '+time=2'];
    const fiveDigs = async () => {
      let ms = 0;
      for (let i = 0; i < 5; i++) ms += (await timed('dig', digArgs)).ms;
      return ms;
    };
    const samples = { node: [] as number[], help: [] as number[], check: [] as number[], digs: [] as number[] };
    const first = await timed(process.execPath, [BIN, ...check]); // warm the file cache, unmeasured
    if (!first.stdout.includes(DOMAIN)) throw new Error(`check printed no diagnosis: ${first.stdout.slice(0, 200)}`);
    for (let i = 0; i < RUNS; i++) {
      samples.node.push((await timed(process.execPath, ['-e', '0'])).ms);
      samples.help.push((await timed(process.execPath, [BIN, '--help'])).ms);
      samples.check.push((await timed(process.execPath, [BIN, ...check])).ms);
      if (hasDig) samples.digs.push(await fiveDigs());
    }
    const [node, help, checkMs] = [median(samples.node), median(samples.help), median(samples.check)];
    const rows: Record<string, string | number>[] = [
      { what: 'node -e 0', 'median ms': round(node, 1) },
      { what: 'certstatus --help', 'median ms': round(help, 1), ratio: `${round(help / node, 2)}x node -e 0`, target: '<= 2x' },
    ];
    if (hasDig) {
      const digs = median(samples.digs);
      rows.push({ what: '5 sequential dig', 'median ms': round(digs, 1) });
      rows.push({ what: 'certstatus check', 'median ms': round(checkMs, 1), ratio: `${round(checkMs / digs, 2)}x 5 digs`, target: '<= 1.5x' });
    } else {
      rows.push({ what: 'certstatus check', 'median ms': round(checkMs, 1), ratio: 'dig absent: no comparison (apt-get install dnsutils)' });
    }
    console.log(`${RUNS} interleaved runs each; a healthy domain on the loopback DNS world; ${world.log.length} DNS queries answered in all`);
    console.table(rows);
  } finally {
    await world.stop();
  }
}
