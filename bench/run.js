#!/usr/bin/env node
/**
 * `npm run bench`: runs every bench/*.bench.ts in turn. TypeScript is compiled on the fly with
 * @swc/core (already a dev dependency for jest), so no build step is needed from a fresh clone.
 * Benchmarks only send traffic to loopback test servers.
 */
const fs = require('node:fs');
const path = require('node:path');
const swc = require('@swc/core');

require.extensions['.ts'] = (module, filename) => {
  const source = fs.readFileSync(filename, 'utf8');
  const { code } = swc.transformSync(source, {
    filename,
    sourceMaps: 'inline',
    jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
    module: { type: 'commonjs' },
  });
  module._compile(code, filename);
};

async function main() {
  const only = process.argv[2];
  // Figures depend on the machine and on what else runs on it: say both.
  const os = require('node:os');
  const load = os.loadavg().map((l) => l.toFixed(2)).join(' ');
  console.log(`node ${process.version}, ${os.cpus().length} x ${os.cpus()[0]?.model ?? 'CPU'}, load average ${load} at start`);
  const files = fs
    .readdirSync(__dirname)
    .filter((name) => name.endsWith('.bench.ts') && (!only || name.includes(only)))
    .sort();
  for (const file of files) {
    console.log(`\n# ${file}`);
    const bench = require(path.join(__dirname, file));
    await bench.run();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
