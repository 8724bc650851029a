#!/usr/bin/env node
'use strict';
// Thin launcher: the CLI lives in dist/cli/main.js (built by `npm run build`, run on `npm install`).
require('../dist/cli/main.js').main(process.argv).then(
  (code) => { process.exitCode = code; },
  (err) => { process.stderr.write(`certstatus: ${err && err.message ? err.message : err}\n`); process.exitCode = 1; },
);
