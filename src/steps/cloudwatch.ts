/**
 * Step 2, CloudWatch (optional): attach the chosen AWS managed CloudWatch policy to the same
 * targets as the operator policy, so operators can see Personalize metrics and logs.
 */
import { awsManagedPolicyArn } from '../policies/index.js';
import { planAttachments } from './attach-changes.js';
import type { StepContext } from './step-context.js';
import type { StepPlan } from './types.js';

const STEP = 'cloudwatch';
export const CLOUDWATCH_TITLE = 'CloudWatch access';

export async function planCloudWatch(ctx: StepContext): Promise<StepPlan> {
  const plan: StepPlan = { step: STEP, title: CLOUDWATCH_TITLE, changes: [], notes: [], warnings: [], errors: [] };
  const policyName = ctx.config.cloudwatch;
  if (policyName === undefined) return plan;

  const arn = awsManagedPolicyArn(ctx.partition, policyName);
  const [policy, attachments] = await Promise.all([
    ctx.aws.iam.getPolicy(arn),
    planAttachments(ctx.aws.iam, { step: STEP, idPrefix: `${STEP}/attach`, policyArn: arn, principals: ctx.targets }),
  ]);
  if (policy === undefined) {
    const other = policyName === 'CloudWatchFullAccessV2' ? 'CloudWatchFullAccess' : 'CloudWatchFullAccessV2';
    plan.errors.push(`AWS managed policy ${arn} does not exist in this partition: choose ${other} with --cloudwatch-policy.`);
    return plan;
  }
  if (policyName === 'CloudWatchFullAccess') {
    plan.warnings.push('AWS is deprecating CloudWatchFullAccess: CloudWatchFullAccessV2 is its successor.');
  }
  plan.changes.push(...attachments);
  return plan;
}
