/**
 * A plan is data: steps read the account and return these serialisable objects; the same
 * object feeds the human renderer, `--json`, and apply. Nothing here performs I/O.
 */
import type { PrincipalRef } from '../config/setup-config.js';
import type { Partition, PolicyDocument } from '../policies/types.js';

export type StepId = 'operator-access' | 'cloudwatch' | 'service-role' | 's3-access' | 'kms-access';

export type ChangeAction = 'create' | 'update' | 'attach' | 'put' | 'delete' | 'noop';

/**
 * One mutating AWS call (or, for `createBucket`, one tightly bound group of calls) described as
 * data. `apply-operation.ts` performs it; the journal stores it.
 */
export type Operation =
  | { kind: 'createPolicy'; name: string; path: string; description: string; document: PolicyDocument; tags: Record<string, string> }
  | {
      kind: 'createPolicyVersion';
      policyArn: string;
      /** Becomes the default version. */
      document: PolicyDocument;
      /** Default version before this change; undo makes it the default again. */
      previousDefaultVersionId: string;
    }
  /** Frees a slot when the policy already has 5 versions: the oldest non-default one. */
  | { kind: 'deletePolicyVersion'; policyArn: string; versionId: string; document: PolicyDocument }
  | { kind: 'attachPolicy'; principal: PrincipalRef; policyArn: string }
  | { kind: 'createRole'; name: string; path: string; description: string; trustPolicy: PolicyDocument; tags: Record<string, string> }
  | { kind: 'updateTrustPolicy'; roleName: string; document: PolicyDocument; before: PolicyDocument }
  | { kind: 'putRolePolicy'; roleName: string; policyName: string; document: PolicyDocument; before: PolicyDocument | undefined }
  /** CreateBucket + Block Public Access + default encryption + tags; cleans up after itself if a later call fails. */
  | { kind: 'createBucket'; bucket: string; region: string; tags: Record<string, string> }
  | { kind: 'putBucketPolicy'; bucket: string; expectedOwner: string; document: PolicyDocument; before: PolicyDocument | undefined }
  | { kind: 'putKeyPolicy'; keyId: string; document: PolicyDocument; before: PolicyDocument };

/** What an applied operation returned that undo needs (e.g. the new policy version id). */
export interface OperationResult {
  /** ARN of a created policy or role. */
  arn?: string;
  /** Version id created by `createPolicyVersion`. */
  versionId?: string;
}

export interface Change {
  /** Unique within a plan and stable across runs, e.g. `service-role/create-role`. */
  id: string;
  step: StepId;
  action: ChangeAction;
  /** ARN of the resource the change touches. */
  resource: string;
  /** One line for humans, e.g. `Create role PersonalizeRole`. */
  summary: string;
  /** Document before / after, for the diff (omitted when there is no document). */
  before?: PolicyDocument;
  after?: PolicyDocument;
  /** Absent only for `noop`. */
  operation?: Operation;
  /** Shown before the change is undone (e.g. removing a key grant can break live resources). */
  undoWarning?: string;
}

export interface StepPlan {
  step: StepId;
  title: string;
  /** Includes `noop` entries so the renderer can say what is already in place. */
  changes: Change[];
  /** Things worth knowing that need no action (e.g. "access already granted by Sid X"). */
  notes: string[];
  /** Things the user should act on but that do not block (e.g. bucket uses a CMK, pass --kms-key). */
  warnings: string[];
  /** Problems that block apply (a missing principal, bucket or key). */
  errors: string[];
}

export interface Plan {
  account: string;
  partition: Partition;
  region: string;
  /** ARN of the identity that runs the tool. */
  callerArn: string;
  /** ARN of the service role (users need it for every dataset import job). */
  roleArn: string;
  steps: StepPlan[];
}
