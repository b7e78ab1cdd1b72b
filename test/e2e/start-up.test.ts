/**
 * "--help, `policies` and input errors never load the AWS SDK", checked on the built binary.
 * The build splits the CLI: dist/cli.js (and the chunks it imports statically) is what every run
 * loads; each command's code, the SDK included, sits in chunks loaded only when that command
 * runs. Two independent signs of the SDK are watched: a bundle file holding SDK code being
 * loaded, and node's HTTP modules, which only the SDK's HTTP handler loads. The control cases
 * prove that both signs do appear when the SDK is used.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { createServer } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filesWithSdkCode, importsOutsideBundle, reachableFiles, SDK_BUILTINS, staticImportClosure, traceModules, type ModuleTrace } from './module-trace.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const bin = join(root, 'bin', 'personalize-setup.js');
const entry = join(root, 'dist', 'cli.js');

let dir: string;
beforeAll(async () => {
  if (!existsSync(entry)) throw new Error('dist/cli.js is missing: run `npm run build` (npm test does) first');
  dir = await mkdtemp(join(tmpdir(), 'personalize-setup-start-up-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function trace(name: string, args: string[], env: Record<string, string> = {}): ModuleTrace {
  // A clean environment: no AWS credentials, profiles or endpoints of the machine running the tests.
  const base = { PATH: process.env.PATH ?? '', HOME: dir, CI: 'true', FORCE_COLOR: '0' };
  return traceModules(args, { out: join(dir, name), env: { ...base, ...env }, cwd: root });
}

/** The bundle files a run loaded, relative to the repository root. */
function bundleFiles(run: ModuleTrace): string[] {
  return run.files.filter((file) => file.startsWith(join(root, 'dist'))).map((file) => file.slice(root.length + 1));
}

/** A local port nothing listens on: connections to it are refused at once. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('the bundle', () => {
  it('holds the SDK in chunks that dist/cli.js does not import statically', () => {
    const all = reachableFiles(entry);
    const withSdk = filesWithSdkCode(all);
    expect(withSdk.length).toBeGreaterThan(0);
    for (const file of staticImportClosure(entry)) expect(withSdk).not.toContain(file);
  });

  it('has no file that nothing imports (a stale chunk of an earlier build)', () => {
    const chunks = readdirSync(join(root, 'dist', 'chunks')).map((name) => join(root, 'dist', 'chunks', name));
    expect(readdirSync(join(root, 'dist')).sort()).toEqual(['chunks', 'cli.js', 'help', 'start.cjs']);
    expect(reachableFiles(entry).sort()).toEqual([entry, ...chunks].sort());
  });

  it('imports nothing but its own files and node built-ins', () => {
    const outside = importsOutsideBundle(reachableFiles(entry));
    expect(outside.length).toBeGreaterThan(0);
    expect(outside.filter((specifier) => !isBuiltin(specifier))).toEqual([]);
  });
});

describe('what a run loads', () => {
  it('control: plan loads the SDK chunks and the HTTP modules, and they run without node_modules', async () => {
    const port = await closedPort();
    const run = trace('plan', [bin, 'plan', '--region', 'eu-west-1', '--endpoint-url', `http://127.0.0.1:${port}`, '--state-dir', join(dir, 'state')], {
      AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      AWS_EC2_METADATA_DISABLED: 'true',
      // One attempt: the refused connection fails the run at once instead of after retries.
      AWS_MAX_ATTEMPTS: '1',
    });
    // The SDK loaded and ran: the failure is the refused connection, not a missing module.
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`127.0.0.1:${port}`);
    expect(run.stderr).not.toMatch(/Cannot find (module|package)|Dynamic require/);
    expect(filesWithSdkCode(run.files).length).toBeGreaterThan(0);
    expect(run.builtins).toEqual(expect.arrayContaining(['NativeModule http', 'NativeModule https']));
    // Nothing outside the bundle: the published package has no dependencies to load.
    expect(run.files.filter((file) => file.includes('node_modules'))).toEqual([]);
  });

  it('a bare --help is printed from the screens rendered at build time: no ES module bundle, no commander', () => {
    for (const args of [['--help'], ['plan', '--help'], ['init', '-h']]) {
      const run = trace('help', [bin, ...args]);
      expect(run.code).toBe(0);
      const screen = args.length === 1 ? 'personalize-setup' : args[0]!;
      expect(run.stdout).toBe(readFileSync(join(root, 'dist', 'help', `${screen}.txt`), 'utf8'));
      expect(bundleFiles(run)).toEqual([]);
    }
  });

  it('control: help with anything else goes through commander in the bundle', () => {
    const run = trace('help-with-flag', [bin, 'plan', '--no-color', '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Usage: personalize-setup plan');
    const loaded = run.files.filter((file) => file.startsWith(join(root, 'dist')));
    expect(loaded.filter((file) => readFileSync(file, 'utf8').includes('exports.CommanderError=')).length).toBeGreaterThan(0);
  });

  it.each([
    ['help', ['--help'], 0, false],
    ['version', ['--version'], 0, true],
    ['init-help', ['init', '--help'], 0, false],
    ['plan-help', ['plan', '--help'], 0, false],
    ['plan-help-with-flag', ['plan', '--no-color', '--help'], 0, true],
    ['policies', ['policies', '--account', '123456789012', '--region', 'eu-west-1', '--bucket', 'my-personalize-data', '--json'], 0, true],
    ['policies-bad-account', ['policies', '--account', '12', '--region', 'eu-west-1'], 64, true],
    ['plan-bad-bucket', ['plan', '--region', 'eu-west-1', '--bucket', 'My_Bucket'], 64, true],
    ['init-bad-cidr', ['init', '--yes', '--region', 'eu-west-1', '--allowed-cidr', '10.0.0.0/33'], 64, true],
    ['unknown-option', ['plan', '--bukcet', 'data'], 64, true],
  ])('%s loads no AWS SDK code', (name, args, code, loadsBundle) => {
    const run = trace(name, [bin, ...args]);
    expect(run.code).toBe(code);
    expect(bundleFiles(run).includes('dist/cli.js')).toBe(loadsBundle);
    expect(filesWithSdkCode(run.files)).toEqual([]);
    for (const marker of SDK_BUILTINS) expect(run.builtins).not.toContain(marker);
  });
});
