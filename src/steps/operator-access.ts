/**
 * Step 1, operator access: give the people who run Personalize permission to use it. Either a
 * customer managed policy we write (`custom`, `read-only`) or the AWS managed
 * AmazonPersonalizeFullAccess, attached to every target; plus, on request, the guide's "view
 * own permissions" policy for the targets that are users.
 */
import { DEFAULTS } from '../config/setup-config.js';
import {
  awsManagedPolicyArn,
  customerPolicyArn,
  operatorPolicy,
  PERSONALIZE_FULL_ACCESS,
  readOnlyOperatorPolicy,
  viewOwnPermissionsPolicy,
} from '../policies/index.js';
import type { PolicyDocument } from '../policies/types.js';
import { describePrincipal, planAttachments } from './attach-changes.js';
import { planManagedPolicy, type ManagedPolicyPlan } from './managed-policy-changes.js';
import type { StepContext } from './step-context.js';
import type { StepPlan } from './types.js';

const STEP = 'operator-access';
export const OPERATOR_ACCESS_TITLE = 'Operator access';

export async function planOperatorAccess(ctx: StepContext): Promise<StepPlan> {
  const [operator, viewOwn] = await Promise.all([planOperatorPolicy(ctx), planViewOwnPermissions(ctx)]);
  return {
    step: STEP,
    title: OPERATOR_ACCESS_TITLE,
    changes: [...operator.changes, ...viewOwn.changes],
    notes: [],
    warnings: [...operator.warnings, ...viewOwn.warnings],
    errors: [...operator.errors, ...viewOwn.errors],
  };
}

/** The operator policy itself (unless `managed`) followed by its attachments. */
async function planOperatorPolicy(ctx: StepContext): Promise<ManagedPolicyPlan> {
  const { config, partition, targets } = ctx;
  if (config.access === 'managed') {
    const arn = awsManagedPolicyArn(partition, PERSONALIZE_FULL_ACCESS);
    const [policy, attachments] = await Promise.all([
      ctx.aws.iam.getPolicy(arn),
      planAttachments(ctx.aws.iam, { step: STEP, idPrefix: `${STEP}/attach`, policyArn: arn, principals: targets }),
    ]);
    if (policy === undefined) {
      return { changes: [], warnings: [], errors: [`AWS managed policy ${arn} does not exist in this partition: use --access custom.`] };
    }
    return { changes: attachments, warnings: managedAccessWarnings(ctx), errors: [] };
  }

  const arn = customerPolicyArn(partition, ctx.account, config.policyName);
  const [policy, attachments] = await Promise.all([
    planManagedPolicy(ctx.aws.iam, {
      step: STEP,
      idName: 'policy',
      arn,
      name: config.policyName,
      description: config.access === 'read-only' ? READ_ONLY_DESCRIPTION : OPERATOR_DESCRIPTION,
      document: operatorDocument(ctx),
      tags: ctx.tags,
    }),
    planAttachments(ctx.aws.iam, { step: STEP, idPrefix: `${STEP}/attach`, policyArn: arn, principals: targets }),
  ]);
  // Create (or update) before attach: that is the order apply runs them.
  return { ...policy, changes: [...policy.changes, ...attachments] };
}

/** The guide's "allow users to view their own permissions" policy, for the targets that are users. */
async function planViewOwnPermissions(ctx: StepContext): Promise<ManagedPolicyPlan> {
  if (!ctx.config.viewOwnPermissions) return { changes: [], warnings: [], errors: [] };
  const users = ctx.targets.filter((target) => target.kind === 'user');
  if (users.length === 0) {
    // Nothing to attach it to, so creating the policy would only leave an orphan behind.
    return { changes: [], warnings: ['--view-own-permissions applies to IAM users only and no target is a user: it was skipped.'], errors: [] };
  }
  const name = DEFAULTS.viewOwnPermissionsPolicyName;
  const arn = customerPolicyArn(ctx.partition, ctx.account, name);
  const [policy, attachments] = await Promise.all([
    planManagedPolicy(ctx.aws.iam, {
      step: STEP,
      idName: 'view-own-permissions-policy',
      arn,
      name,
      description: VIEW_OWN_DESCRIPTION,
      document: viewOwnPermissionsPolicy(ctx.partition),
      tags: ctx.tags,
    }),
    planAttachments(ctx.aws.iam, { step: STEP, idPrefix: `${STEP}/attach-view-own-permissions`, policyArn: arn, principals: users }),
  ]);
  const skipped = ctx.targets.filter((target) => target.kind !== 'user').map(describePrincipal);
  const warnings = skipped.length > 0 ? [`${name} is for IAM users only, so it is not attached to ${skipped.join(', ')}.`] : [];
  return { ...policy, changes: [...policy.changes, ...attachments], warnings: [...policy.warnings, ...warnings] };
}

function operatorDocument(ctx: StepContext): PolicyDocument {
  const { config } = ctx;
  const conditions = { requireMfa: config.requireMfa, allowedCidrs: config.allowedCidrs };
  const kmsKeyArn = ctx.key?.arn;
  return config.access === 'read-only'
    ? readOnlyOperatorPolicy({ ...conditions, kmsKeyArn })
    : operatorPolicy({ ...conditions, partition: ctx.partition, serviceRoleArn: ctx.roleArn, kmsKeyArn });
}

/** The AWS managed policy cannot carry our conditions or the key statement: say so rather than drop them silently. */
function managedAccessWarnings(ctx: StepContext): string[] {
  const { config } = ctx;
  const warnings: string[] = [];
  if (config.requireMfa || config.allowedCidrs.length > 0) {
    warnings.push('--require-mfa and --allowed-cidr cannot be added to the AWS managed policy: use --access custom to enforce them.');
  }
  if (ctx.key !== undefined) {
    warnings.push(`AmazonPersonalizeFullAccess grants no use of KMS key ${ctx.key.arn}: use --access custom to include it.`);
  }
  return warnings;
}

const OPERATOR_DESCRIPTION = 'Use Amazon Personalize and pass its service role (created by personalize-setup).';
const READ_ONLY_DESCRIPTION = 'Read-only access to Amazon Personalize (created by personalize-setup).';
const VIEW_OWN_DESCRIPTION = 'Lets IAM users view their own policies and permissions (created by personalize-setup).';
