#!/usr/bin/env node
'use strict';
// After tsc (`npm run build`): data tables and the flow's cause texts compiled to dist/compiled/*.json,
// so `certstatus check` loads neither the YAML parser nor ajv (see src/core/compiled.ts).
const path = require('node:path');
const { precompile } = require('../dist/cli/precompile.js');

const written = precompile(path.join(__dirname, '..', 'dist', 'compiled'));
console.log(`precompiled ${written.map((file) => path.relative(process.cwd(), file)).join(', ')}`);
