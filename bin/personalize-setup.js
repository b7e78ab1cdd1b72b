#!/usr/bin/env node
// Tiny shim: everything lives in the bundle. dist/cli.js holds only what --help, `policies` and
// usage errors need; each command's code (the AWS SDK, the prompts) sits in dist/chunks/ and is
// loaded when that command runs.
import module from 'node:module';

// Node 22.1+ can keep V8's compiled code on disk, so every later run skips compiling the bundle
// (the AWS SDK is most of it). Older Node versions do not have it and run the same, uncached.
module.enableCompileCache?.();

await import('../dist/cli.js');
