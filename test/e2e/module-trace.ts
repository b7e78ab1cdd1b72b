/**
 * What a node process loaded: every module file (through a module `load` hook) and every
 * built-in module (`process.moduleLoadList`). Used by the end-to-end tests and the benchmark to
 * show that `--help`, `policies` and input errors never load the AWS SDK's code.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** What one traced run loaded. */
export interface ModuleTrace {
  /** Exit code (`null` if killed). */
  code: number | null;
  stdout: string;
  stderr: string;
  /** Absolute paths of the module files loaded, in load order. */
  files: string[];
  /** Entries of `process.moduleLoadList`, e.g. `NativeModule http`. */
  builtins: string[];
}

/**
 * Built-in modules that only the SDK's HTTP handler loads (`http` and `https` for every client,
 * `http2` for HTTP/2 services); nothing on the CLI's eager path needs them, so any of them
 * means the SDK was evaluated.
 */
export const SDK_BUILTINS = ['NativeModule http', 'NativeModule https', 'NativeModule http2'];

/**
 * A string every build of the SDK carries (SigV4's algorithm name, in @smithy/signature-v4) and
 * nothing else in this project does: a bundle file containing it holds SDK code.
 */
export const SDK_MARKER = 'AWS4-HMAC-SHA256';

// The hooks run on node's loader thread, so they write straight to the file they are given.
const hooks = `
import { appendFileSync } from 'node:fs';
let out;
export function initialize(data) { out = data.out; }
export async function load(url, context, next) {
  if (url.startsWith('file:')) appendFileSync(out, url + '\\n');
  return next(url, context);
}`;

const preload = `
import { register } from 'node:module';
import { writeFileSync } from 'node:fs';
const out = process.env.MODULE_TRACE_OUT;
writeFileSync(out + '.files', '');
register('data:text/javascript,' + encodeURIComponent(${JSON.stringify(hooks)}), { data: { out: out + '.files' } });
process.on('exit', () => writeFileSync(out + '.builtins', JSON.stringify(process.moduleLoadList)));`;

/**
 * Runs `process.execPath args…` with the trace hooks. `out` is a path prefix for the trace files
 * (in a temporary directory the caller owns); `env` is the child's whole environment.
 */
export function traceModules(args: string[], options: { out: string; env: Record<string, string>; cwd?: string }): ModuleTrace {
  const result = spawnSync(process.execPath, ['--import', `data:text/javascript,${encodeURIComponent(preload)}`, ...args], {
    cwd: options.cwd,
    encoding: 'utf8',
    env: { ...options.env, MODULE_TRACE_OUT: options.out },
    timeout: 30_000,
  });
  const files = readFileSync(`${options.out}.files`, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((url) => fileURLToPath(url));
  const builtins = JSON.parse(readFileSync(`${options.out}.builtins`, 'utf8')) as string[];
  return { code: result.status, stdout: result.stdout, stderr: result.stderr, files, builtins };
}

/** The bundle files that hold SDK code (see SDK_MARKER). */
export function filesWithSdkCode(files: string[]): string[] {
  return files.filter((file) => file.endsWith('.js') && readFileSync(file, 'utf8').includes(SDK_MARKER));
}

/**
 * `entry` and every bundle file it imports statically, transitively: what node must load before
 * the entry runs. Dynamic `import("…")` calls are left out: they load only when a command asks.
 */
export function staticImportClosure(entry: string): string[] {
  const seen = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = readFileSync(file, 'utf8');
    // `from"./x.js"` and `import"./x.js"`, never `import("./x.js")`.
    for (const match of source.matchAll(/\b(?:from|import)\s*"(\.{1,2}\/[^"]+)"/g)) visit(join(dirname(file), match[1] as string));
  };
  visit(entry);
  return [...seen];
}

/**
 * Module specifiers the bundle files import that are not files of the bundle: they must all be
 * node built-ins, or the published package (which has no dependencies) would fail to load them.
 */
export function importsOutsideBundle(files: string[]): string[] {
  const specifiers = new Set<string>();
  for (const file of files) {
    // The minified forms `from"x"`, `import"x"` and `import("x")` (not `Buffer.from("…")`).
    for (const match of readFileSync(file, 'utf8').matchAll(/\b(?:from"|import"|import\(")([^"]+)"/g)) {
      const specifier = match[1] as string;
      if (!specifier.startsWith('.')) specifiers.add(specifier);
    }
  }
  return [...specifiers].sort();
}

/** Every bundle file reachable from `entry` through static or dynamic relative imports. */
export function reachableFiles(entry: string): string[] {
  const seen = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = readFileSync(file, 'utf8');
    for (const match of source.matchAll(/\b(?:from|import)\s*\(?\s*"(\.{1,2}\/[^"]+)"/g)) visit(join(dirname(file), match[1] as string));
  };
  visit(entry);
  return [...seen];
}
