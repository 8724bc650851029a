/**
 * `certstatus flows lint|graph|list`: check flow files (every problem, one per line, exit 1 on errors),
 * draw one as Mermaid (text, or SVG/PNG drawn in the system Chromium), list the flows available. `--json` on lint and list prints one JSON object.
 */
import { existsSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { CertstatusError, ErrorCode } from '../../core/errors';
import type * as FlowGraph from '../../flow/graph';
import type * as FlowLoad from '../../flow/load';
import { countProblems, formatProblem, plural, type FlowProblem } from '../../flow/problems';
import type * as FlowRegistry from '../../flow/registry';
import { defaultFlowsDir } from '../../flow/schema';
import type { LoadedFlow } from '../../flow/types';
import type { ImageFormat } from '../../render/mermaid-image';
import type { CliIo } from '../io';

interface DirOption {
  dir?: string;
  json?: boolean;
}

interface GraphOptions extends DirOption {
  format?: string;
  output?: string;
}

const GRAPH_FORMATS = ['mermaid', 'svg', 'png'];

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/* eslint-disable @typescript-eslint/no-require-imports */
/** The flow loader (YAML, ajv, the lint rules) on use, so other subcommands and --help start without it. */
const flowLoad = (): typeof FlowLoad & typeof FlowRegistry => ({
  ...(require('../../flow/load') as typeof FlowLoad),
  ...(require('../../flow/registry') as typeof FlowRegistry),
});
const flowGraph = (): typeof FlowGraph => require('../../flow/graph') as typeof FlowGraph;
/* eslint-enable @typescript-eslint/no-require-imports */

export function registerFlows(program: Command, io: CliIo, setExit: (code: number) => void): void {
  const flows = program
    .command('flows')
    .description('Check, draw and list the troubleshooting flows (flows/*.yaml)');

  flows
    .command('lint')
    .description('Report every problem in flow files, one per line; exit status 1 when there are errors')
    .argument('[files...]', 'flow files (default: every *.yaml in the flows directory)')
    .option('--dir <dir>', 'flows directory used when no files are given', defaultFlowsDir())
    .option('--json', 'print one JSON object: files, errors, warnings and every problem')
    .action((files: string[], options: DirOption) => {
      const { flowFiles, lintFlowFile } = flowLoad();
      const targets = files.length ? files : flowFiles(options.dir ?? defaultFlowsDir());
      if (!targets.length) throw new CertstatusError(ErrorCode.Usage, `no flow files (*.yaml) in ${options.dir}`);
      const results = targets.map((file) => lintFlowFile(file));
      const problems: FlowProblem[] = [...results.flatMap((r) => r.problems), ...duplicateFlowIds(results.map((r) => r.flow))];
      const { errors, warnings } = countProblems(problems);
      if (options.json) io.stdout.write(json({ files: targets.length, errors, warnings, problems }));
      else {
        for (const problem of problems) io.stdout.write(`${formatProblem(problem)}\n`);
        io.stdout.write(`${plural(targets.length, 'file')}, ${plural(errors, 'error')}, ${plural(warnings, 'warning')}\n`);
      }
      setExit(errors > 0 ? 1 : 0);
    });

  flows
    .command('graph')
    .description('Print a flow as a Mermaid flowchart (paste into Markdown inside a ```mermaid block)')
    .argument('<flow>', 'a flow file, or the id of a flow in the flows directory')
    .option('--dir <dir>', 'flows directory to look the id up in', defaultFlowsDir())
    .option('--format <format>', 'mermaid (text), svg or png: drawn by Mermaid in the system Chromium (CERTSTATUS_CHROMIUM, default /usr/bin/chromium)', 'mermaid')
    .option('-o, --output <file>', 'write to this file instead of stdout')
    .action(async (flowRef: string, options: GraphOptions) => {
      const format = options.format ?? 'mermaid';
      if (!GRAPH_FORMATS.includes(format)) throw new CertstatusError(ErrorCode.Usage, `--format must be one of ${GRAPH_FORMATS.join(', ')}, got "${format.slice(0, 40)}".`);
      if (format === 'png' && !options.output && (io.stdout as { isTTY?: boolean }).isTTY) {
        throw new CertstatusError(ErrorCode.Usage, 'A PNG is binary: give --output FILE, or redirect stdout to a file.');
      }
      const { loadFlowFile, loadFlowsDir } = flowLoad();
      const { flowToMermaid } = flowGraph();
      const flow = withProblemsReported(io, setExit, () =>
        looksLikeFile(flowRef) ? loadFlowFile(flowRef) : loadFlowsDir(options.dir).get(flowRef),
      );
      if (!flow) return;
      const text = flowToMermaid(flow);
      // Only the image formats need a browser: playwright-core is loaded for them alone.
      const body = format === 'mermaid' ? Buffer.from(text) : await (await import('../../render/mermaid-image')).renderMermaid(text, format as ImageFormat, io.env);
      if (options.output) writeFileSync(options.output, body);
      else io.stdout.write(body);
    });

  flows
    .command('list')
    .description('List the flows in the flows directory: id, version, title; a broken file is listed as disabled (exit status 1)')
    .option('--dir <dir>', 'flows directory', defaultFlowsDir())
    .option('--json', 'print one JSON object: the flows, and the disabled files with their problems')
    .action((options: DirOption) => {
      const registry = flowLoad().loadFlowsDir(options.dir);
      const disabled = registry.disabled ?? [];
      setExit(disabled.length ? 1 : 0);
      if (options.json) {
        const flows = registry.list().map((f) => ({ id: f.id, version: f.version, title: f.title, file: f.source }));
        io.stdout.write(json({ flows, disabled: disabled.map(({ file, id, problems }) => ({ file, id, problems })) }));
        return;
      }
      const rows = registry.list().map((f) => [f.id, `v${f.version}`, f.title]);
      const width = (col: number) => Math.max(...rows.map((r) => r[col].length));
      for (const row of rows) io.stdout.write(`${row[0].padEnd(width(0))}  ${row[1].padEnd(width(1))}  ${row[2]}\n`);
      for (const off of disabled) io.stderr.write(`disabled: ${off.summary}\n`);
    });
}

/** Flows are selected by id, so two files with one id would make one of them unreachable. */
function duplicateFlowIds(flows: (LoadedFlow | undefined)[]): FlowProblem[] {
  const seen = new Map<string, LoadedFlow>();
  const problems: FlowProblem[] = [];
  for (const flow of flows) {
    if (!flow) continue;
    const first = seen.get(flow.id);
    if (!first) {
      seen.set(flow.id, flow);
      continue;
    }
    problems.push({
      severity: 'error', file: flow.source, line: 1, column: 1, code: 'duplicate-flow-id',
      message: `flow id "${flow.id}" is also used by ${first.source}`, fix: 'give each flow file its own id',
    });
  }
  return problems;
}

function looksLikeFile(ref: string): boolean {
  return /[\\/]|\.ya?ml$/i.test(ref) || existsSync(ref);
}

/** An invalid flow prints its problems (one line each) on stderr with exit status 1, not just a summary. */
function withProblemsReported<T>(io: CliIo, setExit: (code: number) => void, load: () => T): T | undefined {
  try {
    return load();
  } catch (error) {
    if (!(error instanceof CertstatusError) || error.code !== ErrorCode.InvalidFlow || !Array.isArray(error.details)) throw error;
    for (const problem of error.details as FlowProblem[]) io.stderr.write(`${formatProblem(problem)}\n`);
    setExit(1);
    return undefined;
  }
}

