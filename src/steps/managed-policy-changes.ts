/**
 * "Make this customer managed policy say exactly this document": create it, leave it alone, or
 * publish a new default version (freeing a slot first when IAM's 5-version limit is reached).
 * Used twice by the operator-access step: the operator policy and the view-own-permissions policy.
 */
import type { IamApi, PolicyVersion } from '../aws/api.js';
import { assertPolicySize, documentsEqual, PolicyTooLargeError } from '../policies/index.js';
import type { PolicyDocument } from '../policies/types.js';
import { MANAGED_BY_TAG } from '../config/setup-config.js';
import type { Change, StepId } from './types.js';

/** IAM keeps at most this many versions of a managed policy. */
export const MAX_POLICY_VERSIONS = 5;

export interface ManagedPolicyRequest {
  step: StepId;
  /**
   * Names the policy inside change ids: `policy` gives `<step>/create-policy`, `<step>/update-policy`,
   * `<step>/delete-policy-version` and, when nothing changes, `<step>/policy`.
   */
  idName: string;
  /** ARN the policy has or will have (path `/`). */
  arn: string;
  name: string;
  /** Set only at creation: IAM cannot change a policy's description later. */
  description: string;
  document: PolicyDocument;
  tags: Record<string, string>;
}

export interface ManagedPolicyPlan {
  /** In apply order: a version delete (if any) comes before the update that needs its slot. */
  changes: Change[];
  warnings: string[];
  errors: string[];
}

export async function planManagedPolicy(iam: IamApi, request: ManagedPolicyRequest): Promise<ManagedPolicyPlan> {
  const { step, idName, arn, name, document } = request;
  const errors = sizeErrors(document, `Customer managed policy ${name}`);
  const existing = await iam.getPolicy(arn);

  if (existing === undefined) {
    const create: Change = {
      id: `${step}/create-${idName}`,
      step,
      action: 'create',
      resource: arn,
      summary: `Create customer managed policy ${name}`,
      after: document,
      operation: { kind: 'createPolicy', name, path: '/', description: request.description, document, tags: request.tags },
    };
    return { changes: [create], warnings: [], errors };
  }

  const [current, versions] = await Promise.all([
    iam.getPolicyVersionDocument(arn, existing.defaultVersionId),
    iam.listPolicyVersions(arn),
  ]);
  if (current !== undefined && documentsEqual(current, document)) {
    const noop: Change = { id: `${step}/${idName}`, step, action: 'noop', resource: arn, summary: `Customer managed policy ${name} is up to date` };
    return { changes: [noop], warnings: [], errors: [] };
  }

  const changes: Change[] = [];
  const oldest = versions.length >= MAX_POLICY_VERSIONS ? oldestNonDefault(versions) : undefined;
  if (oldest !== undefined) {
    // Undo recreates this version from its document, so read it now.
    const oldDocument = await iam.getPolicyVersionDocument(arn, oldest.versionId);
    if (oldDocument === undefined) {
      errors.push(`Version ${oldest.versionId} of policy ${name} disappeared while planning: run the plan again.`);
      return { changes: [], warnings: [], errors };
    }
    changes.push({
      id: `${step}/delete-${idName}-version`,
      step,
      action: 'delete',
      resource: arn,
      summary: `Delete version ${oldest.versionId} of ${name}, the oldest (IAM keeps at most ${MAX_POLICY_VERSIONS})`,
      before: oldDocument,
      operation: { kind: 'deletePolicyVersion', policyArn: arn, versionId: oldest.versionId, document: oldDocument },
    });
  }
  changes.push({
    id: `${step}/update-${idName}`,
    step,
    action: 'update',
    resource: arn,
    summary: `Update customer managed policy ${name} (new default version)`,
    ...(current === undefined ? {} : { before: current }),
    after: document,
    operation: { kind: 'createPolicyVersion', policyArn: arn, document, previousDefaultVersionId: existing.defaultVersionId },
  });

  const warnings =
    existing.tags[MANAGED_BY_TAG.key] === MANAGED_BY_TAG.value
      ? []
      : [`Customer managed policy ${name} was not created by personalize-setup: review the update; rollback restores its current version.`];
  return { changes, warnings, errors };
}

function oldestNonDefault(versions: readonly PolicyVersion[]): PolicyVersion | undefined {
  return versions
    .filter((version) => !version.isDefault)
    .reduce<PolicyVersion | undefined>(
      (oldest, version) => (oldest === undefined || Date.parse(version.createDate) < Date.parse(oldest.createDate) ? version : oldest),
      undefined,
    );
}

function sizeErrors(document: PolicyDocument, label: string): string[] {
  try {
    assertPolicySize(document, 'managed', label);
    return [];
  } catch (error) {
    if (error instanceof PolicyTooLargeError) return [error.message];
    throw error;
  }
}
