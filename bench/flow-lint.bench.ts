/**
 * `certstatus flows lint` time on very large flow files (parse, schema, every lint rule), to show it
 * grows linearly with the file: a valid chain of questions, the same with an error on every node, and a
 * flow whose size is thousands of unused causes. Real flow files are limited to MAX_FLOW_FILE_BYTES; this
 * measures parseFlow on the text, past that limit, so a slow rule shows up as a ratio far above the size ratio.
 */
import { parseFlow } from '../src/flow/load';
import { bigFlowYaml, brokenBigFlowYaml, manyCausesFlowYaml } from './support/big-flow';
import { elapsedMs, forceGc, median, round } from './support/stats';

const SIZES_MB = [1, 5];
const RUNS = 3;

export async function run(): Promise<void> {
  const shapes = { valid: bigFlowYaml, 'error per node': brokenBigFlowYaml, 'many causes': manyCausesFlowYaml };
  const rows: Record<string, string | number>[] = [];
  for (const [shape, make] of Object.entries(shapes)) {
    const times: number[] = [];
    for (const mb of SIZES_MB) {
      const text = make(mb * 1024 * 1024);
      const runs: number[] = [];
      let problems = 0;
      let heapMb = 0;
      for (let i = 0; i < RUNS; i += 1) {
        forceGc();
        const before = process.memoryUsage().heapUsed;
        const started = process.hrtime.bigint();
        const result = parseFlow(text, 'big.yaml');
        runs.push(elapsedMs(started));
        heapMb = Math.max(heapMb, (process.memoryUsage().heapUsed - before) / 1024 / 1024);
        problems = result.problems.length;
      }
      times.push(median(runs));
      rows.push({ shape, 'size MB': round(text.length / 1024 / 1024, 1), problems, 'median ms': round(median(runs)), 'heap growth MB': round(heapMb) });
    }
    rows.push({ shape, 'size MB': `x${SIZES_MB[1] / SIZES_MB[0]}`, problems: '', 'median ms': `x${round(times[1] / times[0], 1)}`, 'heap growth MB': '' });
  }
  console.table(rows);
}
