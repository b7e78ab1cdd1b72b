/**
 * Step 5, KMS access: Personalize needs both halves, a key-policy statement for the service
 * principal and the role, and the inline role policy `PersonalizeKmsAccess`.
 * Plan only: reads the account, writes nothing.
 */
import type { KmsKey } from '../aws/api.js';
import { DEFAULTS } from '../config/setup-config.js';
import {
  keyPolicyStatement,
  PERSONALIZE_SERVICE_PRINCIPAL,
  roleKmsPolicy,
} from '../policies/index.js';
import { mergeResourcePolicy, resourcePolicyChange } from './resource-policy-changes.js';
import { planRoleInlinePolicy } from './role-inline-policy-change.js';
import type { StepContext } from './step-context.js';
import type { StepPlan } from './types.js';

const STEP = 'kms-access';

export async function planKmsAccess(ctx: StepContext): Promise<StepPlan> {
  const plan: StepPlan = { step: STEP, title: 'KMS access', changes: [], notes: [], warnings: [], errors: [] };
  const requested = ctx.config.kmsKey;
  if (requested === undefined) return plan;

  const key = ctx.key;
  if (key === undefined) return { ...plan, errors: [missingKeyError(requested, ctx.region)] };
  const unusable = unusableKeyError(requested, key);
  if (unusable !== undefined) return { ...plan, errors: [unusable] };

  const [existing, role] = await Promise.all([
    ctx.aws.kms.getKeyPolicy(key.keyId),
    planRoleInlinePolicy(ctx, { step: STEP, policyName: DEFAULTS.kmsPolicyName, document: roleKmsPolicy({ keyArn: key.arn }) }),
  ]);
  if (existing === undefined) {
    // Every key has a policy; writing ours alone would lock the account out of the key.
    return { ...plan, errors: [`Could not read the key policy of ${key.arn}: check kms:GetKeyPolicy permission and --kms-key.`] };
  }

  const ours = keyPolicyStatement({ roleArn: ctx.roleArn });
  const merge = mergeResourcePolicy(existing, [
    {
      statement: ours,
      alreadyInPlace: (label) =>
        `Access already in place: statement ${label} of the key policy of ${requested} grants ${PERSONALIZE_SERVICE_PRINCIPAL} ` +
        `and ${ctx.roleArn} the key permissions Amazon Personalize needs; nothing is added to the key policy.`,
    },
  ]);
  plan.notes.push(...merge.notes);
  const policy = resourcePolicyChange({
    id: `${STEP}/key-policy`,
    step: STEP,
    resource: key.arn,
    policyLabel: `the key policy of ${requested}`,
    kind: 'key',
    existing,
    merge,
    upToDateSummary: `Key policy of ${requested} already grants Amazon Personalize access`,
    operation: (document) => ({ kind: 'putKeyPolicy', keyId: key.keyId, document, before: existing }),
    undoWarning:
      `Removing this statement takes Amazon Personalize's access to key ${key.arn} away: ` +
      'datasets, solutions and batch jobs that use the key will fail.',
  });
  plan.changes.push(policy.change, role.change);
  for (const error of [policy.error, role.error]) if (error !== undefined) plan.errors.push(error);
  return plan;
}

function missingKeyError(requested: string, region: string): string {
  return `KMS key ${requested} does not exist in ${region}: create it, or fix --kms-key (or --region).`;
}

/** Keys whose policy we must not or cannot change, or that Personalize cannot use. */
function unusableKeyError(requested: string, key: KmsKey): string | undefined {
  if (key.keyManager === 'AWS') {
    return `KMS key ${requested} is an AWS managed key, whose key policy cannot be changed: use a customer managed key with --kms-key.`;
  }
  switch (key.keyState) {
    case 'PendingDeletion':
    case 'PendingReplicaDeletion':
      return `KMS key ${requested} (${key.arn}) is pending deletion: cancel the deletion (kms:CancelKeyDeletion) or choose another key with --kms-key.`;
    case 'Disabled':
      return `KMS key ${requested} (${key.arn}) is disabled: enable it (kms:EnableKey) or choose another key with --kms-key.`;
    case 'PendingImport':
    case 'Unavailable':
      return `KMS key ${requested} (${key.arn}) is ${key.keyState} and cannot be used: import or restore its key material, or choose another key with --kms-key.`;
    default:
      return undefined;
  }
}
