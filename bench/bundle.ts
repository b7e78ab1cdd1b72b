/** The shape of the bundle in dist/: what every run loads, and whether anything in it never can. */
import { isBuiltin } from 'node:module';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { HELP_SCREENS } from '../src/cli/static-help.js';
import { importsOutsideBundle, reachableFiles } from '../test/e2e/module-trace.js';

export interface BundleFigures {
  files: number;
  bytes: number;
  /** dist/start.cjs: what every run loads (a bare --help nothing more; the rest adds dist/cli.js and its chunks). */
  entryFiles: number;
  entryBytes: number;
  /** Files of dist/ that no import reaches (code that can never run). */
  unreachable: string[];
  /** Modules the bundle imports that are neither its own files nor node built-ins. */
  foreignImports: string[];
}

export function measureBundle(root: string): BundleFigures {
  const dist = join(root, 'dist');
  const all = listFiles(dist);
  // dist/start.cjs is what bin/ requires; the help screens are data it reads (static-help.ts).
  const helpScreens = HELP_SCREENS.map((screen) => join(dist, 'help', `${screen}.txt`));
  const reachable = new Set([join(dist, 'start.cjs'), ...reachableFiles(join(dist, 'cli.js')), ...helpScreens]);
  const entry = [join(dist, 'start.cjs')];
  return {
    files: all.length,
    bytes: sumSizes(all),
    entryFiles: entry.length,
    entryBytes: sumSizes(entry),
    unreachable: all.filter((file) => !reachable.has(file)).map((file) => relative(root, file)),
    foreignImports: importsOutsideBundle([...reachable].filter((file) => file.endsWith('.js'))).filter((specifier) => !isBuiltin(specifier)),
  };
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? listFiles(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

function sumSizes(files: string[]): number {
  return files.reduce((sum, file) => sum + statSync(file).size, 0);
}
