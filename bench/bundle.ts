/** The shape of the bundle in dist/: what every run loads, and whether anything in it never can. */
import { isBuiltin } from 'node:module';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { importsOutsideBundle, reachableFiles, staticImportClosure } from '../test/e2e/module-trace.js';

export interface BundleFigures {
  files: number;
  bytes: number;
  /** dist/cli.js and the chunks it imports statically: what every run loads. */
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
  const reachable = new Set(reachableFiles(join(dist, 'cli.js')));
  const entry = staticImportClosure(join(dist, 'cli.js'));
  return {
    files: all.length,
    bytes: sumSizes(all),
    entryFiles: entry.length,
    entryBytes: sumSizes(entry),
    unreachable: all.filter((file) => !reachable.has(file)).map((file) => relative(root, file)),
    foreignImports: importsOutsideBundle([...reachable]).filter((specifier) => !isBuiltin(specifier)),
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
