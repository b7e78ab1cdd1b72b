/**
 * Assembles the whole plan: read the account facts every step shares (one round of parallel
 * reads), work out who the operators are, then let the five steps plan in parallel. Reads only:
 * nothing here writes, prints or prompts.
 */
import type { Aws } from '../aws/api.js';
import { MANAGED_BY_TAG, type SetupConfig } from '../config/setup-config.js';
import { roleArn } from '../policies/index.js';
import { planCloudWatch } from './cloudwatch.js';
import { planKmsAccess } from './kms-access.js';
import { planOperatorAccess } from './operator-access.js';
import { withReadCache } from './read-cache.js';
import { resolveTargets } from './resolve-targets.js';
import { planS3Access } from './s3-access.js';
import { planServiceRole } from './service-role.js';
import type { StepContext } from './step-context.js';
import type { Plan, StepPlan } from './types.js';

export async function planSetup(aws: Aws, config: SetupConfig): Promise<Plan> {
  const reads = withReadCache(aws);
  const callerRead = reads.sts.getCallerIdentity();
  const [caller, role, key, resolution] = await Promise.all([
    callerRead,
    reads.iam.getRole(config.roleName),
    config.kmsKey === undefined ? undefined : reads.kms.describeKey(config.kmsKey),
    // Named principals are looked up in this same round; only the caller's own role waits for STS.
    resolveTargets(reads.iam, config.attachTo, callerRead),
  ]);

  const ctx: StepContext = {
    aws: reads,
    config,
    caller,
    account: caller.account,
    partition: caller.partition,
    region: aws.region,
    roleArn: roleArn(caller.partition, caller.account, config.rolePath, config.roleName),
    roleExists: role !== undefined,
    targets: resolution.targets,
    key,
    // Our tag last, so a --tag cannot take away the mark rollback relies on.
    tags: { ...config.tags, [MANAGED_BY_TAG.key]: MANAGED_BY_TAG.value },
  };

  const skipped = Promise.resolve(undefined);
  const [operatorAccess, cloudwatch, serviceRole, s3Access, kmsAccess] = await Promise.all([
    planOperatorAccess(ctx),
    config.cloudwatch === undefined ? skipped : planCloudWatch(ctx),
    planServiceRole(ctx),
    config.bucket === undefined ? skipped : planS3Access(ctx),
    // A key that does not exist (ctx.key undefined) becomes an error of the KMS step itself.
    config.kmsKey === undefined ? skipped : planKmsAccess(ctx),
  ]);
  if (resolution.problem !== undefined) operatorAccess.errors.unshift(resolution.problem);

  // Apply order: the role must exist before the inline policies and the key policy name it.
  const steps = [operatorAccess, cloudwatch, serviceRole, s3Access, kmsAccess].filter((step): step is StepPlan => step !== undefined);
  return {
    account: ctx.account,
    partition: ctx.partition,
    region: ctx.region,
    callerArn: caller.arn,
    roleArn: ctx.roleArn,
    steps,
  };
}
