/**
 * What `npm publish` would ship, from `npm pack --dry-run` (no network, no build: `npm test`
 * has built dist/ already): the shim, the bundle, README and LICENSE, and no dependencies,
 * because everything the CLI runs is in the bundle.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

interface PackResult {
  files: { path: string; size: number }[];
  entryCount: number;
}

/** `npm` as the test runner was started with it (`npm test`), else the one on PATH. */
function npm(args: string[]): string {
  const execPath = process.env.npm_execpath;
  const [command, commandArgs] = execPath?.endsWith('.js') ? [process.execPath, [execPath, ...args]] : ['npm', args];
  const result = spawnSync(command, commandArgs, { cwd: root, encoding: 'utf8', timeout: 60_000 });
  if (result.status !== 0) throw new Error(`npm ${args.join(' ')} failed: ${result.stderr}`);
  return result.stdout;
}

let packed: PackResult;
beforeAll(() => {
  // --ignore-scripts: prepare would rebuild dist/ under the other tests' feet.
  [packed] = JSON.parse(npm(['pack', '--dry-run', '--json', '--ignore-scripts'])) as PackResult[];
});

describe('the published package', () => {
  it('ships bin/, the bundle, README.md and LICENSE, and nothing else', () => {
    const paths = packed.files.map((file) => file.path).sort();
    const chunks = readdirSync(join(root, 'dist', 'chunks')).map((name) => `dist/chunks/${name}`);
    const helpScreens = readdirSync(join(root, 'dist', 'help')).map((name) => `dist/help/${name}`);
    expect(helpScreens).toHaveLength(5);
    expect(paths).toEqual(['LICENSE', 'README.md', 'bin/package.json', 'bin/personalize-setup.js', 'dist/cli.js', 'dist/start.cjs', ...chunks, ...helpScreens, 'package.json'].sort());
  });

  it('declares no dependencies: the bundle holds everything it runs', () => {
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Record<string, unknown>;
    expect(manifest.dependencies).toBeUndefined();
    expect(manifest.optionalDependencies).toBeUndefined();
    expect(manifest.peerDependencies).toBeUndefined();
    expect(manifest.bin).toEqual({ 'personalize-setup': 'bin/personalize-setup.js' });
  });

  it('says which Node versions it runs on, and this one (each version CI tests) is among them', () => {
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { engines?: { node?: string } };
    const minimum = /^>=(\d+)\.(\d+)\.(\d+)$/.exec(manifest.engines?.node ?? '');
    expect(minimum).not.toBeNull();
    const [major, minor, patch] = process.versions.node.split('.').map(Number) as [number, number, number];
    const [minMajor, minMinor, minPatch] = (minimum as RegExpExecArray).slice(1).map(Number) as [number, number, number];
    expect(major * 1e6 + minor * 1e3 + patch).toBeGreaterThanOrEqual(minMajor * 1e6 + minMinor * 1e3 + minPatch);
  });
});
