/**
 * Step 3, service role: the role Personalize assumes to read your data. Created with the guide's
 * confused-deputy trust policy, or brought in line with it (an update the user can review, never a
 * silent replace), and given its permissions by attaching a managed policy.
 */
import type { IamRole } from '../aws/api.js';
import type { PrincipalRef } from '../config/setup-config.js';
import {
  assertPolicySize,
  awsManagedPolicyArn,
  customerPolicyArn,
  documentsEqual,
  PERSONALIZE_FULL_ACCESS,
  PERSONALIZE_SERVICE_PRINCIPAL,
  PolicyTooLargeError,
  serviceRoleTrustPolicy,
} from '../policies/index.js';
import type { PolicyDocument } from '../policies/types.js';
import { attachmentChange, planAttachments } from './attach-changes.js';
import type { StepContext } from './step-context.js';
import type { Change, StepPlan } from './types.js';

const STEP = 'service-role';
export const SERVICE_ROLE_TITLE = 'Service role';
const DESCRIPTION = 'Assumed by Amazon Personalize to read and write your data (created by personalize-setup).';

export async function planServiceRole(ctx: StepContext): Promise<StepPlan> {
  const { config } = ctx;
  const plan: StepPlan = { step: STEP, title: SERVICE_ROLE_TITLE, changes: [], notes: [], warnings: [], errors: [] };
  const trustPolicy = serviceRoleTrustPolicy({ partition: ctx.partition, account: ctx.account, region: ctx.region });
  plan.errors.push(...sizeErrors(trustPolicy, `Trust policy of role ${config.roleName}`));

  const permissions = permissionsPolicy(ctx);
  const [role, permissionChanges] = await Promise.all([
    // planSetup read the role already; through its read cache this costs no call.
    ctx.roleExists ? ctx.aws.iam.getRole(config.roleName) : undefined,
    'arn' in permissions ? planPermissions(ctx, permissions.arn) : { changes: [], errors: [permissions.error] },
  ]);

  if (role === undefined) {
    plan.changes.push(createRoleChange(ctx, trustPolicy));
  } else if (role.path !== config.rolePath) {
    plan.errors.push(
      `Role ${config.roleName} already exists with path ${role.path}, not ${config.rolePath}: pass --role-path ${role.path}, or choose another --role-name.`,
    );
    return plan;
  } else {
    const trustChange = trustPolicyChange(ctx, role, trustPolicy);
    plan.changes.push(trustChange);
    if (trustChange.action === 'update') plan.warnings.push(...otherTrustedPrincipalsWarning(role));
  }
  plan.changes.push(...permissionChanges.changes);
  plan.errors.push(...permissionChanges.errors);
  return plan;
}

/** Attach the permissions policy unless it already is (verifying the AWS managed one exists). */
async function planPermissions(ctx: StepContext, policyArn: string): Promise<{ changes: Change[]; errors: string[] }> {
  const request = { step: STEP, idPrefix: `${STEP}/attach`, policyArn } as const;
  const [exists, changes] = await Promise.all([
    // The custom policy may not exist yet: the operator-access step, which runs first, creates it.
    ctx.config.roleAccess === 'managed' ? ctx.aws.iam.getPolicy(policyArn).then((policy) => policy !== undefined) : true,
    // A role we are about to create has nothing attached yet.
    ctx.roleExists ? planAttachments(ctx.aws.iam, { ...request, principals: [roleRef(ctx)] }) : [attachmentChange(request, roleRef(ctx), false)],
  ]);
  if (!exists) return { changes: [], errors: [`AWS managed policy ${policyArn} does not exist in this partition: use --role-access custom.`] };
  return { changes, errors: [] };
}

function createRoleChange(ctx: StepContext, trustPolicy: PolicyDocument): Change {
  const { roleName, rolePath } = ctx.config;
  return {
    id: `${STEP}/create-role`,
    step: STEP,
    action: 'create',
    resource: ctx.roleArn,
    summary: `Create role ${roleName}${rolePath === '/' ? '' : ` with path ${rolePath}`}`,
    after: trustPolicy,
    operation: { kind: 'createRole', name: roleName, path: rolePath, description: DESCRIPTION, trustPolicy, tags: ctx.tags },
  };
}

/** The managed policy that gives the role its permissions, or why none can be chosen. */
function permissionsPolicy(ctx: StepContext): { arn: string } | { error: string } {
  const { config } = ctx;
  if (config.roleAccess === 'managed') return { arn: awsManagedPolicyArn(ctx.partition, PERSONALIZE_FULL_ACCESS) };
  if (config.access !== 'custom') {
    return {
      error: `--role-access custom attaches the custom operator policy, which --access ${config.access} does not create: use --access custom or --role-access managed.`,
    };
  }
  // The operator-access step creates it first when it does not exist yet.
  return { arn: customerPolicyArn(ctx.partition, ctx.account, config.policyName) };
}

function trustPolicyChange(ctx: StepContext, role: IamRole, trustPolicy: PolicyDocument): Change {
  const name = ctx.config.roleName;
  if (documentsEqual(role.trustPolicy, trustPolicy)) {
    return { id: `${STEP}/trust-policy`, step: STEP, action: 'noop', resource: ctx.roleArn, summary: `Role ${name} exists and trusts Amazon Personalize` };
  }
  return {
    id: `${STEP}/update-trust-policy`,
    step: STEP,
    action: 'update',
    resource: ctx.roleArn,
    summary: `Update the trust policy of role ${name}`,
    before: role.trustPolicy,
    after: trustPolicy,
    operation: { kind: 'updateTrustPolicy', roleName: name, document: trustPolicy, before: role.trustPolicy },
  };
}

/** The update replaces the whole trust policy: anyone else it trusts today loses the role. */
function otherTrustedPrincipalsWarning(role: IamRole): string[] {
  const others = new Set<string>();
  for (const statement of role.trustPolicy.Statement) {
    if (statement.Effect !== 'Allow' || statement.Principal === undefined) continue;
    if (statement.Principal === '*') {
      others.add('*');
      continue;
    }
    for (const [kind, values] of Object.entries(statement.Principal)) {
      for (const value of [values].flat()) {
        if (!(kind === 'Service' && value === PERSONALIZE_SERVICE_PRINCIPAL)) others.add(value);
      }
    }
  }
  if (others.size === 0) return [];
  return [`The trust policy of role ${role.name} also trusts ${[...others].join(', ')}: the update removes that; use another --role-name to keep it.`];
}

function roleRef(ctx: StepContext): PrincipalRef {
  return { kind: 'role', name: ctx.config.roleName };
}

function sizeErrors(document: PolicyDocument, label: string): string[] {
  try {
    assertPolicySize(document, 'trust', label);
    return [];
  } catch (error) {
    if (error instanceof PolicyTooLargeError) return [error.message];
    throw error;
  }
}
