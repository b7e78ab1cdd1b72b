/**
 * Performs one Operation through the AWS adapters. A failed operation leaves nothing behind, so the
 * engine only ever has to undo operations that succeeded.
 */
import type { Aws } from '../aws/api.js';
import { AwsError } from '../errors.js';
import { assertNever } from './describe-operation.js';
import type { Operation, OperationResult } from './types.js';

export async function applyOperation(aws: Aws, op: Operation): Promise<OperationResult> {
  switch (op.kind) {
    case 'createPolicy':
      return {
        arn: await aws.iam.createPolicy({ name: op.name, path: op.path, description: op.description, document: op.document, tags: op.tags }),
      };
    case 'createPolicyVersion':
      return { versionId: await aws.iam.createPolicyVersion(op.policyArn, op.document, true) };
    case 'deletePolicyVersion':
      await aws.iam.deletePolicyVersion(op.policyArn, op.versionId);
      return {};
    case 'attachPolicy':
      await aws.iam.attachPolicy(op.principal, op.policyArn);
      return {};
    case 'createRole':
      return {
        arn: await aws.iam.createRole({ name: op.name, path: op.path, description: op.description, trustPolicy: op.trustPolicy, tags: op.tags }),
      };
    case 'updateTrustPolicy':
      await aws.iam.updateAssumeRolePolicy(op.roleName, op.document);
      return {};
    case 'putRolePolicy':
      await aws.iam.putRolePolicy(op.roleName, op.policyName, op.document);
      return {};
    case 'createBucket':
      await createBucketOrNothing(aws, op);
      return {};
    case 'putBucketPolicy':
      await aws.s3.putBucketPolicy(op.bucket, op.expectedOwner, op.document);
      return {};
    case 'putKeyPolicy':
      await aws.kms.putKeyPolicy(op.keyId, op.document);
      return {};
    default:
      return assertNever(op);
  }
}

/** Errors that mean CreateBucket itself did not create a bucket for us: never clean those up. */
const NOT_CREATED_BY_US = new Set(['BucketAlreadyExists', 'BucketAlreadyOwnedByYou']);

/**
 * CreateBucket succeeds, then Block Public Access, encryption or tagging fails: the journal marks
 * the operation failed, so nothing would ever undo it. Remove the new, still empty bucket here
 * (unless the adapter already did) and report the original error.
 */
async function createBucketOrNothing(aws: Aws, op: Extract<Operation, { kind: 'createBucket' }>): Promise<void> {
  try {
    await aws.s3.createBucket({ bucket: op.bucket, region: op.region, tags: op.tags });
  } catch (error) {
    if (error instanceof AwsError && (isCreateBucketCall(error.operation) || NOT_CREATED_BY_US.has(error.awsCode))) throw error;
    try {
      const { account } = await aws.sts.getCallerIdentity();
      if ((await aws.s3.headBucket(op.bucket, account)) !== undefined) await aws.s3.deleteBucket(op.bucket, account);
    } catch (cleanupError) {
      throw new AwsError(
        `${(error as Error).message} The new bucket ${op.bucket} could not be removed afterwards (${(cleanupError as Error).message}).`,
        error instanceof AwsError ? error.awsCode : 'CreateBucketIncomplete',
        error instanceof AwsError ? error.operation : 'CreateBucket',
        `Delete the empty bucket by hand: aws s3api delete-bucket --bucket ${op.bucket} --region ${op.region}`,
      );
    }
    throw error;
  }
}

/** The adapter names the failed call; accept `CreateBucket`, `CreateBucketCommand`, `s3:CreateBucket`. */
function isCreateBucketCall(operation: string): boolean {
  return /^(s3:)?CreateBucket(Command)?$/i.test(operation);
}
