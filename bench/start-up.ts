/** Start-up: the wall time of the built CLI against a bare `node -e 0`, and what each run loads. */
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { filesWithSdkCode, SDK_BUILTINS, traceModules } from '../test/e2e/module-trace.js';
import { median, round } from './stats.js';

/** One command line of the CLI whose start-up is measured. */
export interface StartUpCommand {
  /** As shown in the table, e.g. `--help`. */
  label: string;
  args: string[];
  expectedCode: number;
}

export const START_UP_COMMANDS: StartUpCommand[] = [
  { label: '--help', args: ['--help'], expectedCode: 0 },
  { label: 'policies --account … --region … --bucket …', args: ['policies', '--account', '123456789012', '--region', 'eu-west-1', '--bucket', 'my-personalize-data'], expectedCode: 0 },
  { label: 'plan --bucket My_Bucket (input error)', args: ['plan', '--region', 'eu-west-1', '--bucket', 'My_Bucket'], expectedCode: 64 },
];

export interface StartUpFigure {
  label: string;
  medianMs: number;
  /** `medianMs` over the baseline's median. */
  ratio: number;
  /** Whether any bundle file holding AWS SDK code, or node's HTTP modules, were loaded. */
  sdkLoaded: boolean;
  /** Bytes of bundle files (dist/) the run loaded. */
  bundleBytesLoaded: number;
}

export interface StartUpResult {
  runs: number;
  baselineMs: number;
  commands: StartUpFigure[];
  /**
   * `node -e 0` and `--help` again with the benchmark's own environment, when it sets variables
   * that change node's start-up (shown for comparison; the budgets use the clean figures).
   */
  inheritedEnvironment?: { variables: string[]; baselineMs: number; helpMs: number; ratio: number };
}

/** Variables of the environment that change how long every node process takes to start. */
const START_UP_VARIABLES = ['NODE_OPTIONS', 'NODE_EXTRA_CA_CERTS', 'NODE_COMPILE_CACHE', 'NODE_DISABLE_COMPILE_CACHE'];

export function measureStartUp(options: { root: string; runs: number; scratchDir: string }): StartUpResult {
  const bin = join(options.root, 'bin', 'personalize-setup.js');
  // Nothing of the machine's node options, AWS setup, colours or terminal: as CI runs it. (On
  // Node 20, NODE_EXTRA_CA_CERTS alone adds 50–90 ms to every start, which would flatter ratios.)
  const env = { PATH: process.env.PATH ?? '', HOME: options.scratchDir, CI: 'true', FORCE_COLOR: '0' };
  const baseline = { label: 'node -e 0', args: ['-e', '0'], expectedCode: 0 };
  const lines = [baseline, ...START_UP_COMMANDS.map((command) => ({ ...command, args: [bin, ...command.args] }))];
  const samples = timeInterleaved(lines, { cwd: options.root, env, runs: options.runs });

  const baselineMs = median(samples[0] ?? []);
  const commands = START_UP_COMMANDS.map((command, i): StartUpFigure => {
    const medianMs = median(samples[i + 1] ?? []);
    const trace = traceModules([bin, ...command.args], { out: join(options.scratchDir, `trace-${i}`), env, cwd: options.root });
    // The trace sees ES modules only; dist/start.cjs (CommonJS, required by bin/) loads on every run.
    const bundleFiles = [join(options.root, 'dist', 'start.cjs'), ...trace.files.filter((file) => file.startsWith(join(options.root, 'dist')))];
    return {
      label: command.label,
      medianMs: round(medianMs, 1),
      ratio: round(medianMs / baselineMs, 2),
      sdkLoaded: filesWithSdkCode(bundleFiles).length > 0 || trace.builtins.some((name) => SDK_BUILTINS.includes(name)),
      bundleBytesLoaded: sumSizes(bundleFiles),
    };
  });
  const result: StartUpResult = { runs: options.runs, baselineMs: round(baselineMs, 1), commands };
  const variables = START_UP_VARIABLES.filter((name) => process.env[name] !== undefined);
  if (variables.length > 0) {
    const inherited = { ...process.env, CI: 'true', FORCE_COLOR: '0' } as Record<string, string>;
    const [nodeSamples, helpSamples] = timeInterleaved([baseline, { label: '--help', args: [bin, '--help'], expectedCode: 0 }], {
      cwd: options.root,
      env: inherited,
      runs: options.runs,
    });
    const nodeMs = median(nodeSamples ?? []);
    const helpMs = median(helpSamples ?? []);
    result.inheritedEnvironment = { variables, baselineMs: round(nodeMs, 1), helpMs: round(helpMs, 1), ratio: round(helpMs / nodeMs, 2) };
  }
  return result;
}

/**
 * Wall times of `process.execPath …args` for each line, round after round, so that a busy moment
 * of the machine weighs on every line alike; a first, dropped round warms the file cache.
 */
function timeInterleaved(lines: { args: string[]; expectedCode: number }[], options: { cwd: string; env: Record<string, string>; runs: number }): number[][] {
  const samples = lines.map((): number[] => []);
  for (let pass = 0; pass <= options.runs; pass++) {
    lines.forEach((line, i) => {
      const start = performance.now();
      const result = spawnSync(process.execPath, line.args, { cwd: options.cwd, env: options.env, encoding: 'utf8' });
      const ms = performance.now() - start;
      if (result.status !== line.expectedCode) {
        throw new Error(`node ${line.args.join(' ')} exited ${String(result.status)}, expected ${line.expectedCode}: ${result.stderr}`);
      }
      if (pass > 0) samples[i]?.push(ms);
    });
  }
  return samples;
}

function sumSizes(files: string[]): number {
  return files.reduce((sum, file) => sum + statSync(file).size, 0);
}
