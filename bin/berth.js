#!/usr/bin/env node
'use strict';
// Thin launcher: the CLI lives in build/lib/cli (compiled by `npm run build`, run by `npm ci` through `prepare`).
require('../build/lib/cli/main').run(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
