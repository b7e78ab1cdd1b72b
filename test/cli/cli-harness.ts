/**
 * Runs the CLI in-process against the in-memory FakeAccount, as a user would run it: real
 * adapters over the mocked SDK clients, a temporary state directory, and recorded streams.
 */
import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAws } from '../../src/aws/create-aws.js';
import type { CliOverrides } from '../../src/cli/cli-context.js';
import { runCli } from '../../src/cli/run-cli.js';
import { FakeAccount, type FakeAccountOptions } from '../support/fake-account.js';
import { fakeContext, type RunResult } from './fake-context.js';

export const ACCOUNT = '123456789012';
export const REGION = 'eu-west-1';
export const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/PersonalizeRole`;

/** A statement someone else put in the data bucket's policy: it must survive every run untouched. */
export const FOREIGN = { Sid: 'AnalyticsRead', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::data/*' };

/** What `init --yes --bucket data` changes on a fresh account, in apply order. */
export const SUMMARIES = [
  'Create customer managed policy PersonalizeOperatorAccess',
  'Attach PersonalizeOperatorAccess to user alice',
  'Create role PersonalizeRole',
  'Attach AmazonPersonalizeFullAccess to role PersonalizeRole',
  'Add PersonalizeSetupS3Access to the bucket policy of data (keeps 1 other statement)',
  'Add inline policy PersonalizeS3Access on role PersonalizeRole',
];

/** Credentials the SDK accepts without looking further (no metadata service, no profile files). */
const CREDENTIALS = {
  AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
  AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  AWS_EC2_METADATA_DISABLED: 'true',
};

export interface CliRunOptions {
  /** Both streams and stdin are terminals. Default false. */
  tty?: boolean;
  env?: Record<string, string | undefined>;
  overrides?: CliOverrides;
  /** Leave out `--region` and `--state-dir` (e.g. for usage errors). Default false. */
  bare?: boolean;
  /** Receives the output written so far, readable while the command runs (e.g. from a prompter). */
  live?: (output: { stdout: () => string; stderr: () => string }) => void;
}

export interface CliHarness {
  account: FakeAccount;
  stateDir: string;
  /** `personalize-setup …argv --region eu-west-1 --state-dir <tmp>`. */
  run(argv: string[], options?: CliRunOptions): Promise<RunResult>;
  /** Journal file names written under the state directory. */
  journals(): Promise<string[]>;
}

export async function cliHarness(options: FakeAccountOptions = {}): Promise<CliHarness> {
  Object.assign(process.env, CREDENTIALS);
  const account = FakeAccount.install({ region: REGION, account: ACCOUNT, ...options });
  const stateDir = await mkdtemp(join(tmpdir(), 'personalize-setup-cli-'));
  return {
    account,
    stateDir,
    async run(argv, o = {}) {
      const recorded = fakeContext({ tty: o.tty ?? false, env: { ...CREDENTIALS, ...o.env } });
      recorded.ctx.overrides = { createAws: (aws) => createAws({ ...aws, sleep: async () => {} }), ...o.overrides };
      o.live?.({ stdout: recorded.stdout, stderr: recorded.stderr });
      const code = await runCli(o.bare ? argv : [...argv, '--region', REGION, '--state-dir', stateDir], recorded.ctx);
      return { code, stdout: recorded.stdout(), stderr: recorded.stderr() };
    },
    async journals() {
      try {
        return (await readdir(join(stateDir, 'runs', `${ACCOUNT}-${REGION}`))).filter((name) => name.endsWith('.json'));
      } catch {
        return [];
      }
    },
  };
}

/** A fresh account run by IAM user alice, with bucket `data` whose policy holds FOREIGN. */
export async function dataBucketAccount(): Promise<CliHarness> {
  const h = await cliHarness({ callerArn: `arn:aws:iam::${ACCOUNT}:user/alice` });
  h.account.addBucket('data', { policy: { Version: '2012-10-17', Statement: [FOREIGN] } });
  return h;
}
