/**
 * Undoes one applied Operation. Two rules shape every case:
 * - delete only what we created and that still carries our tag; never delete data;
 * - a document someone changed after we wrote it is drift: refuse unless forced, and even when
 *   forced keep the statements other people wrote.
 * `checkUndo` only reads, so the rollback command can check every entry before the first write.
 */
import type { Aws } from '../aws/api.js';
import { MANAGED_BY_TAG } from '../config/setup-config.js';
import { AwsError, SetupError } from '../errors.js';
import { documentsEqual, isOurSid, mergeStatements, removeStatements } from '../policies/index.js';
import type { PolicyDocument } from '../policies/types.js';
import { assertNever, operationTarget, policyNameOf } from './describe-operation.js';
import type { Operation, OperationResult } from './types.js';

/** How an undo ended when it did not throw. `skipped`: nothing to do, or deliberately left in place. */
export interface UndoOutcome {
  status: 'undone' | 'skipped';
  detail: string;
}

/** A document that changed after our run wrote it. */
export interface Drift {
  /** What changed, e.g. `the bucket policy of my-bucket`. */
  resource: string;
  /** What our run wrote (`undefined`: we wrote nothing there, e.g. the document was deleted). */
  expected: PolicyDocument | undefined;
  /** What it is now (`undefined`: it no longer exists). */
  actual: PolicyDocument | undefined;
}

/** Thrown by `undoOperation` with `checkDrift` and without `force` when the resource drifted. */
export class DriftError extends SetupError {
  override readonly name = 'DriftError';
  constructor(readonly drift: Drift) {
    super(
      `${drift.resource} changed since personalize-setup wrote it; undoing would discard those changes`,
      undefined,
      'Review the difference, then run rollback again with --force to undo anyway (statements added by others are kept).',
    );
  }
}

export interface UndoMode {
  /** Compare the resource with what we wrote (the rollback command); apply's own rollback does not. */
  checkDrift: boolean;
  /** Undo despite drift. */
  force: boolean;
}

/** What `undoOperation` would find; reads only. */
export async function checkUndo(aws: Aws, op: Operation, result: OperationResult): Promise<{ drift?: Drift; skip?: string }> {
  const { drift, skip } = await inspect(aws, op, result);
  return { ...(drift === undefined ? {} : { drift }), ...(skip === undefined ? {} : { skip }) };
}

export async function undoOperation(aws: Aws, op: Operation, result: OperationResult, mode: UndoMode): Promise<UndoOutcome> {
  const found = await inspect(aws, op, result);
  if (found.skip !== undefined) return { status: 'skipped', detail: found.skip };
  const drifted = mode.checkDrift && found.drift !== undefined;
  if (drifted && !mode.force) throw new DriftError(found.drift!);
  return drifted ? forcedUndo(aws, op, result, found) : plainUndo(aws, op, result, found);
}

/** The state undo needs, read once. */
interface Inspection {
  skip?: string;
  drift?: Drift;
  /** The current document, for the cases that restore or merge one. */
  current?: PolicyDocument;
  /** For createPolicyVersion: whether our version is still among the policy's versions, and the default now. */
  ourVersionExists?: boolean;
  defaultVersionId?: string;
  /** For createBucket: the account, needed as expected bucket owner. */
  account?: string;
}

const NOT_TAGGED = `no longer carries the tag ${MANAGED_BY_TAG.key}=${MANAGED_BY_TAG.value}, so it is left in place`;

