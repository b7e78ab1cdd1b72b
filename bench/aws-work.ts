/**
 * AWS work: the real command line (`runCli`, in-process) against the in-memory account of
 * test/support, with a fixed simulated latency on every call. For each scenario it counts the
 * AWS requests, the writes and the sequential round trips on the critical path, and times the
 * whole command. The SDK's clients are the real ones, mocked by aws-sdk-client-mock: no network.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CliContext } from '../src/cli/cli-context.js';
import { runCli } from '../src/cli/run-cli.js';
import { FakeAccount } from '../test/support/fake-account.js';
import { median, round } from './stats.js';

const ACCOUNT = '123456789012';
const REGION = 'eu-west-1';

/** Dummy credentials the SDK's default chain picks up at once; no metadata service is probed. */
const AWS_ENV = {
  AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
  AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  AWS_EC2_METADATA_DISABLED: 'true',
};

/** The setup every scenario asks for: the caller as operator, one bucket and one key. */
const SETUP = ['--bucket', 'my-personalize-data', '--kms-key', 'alias/personalize'];

/** One measured command: `prepare` runs first, unmeasured, on the same account. */
interface Scenario {
  name: string;
  prepare: string[][];
  argv: string[];
  expectedCode: number;
}

const SCENARIOS: Scenario[] = [
  // --detailed-exitcode: 2 proves there was work to plan, 0 that the account was fully set up.
  { name: 'plan, fresh account', prepare: [], argv: ['plan', ...SETUP, '--detailed-exitcode'], expectedCode: 2 },
  { name: 'plan, set-up account', prepare: [['init', '--yes', ...SETUP]], argv: ['plan', ...SETUP, '--detailed-exitcode'], expectedCode: 0 },
  { name: 'init --yes, fresh account', prepare: [], argv: ['init', '--yes', ...SETUP], expectedCode: 0 },
  { name: 'init --yes, no-op re-run', prepare: [['init', '--yes', ...SETUP]], argv: ['init', '--yes', ...SETUP], expectedCode: 0 },
];

export interface AwsWorkFigure {
  scenario: string;
  command: string;
  /** Medians over the runs. */
  requests: number;
  writes: number;
  roundTrips: number;
  wallMs: number;
  /** Every run's round trips and requests, to show they do not vary. */
  roundTripsPerRun: number[];
  requestsPerRun: number[];
}

export interface AwsWorkResult {
  latencyMs: number;
  runs: number;
  scenarios: AwsWorkFigure[];
}

export async function measureAwsWork(options: { latencyMs: number; runs: number }): Promise<AwsWorkResult> {
  Object.assign(process.env, AWS_ENV);
  // As src/cli/main.ts does for the real process: no SDK notice about Node versions.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  for (const name of ['AWS_PROFILE', 'AWS_REGION', 'AWS_DEFAULT_REGION', 'AWS_ENDPOINT_URL', 'AWS_SESSION_TOKEN']) delete process.env[name];

  // One unmeasured pass first: the command modules and the SDK are imported on first use.
  for (const scenario of SCENARIOS) await runScenario(scenario, options.latencyMs);

  const scenarios: AwsWorkFigure[] = [];
  for (const scenario of SCENARIOS) {
    const samples: Sample[] = [];
    for (let i = 0; i < options.runs; i++) samples.push(await runScenario(scenario, options.latencyMs));
    scenarios.push({
      scenario: scenario.name,
      command: `personalize-setup ${scenario.argv.join(' ')}`,
      requests: median(samples.map((s) => s.requests)),
      writes: median(samples.map((s) => s.writes)),
      roundTrips: median(samples.map((s) => s.roundTrips)),
      wallMs: round(median(samples.map((s) => s.wallMs)), 1),
      roundTripsPerRun: samples.map((s) => s.roundTrips),
      requestsPerRun: samples.map((s) => s.requests),
    });
  }
  return { latencyMs: options.latencyMs, runs: options.runs, scenarios };
}

interface Sample {
  requests: number;
  writes: number;
  roundTrips: number;
  wallMs: number;
}

async function runScenario(scenario: Scenario, latencyMs: number): Promise<Sample> {
  const stateDir = await mkdtemp(join(tmpdir(), 'personalize-setup-bench-'));
  const account = FakeAccount.install({ account: ACCOUNT, region: REGION, callerArn: `arn:aws:iam::${ACCOUNT}:user/alice`, latencyMs });
  try {
    account.addBucket('my-personalize-data');
    account.addKey({ aliases: ['alias/personalize'] });
    for (const argv of scenario.prepare) await cli(argv, stateDir, 0);

    // Every earlier call has ended before the measured command starts, so the measured command's
    // own critical path is the growth of the whole log's.
    const before = { requests: account.calls.length, writes: account.mutatingCalls().length, roundTrips: account.criticalPathLength() };
    const start = performance.now();
    await cli(scenario.argv, stateDir, scenario.expectedCode);
    const wallMs = performance.now() - start;
    return {
      requests: account.calls.length - before.requests,
      writes: account.mutatingCalls().length - before.writes,
      roundTrips: account.criticalPathLength() - before.roundTrips,
      wallMs,
    };
  } finally {
    account.uninstall();
    await rm(stateDir, { recursive: true, force: true });
  }
}

/** `personalize-setup …argv --region eu-west-1 --state-dir DIR`, as CI would run it; output is dropped. */
async function cli(argv: string[], stateDir: string, expectedCode: number): Promise<void> {
  const stderr: string[] = [];
  const ctx: CliContext = {
    stdout: { write: () => true, isTTY: false },
    stderr: { write: (chunk: string) => stderr.push(chunk), isTTY: false },
    stdinIsTTY: false,
    env: { ...AWS_ENV, CI: 'true' },
  };
  const code = await runCli([...argv, '--region', REGION, '--state-dir', stateDir], ctx);
  if (code !== expectedCode) throw new Error(`personalize-setup ${argv.join(' ')} exited ${code}, expected ${expectedCode}:\n${stderr.join('')}`);
}
