/**
 * The scenarios of issue #3 drive the real command line in-process (`runCli`) against the
 * in-memory account (test/support/fake-account.ts): the real adapters over mocked SDK clients,
 * a temporary state directory, no network. Each scenario seeds a small standard account — the
 * operator `alice`, the data bucket and a customer managed key — and observes what a user would:
 * the exit code, stdout, stderr, the one JSON document of `--json`, and the account itself.
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Aws } from '../../src/aws/api.js';
import { createAws } from '../../src/aws/create-aws.js';
import type { CliContext } from '../../src/cli/cli-context.js';
import { runCli } from '../../src/cli/run-cli.js';
import type { AwsOptions } from '../../src/config/setup-config.js';
import type { Change } from '../../src/steps/types.js';
import { fakeContext } from '../cli/fake-context.js';
import { FakeAccount } from '../support/fake-account.js';
import type { FakeAccountOptions } from '../support/fake-account.js';

export const ACCOUNT = '123456789012';
export const REGION = 'eu-west-1';
export const BUCKET = 'my-personalize-data';
export const KEY_ALIAS = 'alias/personalize';
export const OPERATOR = 'alice';
export const ROLE_NAME = 'PersonalizeRole';
export const OPERATOR_POLICY = 'PersonalizeOperatorAccess';
export const MANAGED_BY = { 'managed-by': 'personalize-setup' } as const;

/** Dummy credentials the SDK's default chain picks up; the journal must never contain them. */
export const CREDENTIALS = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
} as const;

const AWS_ENV = {
  AWS_ACCESS_KEY_ID: CREDENTIALS.accessKeyId,
  AWS_SECRET_ACCESS_KEY: CREDENTIALS.secretAccessKey,
  // No instance-metadata probe: the credential chain must never reach for the network.
  AWS_EC2_METADATA_DISABLED: 'true',
} as const;

// The SDK reads credentials from process.env, the CLI from ctx.env: set both.
Object.assign(process.env, AWS_ENV);
for (const name of ['AWS_PROFILE', 'AWS_REGION', 'AWS_DEFAULT_REGION', 'AWS_ENDPOINT_URL', 'AWS_SESSION_TOKEN']) delete process.env[name];

/** What `--attach-to user:alice --bucket … --kms-key …` answers: the standard full setup. */
export function answers(o: { attachTo?: string[]; bucket?: string; kmsKey?: string } = {}): string[] {
  const attachTo = o.attachTo ?? [`user:${OPERATOR}`];
  return [
    ...attachTo.flatMap((target) => ['--attach-to', target]),
    '--bucket',
    o.bucket ?? BUCKET,
    '--kms-key',
    o.kmsKey ?? KEY_ALIAS,
  ];
}

// ---- the JSON documents of --json, as the command-line contract defines them

/** `{ id, summary, resource }` of a change in init's and rollback's reports. */
export interface ChangeRef {
  id: string;
  summary: string;
  resource: string;
}

export interface StepJson {
  step: string;
  title: string;
  changes: Change[];
  notes: string[];
  warnings: string[];
  errors: string[];
}

export interface PlanJson {
  command: 'plan';
  account: string;
  region: string;
  partition: string;
  callerArn: string;
  roleArn: string;
  pendingChanges: number;
  errors: string[];
  warnings: string[];
  steps: StepJson[];
}

export interface InitJson {
  command: 'init';
  status: 'applied' | 'nothing-to-do' | 'dry-run' | 'plan-errors' | 'rolled-back' | 'rollback-incomplete' | 'failed-no-rollback' | 'aborted';
  runId: string | null;
  journalPath: string | null;
  roleArn: string;
  plan: Omit<PlanJson, 'command'> & { command?: string };
  applied: ChangeRef[];
  undone: ChangeRef[];
  skipped: (ChangeRef & { reason: string })[];
  failed: (ChangeRef & { index: number; total: number; error: string; awsCode?: string }) | null;
  notUndone: (ChangeRef & { error: string; howToFinish: string })[];
  commandLine: string;
}

export interface RollbackJson {
  command: 'rollback';
  status: 'rolled-back' | 'refused' | 'incomplete' | 'nothing-to-undo';
  runId: string;
  undone: ChangeRef[];
  skipped: (ChangeRef & { reason: string })[];
  drift: (ChangeRef & { diff: string })[];
  failed: (ChangeRef & { error: string; howToFinish: string })[];
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout parsed, when `--json` was passed (a run whose stdout is not one JSON document throws). */
  json: unknown;
}

export function planJson(run: CliRun): PlanJson {
  return jsonOf<PlanJson>(run, 'plan');
}

export function initJson(run: CliRun): InitJson {
  return jsonOf<InitJson>(run, 'init');
}

export function rollbackJson(run: CliRun): RollbackJson {
  return jsonOf<RollbackJson>(run, 'rollback');
}

