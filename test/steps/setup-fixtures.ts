/**
 * Shared set-up for the plan tests of operator-access, cloudwatch, service-role and planSetup:
 * a fake account reached through the real adapters, configs built from the defaults, and a way to
 * apply a plan (to check that a re-run is all noops).
 */
import { NoSuchEntityException } from '@aws-sdk/client-iam';
import type { Aws } from '../../src/aws/api.js';
import { createAws } from '../../src/aws/create-aws.js';
import { defaultConfig, type SetupConfig } from '../../src/config/setup-config.js';
import type { Partition } from '../../src/policies/types.js';
import { applyOperation } from '../../src/steps/apply-operation.js';
import type { StepContext } from '../../src/steps/step-context.js';
import type { Change, ChangeAction, Plan, StepId, StepPlan } from '../../src/steps/types.js';
import { FakeAccount } from '../support/fake-account.js';

export const ACCOUNT = '123456789012';
export const TAGS = { 'managed-by': 'personalize-setup' };

export interface Installed {
  account: FakeAccount;
  aws: Aws;
}

/** A fake account whose caller is IAM user `alice` unless told otherwise. */
export async function installAccount(
  options: { region?: string; partition?: Partition; callerArn?: string; callerPath?: string; latencyMs?: number } = {},
): Promise<Installed> {
  // Dummy credentials: the SDK resolves them locally and the fake answers every call.
  process.env['AWS_ACCESS_KEY_ID'] = 'AKIAIOSFODNN7EXAMPLE';
  process.env['AWS_SECRET_ACCESS_KEY'] = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
  const region = options.region ?? 'eu-west-1';
  const partition = options.partition ?? 'aws';
  const account = FakeAccount.install({
    region,
    account: ACCOUNT,
    partition,
    callerArn: options.callerArn ?? `arn:${partition}:iam::${ACCOUNT}:user/alice`,
    ...(options.callerPath === undefined ? {} : { callerPath: options.callerPath }),
    ...(options.latencyMs === undefined ? {} : { latencyMs: options.latencyMs }),
  });
  const aws = await createAws({ region, sleep: async () => {} });
  return { account, aws };
}

/**
 * The context planSetup would build for an IAM-user caller in eu-west-1, for testing one step
 * alone: the service role not created yet, no operator targets, no key; `extra` overrides.
 */
export function stepContext(aws: Aws, setup: SetupConfig, extra: Partial<StepContext> = {}): StepContext {
  const partition = extra.partition ?? 'aws';
  return {
    aws,
    config: setup,
    caller: { account: ACCOUNT, arn: `arn:${partition}:iam::${ACCOUNT}:user/admin`, userId: 'AIDAEXAMPLE', partition },
    account: ACCOUNT,
    partition,
    region: 'eu-west-1',
    roleArn: `arn:aws:iam::${ACCOUNT}:role/PersonalizeRole`,
    roleExists: false,
    targets: [],
    key: undefined,
    tags: TAGS,
    ...extra,
  };
}

export function config(overrides: Partial<SetupConfig> = {}): SetupConfig {
  return { ...defaultConfig(), ...overrides };
}

export function stepOf(plan: Plan, step: StepId): StepPlan {
  const found = plan.steps.find((candidate) => candidate.step === step);
  if (found === undefined) throw new Error(`the plan has no ${step} step`);
  return found;
}

/** `[id, action]` pairs: the shape of a step at a glance. */
export function outline(step: StepPlan): [string, ChangeAction][] {
  return step.changes.map((change) => [change.id, change.action]);
}

export function changeOf(step: StepPlan, id: string): Change {
  const found = step.changes.find((change) => change.id === id);
  if (found === undefined) throw new Error(`step ${step.step} has no change ${id}: ${step.changes.map((c) => c.id).join(', ')}`);
  return found;
}

/** Applies every change in plan order, as the engine would (without journal or rollback). */
export async function applyPlan(aws: Aws, plan: Plan): Promise<void> {
  for (const step of plan.steps) {
    for (const change of step.changes) {
      if (change.operation !== undefined) await applyOperation(aws, change.operation);
    }
  }
}

/** Every change of every step is a noop. */
export function onlyNoops(plan: Plan): boolean {
  return plan.steps.every((step) => step.changes.every((change) => change.action === 'noop' && change.operation === undefined));
}

/**
 * Makes GetPolicy answer NoSuchEntity for one policy, as IAM does in a partition where that AWS
 * managed policy does not exist (the fake seeds them all everywhere).
 */
export function hidePolicy(account: FakeAccount, policyArn: string): void {
  account.failWhen((call) =>
    call.command === 'GetPolicy' && call.input.PolicyArn === policyArn
      ? new NoSuchEntityException({ message: `Policy ${policyArn} does not exist or is not attachable.`, $metadata: {} })
      : undefined,
  );
}
