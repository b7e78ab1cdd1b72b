/**
 * "Put this inline policy on the service role unless it is already there": shared by the S3 and
 * KMS steps, which each give the role one inline policy of their own.
 */
import { assertPolicySize, documentsEqual, PolicyTooLargeError } from '../policies/index.js';
import type { PolicyDocument } from '../policies/types.js';
import type { StepContext } from './step-context.js';
import type { Change, StepId } from './types.js';

export interface RoleInlinePolicyRequest {
  step: StepId;
  /** e.g. `PersonalizeS3Access`. */
  policyName: string;
  /** What the policy must contain (from a pure builder). */
  document: PolicyDocument;
}

/** The change for one inline role policy, plus an error when the document is too large. */
export interface RoleInlinePolicyPlan {
  change: Change;
  error?: string;
}

/**
 * Reads the inline policy (only when the role exists: a role that the service-role step will
 * create has none) and returns a `noop` when it already says what we need, else a `put` that
 * carries the current document so undo can restore it.
 */
export async function planRoleInlinePolicy(ctx: StepContext, request: RoleInlinePolicyRequest): Promise<RoleInlinePolicyPlan> {
  const { step, policyName, document } = request;
  const roleName = ctx.config.roleName;
  const id = `${step}/role-policy`;
  const current = ctx.roleExists ? await ctx.aws.iam.getRolePolicy(roleName, policyName) : undefined;

  if (current !== undefined && documentsEqual(current, document)) {
    return {
      change: {
        id,
        step,
        action: 'noop',
        resource: ctx.roleArn,
        summary: `Inline policy ${policyName} of role ${roleName} is up to date`,
      },
    };
  }

  const change: Change = {
    id,
    step,
    action: 'put',
    resource: ctx.roleArn,
    summary: `${current === undefined ? 'Add' : 'Update'} inline policy ${policyName} on role ${roleName}`,
    ...(current === undefined ? {} : { before: current }),
    after: document,
    operation: { kind: 'putRolePolicy', roleName, policyName, document, before: current },
  };
  return { change, ...sizeError(document, `Inline policy ${policyName} of role ${roleName}`) };
}

function sizeError(document: PolicyDocument, label: string): { error?: string } {
  try {
    assertPolicySize(document, 'inline-role', label);
    return {};
  } catch (error) {
    if (error instanceof PolicyTooLargeError) return { error: error.message };
    throw error;
  }
}