function jsonOf<T>(run: CliRun, command: string): T {
  const json = run.json as { command?: unknown } | undefined;
  if (json?.command !== command) {
    throw new Error(`expected the JSON of "${command}", got: ${run.stdout}\n(stderr: ${run.stderr})`);
  }
  return json as T;
}

/** Every change of a plan that will be applied, in apply order. */
export function pendingChangesOf(plan: Pick<PlanJson, 'steps'>): Change[] {
  return plan.steps.flatMap((step) => step.changes).filter((change) => change.action !== 'noop');
}

/** The lines of a text that start with `error:` (a failure ends with exactly one). */
export function errorLines(text: string): string[] {
  return text.split('\n').filter((line) => line.startsWith('error:'));
}

// ---- the scenario: one account, one state directory, the command line

export interface RunOptions {
  /** Merged over the standard test seams (fast createAws). */
  overrides?: NonNullable<CliContext['overrides']>;
  env?: Record<string, string | undefined>;
}

export interface ScenarioOptions extends FakeAccountOptions {
  /** Seed user alice (default true). */
  operator?: boolean;
  /** Seed the bucket (default true; false for the --create-bucket scenarios). */
  bucket?: boolean;
  /** Policy of the seeded bucket (default none). */
  bucketPolicy?: object;
  /** Policy of the seeded key (default: the KMS default key policy). */
  keyPolicy?: object;
}

export class Scenario {
  private constructor(
    readonly fake: FakeAccount,
    readonly stateDir: string,
    /** The seeded key, reachable as `alias/personalize`. */
    readonly key: { keyId: string; arn: string },
    readonly region: string,
  ) {}

  /** Installs a fresh fake account, seeds the standard resources and makes a state directory. */
  static async start(options: ScenarioOptions = {}): Promise<Scenario> {
    const { operator = true, bucket = true, bucketPolicy, keyPolicy, ...accountOptions } = options;
    const region = accountOptions.region ?? REGION;
    const fake = FakeAccount.install({ account: ACCOUNT, ...accountOptions, region });
    if (operator) fake.addUser(OPERATOR);
    if (bucket) fake.addBucket(BUCKET, bucketPolicy === undefined ? {} : { policy: bucketPolicy });
    const key = fake.addKey({ aliases: [KEY_ALIAS], ...(keyPolicy === undefined ? {} : { policy: keyPolicy }) });
    const stateDir = await mkdtemp(join(tmpdir(), 'personalize-setup-scenario-'));
    return new Scenario(fake, stateDir, key, region);
  }

  /** Runs the command line; adds `--region` and `--state-dir` unless `argv` has them. */
  async run(argv: string[], options: RunOptions = {}): Promise<CliRun> {
    const args = [...argv];
    if (!args.includes('--region')) args.push('--region', this.region);
    if (!args.includes('--state-dir')) args.push('--state-dir', this.stateDir);
    const recorded = fakeContext({ env: { ...AWS_ENV, ...options.env } });
    const ctx: CliContext = { ...recorded.ctx, overrides: { createAws: fastCreateAws, ...options.overrides } };
    const code = await runCli(args, ctx);
    const stdout = recorded.stdout();
    return { code, stdout, stderr: recorded.stderr(), json: args.includes('--json') ? parseOneDocument(stdout, recorded.stderr()) : undefined };
  }

  /** `init --yes` with the standard answers, then `extra`. */
  init(...extra: string[]): Promise<CliRun> {
    return this.run(['init', '--yes', ...answers(), ...extra]);
  }

  /** `plan` with the standard answers, then `extra`. */
  plan(...extra: string[]): Promise<CliRun> {
    return this.run(['plan', ...answers(), ...extra]);
  }

  rollback(...extra: string[]): Promise<CliRun> {
    return this.run(['rollback', ...extra]);
  }

  /** How many write calls the account has seen so far. */
  writes(): number {
    return this.fake.mutatingCalls().length;
  }

  /** Names of the journal files written for this account and region. */
  async journalFiles(): Promise<string[]> {
    const dir = join(this.stateDir, 'runs', `${ACCOUNT}-${this.region}`);
    try {
      return (await readdir(dir)).filter((name) => name.endsWith('.json')).map((name) => join(dir, name));
    } catch {
      return [];
    }
  }

  async end(): Promise<void> {
    this.fake.uninstall();
    await rm(this.stateDir, { recursive: true, force: true });
  }
}

/** The real adapters without the back-off waits (the fake answers at once). */
function fastCreateAws(options: AwsOptions): Promise<Aws> {
  return createAws({ ...options, sleep: async () => {} });
}

function parseOneDocument(stdout: string, stderr: string): unknown {
  try {
    return JSON.parse(stdout);
  } catch {
    throw new Error(`--json must print exactly one JSON document on stdout, got:\n${stdout}\n(stderr: ${stderr})`);
  }
}

/** ARN prefixes (`arn:aws:`, `arn:aws-cn:` …) of every ARN in a text. */
export function arnPartitions(text: string): Set<string> {
  return new Set([...text.matchAll(/arn:[a-z-]*:/g)].map((match) => match[0]));
}
