/**
 * The build step after tsc (scripts/precompile.js, run by `npm run build`, so by `npm ci` too): the
 * shipped provider and CA tables and the shipped flow's cause texts, each parsed and validated as at run
 * time, written as JSON with the SHA-1 of their sources (see core/compiled.ts).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { tableOf, yamlFilesIn } from '../core/compiled';
import { defaultCasFile, parseCas } from '../dns/analysis/cas';
import { defaultProvidersFile, parseProviders } from '../dns/analysis/providers';
import { defaultFlowsDir } from '../flow/schema';
import { CAUSES_TABLE, flowCauses } from './cause-texts';

/** Writes every compiled table into `dir`; returns the files written. */
export function precompile(dir: string): string[] {
  mkdirSync(dir, { recursive: true });
  const flowsDir = defaultFlowsDir();
  const tables = {
    providers: tableOf(parseProviders(defaultProvidersFile()), [defaultProvidersFile()]),
    cas: tableOf(parseCas(defaultCasFile()), [defaultCasFile()]),
    [CAUSES_TABLE]: tableOf(flowCauses(), [...yamlFilesIn(flowsDir), path.join(flowsDir, 'flow.schema.json')], [flowsDir]),
  };
  return Object.entries(tables).map(([name, table]) => {
    const file = path.join(dir, `${name}.json`);
    writeFileSync(file, `${JSON.stringify(table)}\n`);
    return file;
  });
}
