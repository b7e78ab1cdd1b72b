/**
 * When an undo fails, the user must be able to finish it by hand: one sentence with the exact
 * AWS CLI command(s), documents included (they come from the journal, never from guesses).
 */
import type { PolicyDocument } from '../policies/types.js';
import { assertNever, operationTarget } from '../steps/describe-operation.js';
import type { Operation, OperationResult } from '../steps/types.js';

export function howToFinish(op: Operation, result: OperationResult | undefined, region: string): string {
  const target = operationTarget(op);
  const run = (command: string): string => `To finish by hand, run: ${command}`;
  switch (op.kind) {
    case 'createPolicy': {
      const arn = result?.arn ?? `<ARN of ${op.name}>`;
      return `${run(`aws iam delete-policy --policy-arn ${arn}`)} (first detach it from every user, group and role and delete its non-default versions).`;
    }
    case 'createPolicyVersion':
      return `${run(
        `aws iam set-default-policy-version --policy-arn ${op.policyArn} --version-id ${op.previousDefaultVersionId}` +
          ` && aws iam delete-policy-version --policy-arn ${op.policyArn} --version-id ${result?.versionId ?? '<new version id>'}`,
      )}.`;
    case 'deletePolicyVersion':
      return `${run(`aws iam create-policy-version --policy-arn ${op.policyArn} --no-set-as-default --policy-document ${shellJson(op.document)}`)} (IAM gives it a new version id; ${op.versionId} is never reused).`;
    case 'attachPolicy':
      return `${run(`aws iam detach-${op.principal.kind}-policy --${op.principal.kind}-name ${op.principal.name} --policy-arn ${op.policyArn}`)}.`;
    case 'createRole':
      return `${run(`aws iam delete-role --role-name ${op.name}`)} (first detach its managed policies and delete its inline policies).`;
    case 'updateTrustPolicy':
      return `${run(`aws iam update-assume-role-policy --role-name ${op.roleName} --policy-document ${shellJson(op.before)}`)}.`;
    case 'putRolePolicy':
      return op.before === undefined
        ? `${run(`aws iam delete-role-policy --role-name ${op.roleName} --policy-name ${op.policyName}`)}.`
        : `${run(`aws iam put-role-policy --role-name ${op.roleName} --policy-name ${op.policyName} --policy-document ${shellJson(op.before)}`)}.`;
    case 'createBucket':
      return `${run(`aws s3api delete-bucket --bucket ${op.bucket} --region ${op.region}`)} once you are sure ${target} holds nothing you need.`;
    case 'putBucketPolicy':
      return op.before === undefined
        ? `${run(`aws s3api delete-bucket-policy --bucket ${op.bucket} --expected-bucket-owner ${op.expectedOwner} --region ${region}`)}.`
        : `${run(`aws s3api put-bucket-policy --bucket ${op.bucket} --expected-bucket-owner ${op.expectedOwner} --region ${region} --policy ${shellJson(op.before)}`)}.`;
    case 'putKeyPolicy':
      return `${run(`aws kms put-key-policy --key-id ${op.keyId} --policy-name default --region ${region} --policy ${shellJson(op.before)}`)}.`;
    default:
      return assertNever(op);
  }
}

/** Compact JSON in single quotes, safe to paste into a POSIX shell. */
function shellJson(document: PolicyDocument): string {
  return `'${JSON.stringify(document).replace(/'/g, `'\\''`)}'`;
}
