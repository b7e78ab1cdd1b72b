#!/usr/bin/env node
// Tiny shim, CommonJS on purpose (bin/package.json): dist/start.cjs answers a bare --help without
// starting Node's ES module loader, and hands everything else to the ES module bundle dist/cli.js,
// whose commands (the AWS SDK, the prompts) sit in dist/chunks/, loaded only when they run.
require('../dist/start.cjs');
