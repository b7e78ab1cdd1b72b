/** Documents of the service role (steps 3–5): its trust policy and its two inline policies. */
import { bucketArn, PERSONALIZE_SERVICE_PRINCIPAL, personalizeSourceArnPattern } from './arns.js';
import { s3Actions } from './s3-actions.js';
import type { S3AccessLevel } from './s3-actions.js';
import type { Partition, PolicyDocument } from './types.js';

/**
 * Lets Personalize assume the role, only on behalf of this account's Personalize resources in
 * this region: the guide's cross-service confused-deputy conditions.
 */
export function serviceRoleTrustPolicy(o: { partition: Partition; account: string; region: string }): PolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Service: PERSONALIZE_SERVICE_PRINCIPAL },
        Action: 'sts:AssumeRole',
        Condition: {
          StringEquals: { 'aws:SourceAccount': o.account },
          ArnLike: { 'aws:SourceArn': personalizeSourceArnPattern(o.partition, o.region, o.account) },
        },
      },
    ],
  };
}

/** The role's inline S3 policy: the same actions and resources as the bucket-policy statement. */
export function roleS3Policy(o: { partition: Partition; bucket: string; access: S3AccessLevel }): PolicyDocument {
  const bucket = bucketArn(o.partition, o.bucket);
  return {
    Version: '2012-10-17',
    Statement: [
      { Sid: 'PersonalizeS3Access', Effect: 'Allow', Action: s3Actions(o.access), Resource: [bucket, `${bucket}/*`] },
    ],
  };
}

/** The role's inline KMS policy: the IAM half of key access (the key policy is the other half). */
export function roleKmsPolicy(o: { keyArn: string }): PolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'PersonalizeKmsAccess',
        Effect: 'Allow',
        Action: ['kms:Decrypt', 'kms:GenerateDataKey', 'kms:DescribeKey', 'kms:ListGrants'],
        Resource: o.keyArn,
      },
    ],
  };
}
