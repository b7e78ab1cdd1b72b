/** The benchmark's own command line: `npm run bench -- --latency 100 --runs 9`. */
import { parseArgs } from 'node:util';

export interface BenchOptions {
  /** Simulated latency of every AWS call, in ms. Default 50 (real calls take 50–200 ms). */
  latencyMs: number;
  /** Measured runs per AWS scenario; figures are medians. Default 5. */
  runs: number;
  /** Runs of each start-up command, interleaved with the `node -e 0` baseline. Default 20. */
  startUpRuns: number;
  /** Skip `npm pack` and the production install (e.g. offline). Default false. */
  skipPackage: boolean;
  /** Where the results go. Default bench/results.json. */
  out: string;
}

export const USAGE = `Usage: npm run bench -- [--latency MS] [--runs N] [--start-up-runs N] [--skip-package] [--out FILE]

  --latency MS        simulated latency of every AWS call (default 50)
  --runs N            measured runs per AWS scenario; figures are medians (default 5)
  --start-up-runs N   runs of each start-up command (default 20)
  --skip-package      do not pack and install the package
  --out FILE          where to write the results (default bench/results.json)
`;

/** Returns `undefined` for `--help`; throws with a one-line message on bad input. */
export function parseBenchOptions(argv: string[]): BenchOptions | undefined {
  const { values } = parseArgs({
    args: argv,
    options: {
      latency: { type: 'string', default: '50' },
      runs: { type: 'string', default: '5' },
      'start-up-runs': { type: 'string', default: '20' },
      'skip-package': { type: 'boolean', default: false },
      out: { type: 'string', default: 'bench/results.json' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) return undefined;
  return {
    latencyMs: count(values.latency, '--latency', 0),
    runs: count(values.runs, '--runs', 1),
    startUpRuns: count(values['start-up-runs'], '--start-up-runs', 1),
    skipPackage: values['skip-package'],
    out: values.out,
  };
}

function count(text: string, flag: string, minimum: number): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < minimum) throw new Error(`invalid ${flag} ${JSON.stringify(text)}: give a whole number ≥ ${minimum}`);
  return value;
}