async function inspect(aws: Aws, op: Operation, result: OperationResult): Promise<Inspection> {
  const target = operationTarget(op);
  const drift = (expected: PolicyDocument | undefined, actual: PolicyDocument | undefined): Drift => ({ resource: target, expected, actual });
  switch (op.kind) {
    case 'createPolicy': {
      if (result.arn === undefined) return { skip: `the journal has no ARN for ${target}; nothing to delete` };
      const policy = await aws.iam.getPolicy(result.arn);
      if (policy === undefined) return { skip: `${target} no longer exists` };
      if (policy.tags[MANAGED_BY_TAG.key] !== MANAGED_BY_TAG.value) return { skip: `${target} ${NOT_TAGGED}` };
      const current = await aws.iam.getPolicyVersionDocument(result.arn, policy.defaultVersionId);
      return sameDocument(current, op.document) ? {} : { drift: drift(op.document, current) };
    }
    case 'createPolicyVersion': {
      if (result.versionId === undefined) return { skip: `the journal has no version id for ${target}; nothing to undo` };
      const policy = await aws.iam.getPolicy(op.policyArn);
      if (policy === undefined) return { skip: `${target} no longer exists` };
      const versions = await aws.iam.listPolicyVersions(op.policyArn);
      const state = { ourVersionExists: versions.some((v) => v.versionId === result.versionId), defaultVersionId: policy.defaultVersionId };
      if (policy.defaultVersionId === result.versionId) return state;
      if (policy.defaultVersionId === op.previousDefaultVersionId) {
        return state.ourVersionExists ? state : { skip: `${target} already has ${op.previousDefaultVersionId} as its default version again` };
      }
      const current = await aws.iam.getPolicyVersionDocument(op.policyArn, policy.defaultVersionId);
      return { ...state, drift: drift(op.document, current) };
    }
    case 'deletePolicyVersion': {
      const policy = await aws.iam.getPolicy(op.policyArn);
      return policy === undefined ? { skip: `${target} no longer exists, so version ${op.versionId} cannot be recreated` } : {};
    }
    case 'attachPolicy': {
      const { kind, name } = op.principal;
      const exists = await (kind === 'user' ? aws.iam.getUser(name) : kind === 'group' ? aws.iam.getGroup(name) : aws.iam.getRole(name));
      if (exists === undefined) return { skip: `${kind} ${name} no longer exists` };
      const attached = await aws.iam.listAttachedPolicyArns(op.principal);
      return attached.includes(op.policyArn) ? {} : { skip: `${policyNameOf(op.policyArn)} is already detached from ${op.principal.kind} ${op.principal.name}` };
    }
    case 'createRole': {
      const role = await aws.iam.getRole(op.name);
      if (role === undefined) return { skip: `${target} no longer exists` };
      if (role.tags[MANAGED_BY_TAG.key] !== MANAGED_BY_TAG.value) return { skip: `${target} ${NOT_TAGGED}` };
      return sameDocument(role.trustPolicy, op.trustPolicy) ? {} : { drift: { resource: `the trust policy of role ${op.name}`, expected: op.trustPolicy, actual: role.trustPolicy } };
    }
    case 'updateTrustPolicy': {
      const role = await aws.iam.getRole(op.roleName);
      if (role === undefined) return { skip: `role ${op.roleName} no longer exists` };
      return compareDocuments(target, role.trustPolicy, op.document, op.before);
    }
    case 'putRolePolicy': {
      if ((await aws.iam.getRole(op.roleName)) === undefined) return { skip: `role ${op.roleName} no longer exists` };
      const current = await aws.iam.getRolePolicy(op.roleName, op.policyName);
      return compareDocuments(target, current, op.document, op.before);
    }
    case 'createBucket': {
      const { account } = await aws.sts.getCallerIdentity();
      if ((await aws.s3.headBucket(op.bucket, account)) === undefined) return { skip: `${target} no longer exists` };
      const tags = await aws.s3.getBucketTags(op.bucket, account);
      if (tags[MANAGED_BY_TAG.key] !== MANAGED_BY_TAG.value) return { skip: `${target} ${NOT_TAGGED}` };
      return { account };
    }
    case 'putBucketPolicy': {
      if ((await aws.s3.headBucket(op.bucket, op.expectedOwner)) === undefined) return { skip: `bucket ${op.bucket} no longer exists` };
      const current = await aws.s3.getBucketPolicy(op.bucket, op.expectedOwner);
      return compareDocuments(target, current, op.document, op.before);
    }
    case 'putKeyPolicy': {
      const current = await aws.kms.getKeyPolicy(op.keyId);
      if (current === undefined) return { skip: `key ${op.keyId} no longer exists` };
      return compareDocuments(target, current, op.document, op.before);
    }
    default:
      return assertNever(op);
  }
}

/** Still what we wrote → undo; already back to `before` → skip; anything else → drift. */
function compareDocuments(
  target: string,
  current: PolicyDocument | undefined,
  written: PolicyDocument,
  before: PolicyDocument | undefined,
): Inspection {
  const base = current === undefined ? {} : { current };
  if (sameDocument(current, written)) return base;
  if (sameDocument(current, before)) return { ...base, skip: `${target} is already as it was before the run` };
  return { ...base, drift: { resource: target, expected: written, actual: current } };
}

function sameDocument(a: PolicyDocument | undefined, b: PolicyDocument | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return documentsEqual(a, b);
}

