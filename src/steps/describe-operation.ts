/**
 * Names the thing an operation touches the way a person would look for it in the console:
 * used in undo details, drift errors and "how to finish by hand" sentences.
 */
import type { Operation } from './types.js';

export function operationTarget(op: Operation): string {
  switch (op.kind) {
    case 'createPolicy':
      return `policy ${op.name}`;
    case 'createPolicyVersion':
    case 'deletePolicyVersion':
      return `policy ${policyNameOf(op.policyArn)}`;
    case 'attachPolicy':
      return `the attachment of ${policyNameOf(op.policyArn)} to ${op.principal.kind} ${op.principal.name}`;
    case 'createRole':
      return `role ${op.name}`;
    case 'updateTrustPolicy':
      return `the trust policy of role ${op.roleName}`;
    case 'putRolePolicy':
      return `inline policy ${op.policyName} of role ${op.roleName}`;
    case 'createBucket':
      return `bucket ${op.bucket}`;
    case 'putBucketPolicy':
      return `the bucket policy of ${op.bucket}`;
    case 'putKeyPolicy':
      return `the key policy of ${op.keyId}`;
    default:
      return assertNever(op);
  }
}

/** `arn:aws:iam::aws:policy/service-role/AmazonPersonalizeFullAccess` → `AmazonPersonalizeFullAccess`. */
export function policyNameOf(policyArn: string): string {
  return policyArn.slice(policyArn.lastIndexOf('/') + 1);
}

/** Compile-time exhaustiveness: adding an Operation kind breaks every switch that forgot it. */
export function assertNever(value: never): never {
  throw new Error(`unknown operation ${JSON.stringify(value)}`);
}
