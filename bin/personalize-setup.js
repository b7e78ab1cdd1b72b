#!/usr/bin/env node
// Tiny shim: everything lives in the bundled CLI so that `npx` start-up stays fast.
import '../dist/cli.js';
