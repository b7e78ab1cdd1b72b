/**
 * The package as users get it: the `npm pack` tarball, then a production install of that
 * tarball into an empty folder, whose installed binary must run on its own.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, readdirSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { npm } from './npm.js';

export interface PackageFigures {
  tarballBytes: number;
  unpackedBytes: number;
  /** Paths in the tarball, sorted. */
  files: string[];
  /** Bytes of every file under the install's node_modules. */
  installBytes: number;
  /** Packages under the install's node_modules, this one included. */
  installedPackages: number;
  /** Whether the installed binary answered `--help` and `policies` with exit 0. */
  installedBinaryRuns: boolean;
}

export async function measurePackage(options: { root: string; scratchDir: string }): Promise<PackageFigures> {
  const packDir = join(options.scratchDir, 'pack');
  await mkdir(packDir, { recursive: true });
  // dist/ was just built by the benchmark: no `prepare` rebuild.
  const [packed] = JSON.parse(npm(['pack', '--json', '--ignore-scripts', '--pack-destination', packDir], options.root)) as {
    filename: string;
    size: number;
    unpackedSize: number;
    files: { path: string }[];
  }[];
  if (!packed) throw new Error('npm pack printed no result');

  const installDir = join(options.scratchDir, 'install');
  await mkdir(installDir, { recursive: true });
  await writeFile(join(installDir, 'package.json'), `${JSON.stringify({ name: 'bench-install', private: true })}\n`);
  npm(['install', '--omit=dev', '--no-audit', '--no-fund', '--no-package-lock', join(packDir, packed.filename)], installDir);

  const modules = join(installDir, 'node_modules');
  const bin = join(modules, 'personalize-setup', 'bin', 'personalize-setup.js');
  const env = { PATH: process.env.PATH ?? '', HOME: options.scratchDir, CI: 'true' };
  const runs = [['--help'], ['policies', '--account', '123456789012', '--region', 'eu-west-1']].map(
    (args) => spawnSync(process.execPath, [bin, ...args], { cwd: installDir, env, encoding: 'utf8' }).status,
  );

  return {
    tarballBytes: packed.size,
    unpackedBytes: packed.unpackedSize,
    files: packed.files.map((file) => file.path).sort(),
    installBytes: treeBytes(modules),
    installedPackages: countPackages(modules),
    installedBinaryRuns: existsSync(bin) && runs.every((code) => code === 0),
  };
}

/** Directories holding a package.json under node_modules, at any depth (scoped ones too). */
function countPackages(modules: string): number {
  if (!existsSync(modules)) return 0;
  let count = 0;
  for (const entry of readdirSync(modules, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
    const dir = join(modules, entry.name);
    if (entry.name.startsWith('@')) {
      count += countPackages(dir);
      continue;
    }
    if (existsSync(join(dir, 'package.json'))) count += 1;
    count += countPackages(join(dir, 'node_modules'));
  }
  return count;
}

/** Bytes of the regular files in a tree (symbolic links, e.g. node_modules/.bin, not followed). */
function treeBytes(dir: string): number {
  if (!existsSync(dir)) return 0;
  return readdirSync(dir, { withFileTypes: true }).reduce((sum, entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sum + treeBytes(path);
    return entry.isFile() ? sum + lstatSync(path).size : sum;
  }, 0);
}
