/**
 * `npm run bench`: builds the CLI, then measures its start-up, its AWS work against the
 * in-memory account and its package; prints a table, writes bench/results.json, and exits 1
 * when a budget of issue #5 is not met (or something could not be measured).
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { measureAwsWork } from './aws-work.js';
import { checkBudgets } from './budgets.js';
import { measureBundle } from './bundle.js';
import { npm } from './npm.js';
import { parseBenchOptions, USAGE } from './options.js';
import { measurePackage, type PackageFigures } from './package-size.js';
import { renderReport } from './report.js';
import type { BenchResults } from './results.js';
import { measureStartUp } from './start-up.js';

async function main(argv: string[]): Promise<number> {
  const options = parseBenchOptions(argv);
  if (!options) {
    process.stdout.write(USAGE);
    return 0;
  }
  // npm runs scripts from the package root.
  const root = process.cwd();
  if (!existsSync(join(root, 'bin', 'personalize-setup.js'))) throw new Error(`run the benchmark from the package root (npm run bench), not ${root}`);

  const progress = (text: string): void => {
    process.stderr.write(`bench: ${text}\n`);
  };
  const scratchDir = await mkdtemp(join(tmpdir(), 'personalize-setup-bench-'));
  try {
    progress('building dist/ (npm run build)');
    npm(['run', 'build', '--silent'], root);
    const bundle = measureBundle(root);

    progress(`start-up: each command ${options.startUpRuns}× against node -e 0`);
    const startUp = measureStartUp({ root, runs: options.startUpRuns, scratchDir });

    progress(`AWS work: each scenario ${options.runs}× at ${options.latencyMs} ms per call`);
    const awsWork = await measureAwsWork({ latencyMs: options.latencyMs, runs: options.runs });

    let pkg: PackageFigures | undefined;
    if (!options.skipPackage) {
      progress('package: npm pack, then a production install of the tarball');
      pkg = await measurePackage({ root, scratchDir });
    }

    const budgets = checkBudgets({ startUp, awsWork, bundle, package: pkg });
    const cpu = cpus();
    const results: BenchResults = {
      date: new Date().toISOString(),
      machine: { node: process.versions.node, platform: process.platform, arch: process.arch, cpus: cpu.length, cpuModel: cpu[0]?.model.trim() ?? 'unknown' },
      startUp,
      awsWork,
      bundle,
      ...(pkg ? { package: pkg } : {}),
      budgets,
      passed: budgets.every((check) => check.pass !== false),
    };
    await writeFile(resolve(root, options.out), `${JSON.stringify(results, null, 2)}\n`);
    process.stdout.write(renderReport(results));
    progress(`wrote ${options.out}`);
    return results.passed ? 0 : 1;
  } finally {
    await rm(scratchDir, { recursive: true, force: true });
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