/** The resource is as we left it (or drift is not checked): put back exactly what was there. */
async function plainUndo(aws: Aws, op: Operation, result: OperationResult, found: Inspection): Promise<UndoOutcome> {
  const target = operationTarget(op);
  switch (op.kind) {
    case 'createPolicy':
      await aws.iam.deletePolicy(result.arn!);
      return undone(`deleted ${target}`);
    case 'createPolicyVersion': {
      const ours = result.versionId!;
      if (found.defaultVersionId !== op.previousDefaultVersionId) {
        await aws.iam.setDefaultPolicyVersion(op.policyArn, op.previousDefaultVersionId);
      }
      if (!found.ourVersionExists) return undone(`made ${op.previousDefaultVersionId} the default version of ${target} again (version ${ours} was already gone)`);
      await aws.iam.deletePolicyVersion(op.policyArn, ours);
      return undone(`made ${op.previousDefaultVersionId} the default version of ${target} again and deleted version ${ours}`);
    }
    case 'deletePolicyVersion': {
      const versionId = await aws.iam.createPolicyVersion(op.policyArn, op.document, false);
      return undone(
        `recreated the document of deleted version ${op.versionId} of ${target} as version ${versionId} (not the default); IAM never reuses version ids`,
      );
    }
    case 'attachPolicy':
      await aws.iam.detachPolicy(op.principal, op.policyArn);
      return undone(`detached ${policyNameOf(op.policyArn)} from ${op.principal.kind} ${op.principal.name}`);
    case 'createRole':
      await aws.iam.deleteRole(op.name);
      return undone(`deleted ${target}`);
    case 'updateTrustPolicy':
      await aws.iam.updateAssumeRolePolicy(op.roleName, op.before);
      return undone(`restored ${target}`);
    case 'putRolePolicy':
      if (op.before === undefined) {
        await aws.iam.deleteRolePolicy(op.roleName, op.policyName);
        return undone(`deleted ${target}`);
      }
      await aws.iam.putRolePolicy(op.roleName, op.policyName, op.before);
      return undone(`restored ${target}`);
    case 'createBucket':
      try {
        await aws.s3.deleteBucket(op.bucket, found.account!);
      } catch (error) {
        if (error instanceof AwsError && error.awsCode === 'BucketNotEmpty') {
          return { status: 'skipped', detail: `${target} holds objects; we never delete data, so it is left in place` };
        }
        throw error;
      }
      return undone(`deleted ${target}`);
    case 'putBucketPolicy':
      if (op.before === undefined) {
        await aws.s3.deleteBucketPolicy(op.bucket, op.expectedOwner);
        return undone(`deleted ${target} (there was none before)`);
      }
      await aws.s3.putBucketPolicy(op.bucket, op.expectedOwner, op.before);
      return undone(`restored ${target}`);
    case 'putKeyPolicy':
      await aws.kms.putKeyPolicy(op.keyId, op.before);
      return undone(`restored ${target}`);
    default:
      return assertNever(op);
  }
}

/**
 * Drifted and forced. Whole documents we own (trust policy, our inline policies, our policy
 * versions) go back to `before`; shared resource policies keep everything others wrote since.
 */
async function forcedUndo(aws: Aws, op: Operation, result: OperationResult, found: Inspection): Promise<UndoOutcome> {
  const target = operationTarget(op);
  switch (op.kind) {
    case 'createPolicyVersion': {
      // Someone published another default since: keep theirs, remove only our version.
      if (!found.ourVersionExists) return { status: 'skipped', detail: `${target} has a newer default version set by someone else and our version ${result.versionId} is gone` };
      await aws.iam.deletePolicyVersion(op.policyArn, result.versionId!);
      return undone(`deleted version ${result.versionId} of ${target}; kept the default version set after our run`);
    }
    case 'putBucketPolicy': {
      const merged = withoutOurStatements(found.current, op.document, op.before);
      if (merged === undefined) {
        if (found.current === undefined) return { status: 'skipped', detail: `${target} no longer exists` };
        await aws.s3.deleteBucketPolicy(op.bucket, op.expectedOwner);
        return undone(`deleted ${target}: only our statements were left in it`);
      }
      if (sameDocument(merged, found.current)) return { status: 'skipped', detail: `${target} no longer holds our statements` };
      await aws.s3.putBucketPolicy(op.bucket, op.expectedOwner, merged);
      return undone(`removed our statements from ${target}; kept the statements added since`);
    }
    case 'putKeyPolicy': {
      const merged = withoutOurStatements(found.current, op.document, op.before);
      if (merged === undefined) {
        throw new SetupError(`removing our statements would leave ${target} empty, and a key must keep a policy`, undefined, 'Edit the key policy by hand.');
      }
      if (sameDocument(merged, found.current)) return { status: 'skipped', detail: `${target} no longer holds our statements` };
      await aws.kms.putKeyPolicy(op.keyId, merged);
      return undone(`removed our statements from ${target}; kept the statements added since`);
    }
    default:
      return plainUndo(aws, op, result, found);
  }
}

/**
 * The current document minus the statements we added (our Sids), plus the versions of those
 * Sids that `before` had. `undefined` when nothing would be left.
 */
function withoutOurStatements(
  current: PolicyDocument | undefined,
  written: PolicyDocument,
  before: PolicyDocument | undefined,
): PolicyDocument | undefined {
  const ourSids = written.Statement.map((s) => s.Sid).filter((sid): sid is string => sid !== undefined && isOurSid(sid));
  const kept = current === undefined ? undefined : removeStatements(current, ourSids);
  const restored = (before?.Statement ?? []).filter((s) => s.Sid !== undefined && ourSids.includes(s.Sid));
  const merged = restored.length === 0 ? kept : mergeStatements(kept, restored);
  return merged === undefined || merged.Statement.length === 0 ? undefined : merged;
}

function undone(detail: string): UndoOutcome {
  return { status: 'undone', detail };
}
