/**
 * The first module of every run (bin/personalize-setup.js requires dist/start.cjs). It is built
 * as CommonJS on purpose: a bare `--help` is answered from the screens commander rendered at build
 * time (static-help.ts) without starting Node's ES module loader or loading commander, which
 * together cost more than the rest of such a run. Everything else goes to the ES module bundle.
 */
import { writeSync } from 'node:fs';
import nodeModule from 'node:module';
import { join } from 'node:path';
import { isatty } from 'node:tty';
import { pathToFileURL } from 'node:url';
import { helpScreenFor, readStaticHelp } from './static-help.js';

// Node 22.1+ keeps V8's compiled code on disk, so later runs skip compiling the bundle (the AWS
// SDK is most of it). Node 20 has no such cache and runs the same, uncached.
(nodeModule as { enableCompileCache?: () => unknown }).enableCompileCache?.();

// esbuild turns this file into CommonJS, where __dirname is dist/.
const bundleUrl = pathToFileURL(join(__dirname, 'cli.js')).href;
const screen = helpScreenFor(process.argv.slice(2));
// The tty module, not process.stdout: creating that stream would cost more than printing the help.
const help = screen === undefined ? undefined : readStaticHelp(screen, bundleUrl, isatty(1) ? process.stdout.columns : undefined);
if (help === undefined) {
  void import(bundleUrl);
} else {
  writeHelp(help);
}

/** Straight to file descriptor 1; a reader that closed the pipe early (`| head`) is not an error. */
function writeHelp(text: string): void {
  try {
    writeSync(1, text);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EAGAIN') process.stdout.write(text);
    else if (code !== 'EPIPE') throw error;
  }
}
