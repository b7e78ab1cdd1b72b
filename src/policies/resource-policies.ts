/**
 * Our statements for documents we share with their owners (bucket policy, key policy). They carry
 * `PersonalizeSetup*` Sids so that a re-run replaces them and rollback finds them.
 */
import { bucketArn, PERSONALIZE_SERVICE_PRINCIPAL, SIDS } from './arns.js';
import { s3Actions } from './s3-actions.js';
import type { S3AccessLevel } from './s3-actions.js';
import type { Partition, Statement } from './types.js';

/**
 * The Allow for Personalize on the bucket and its objects; with `denyInsecureTransport`, also a
 * Deny of every S3 action over plain HTTP (Personalize always uses TLS, so it is unaffected).
 */
export function bucketPolicyStatements(o: {
  partition: Partition;
  bucket: string;
  access: S3AccessLevel;
  denyInsecureTransport: boolean;
}): Statement[] {
  const bucket = bucketArn(o.partition, o.bucket);
  const resources = [bucket, `${bucket}/*`];
  const statements: Statement[] = [
    {
      Sid: SIDS.bucketAccess,
      Effect: 'Allow',
      Principal: { Service: PERSONALIZE_SERVICE_PRINCIPAL },
      Action: s3Actions(o.access),
      Resource: resources,
    },
  ];
  if (o.denyInsecureTransport) {
    statements.push({
      Sid: SIDS.denyInsecureTransport,
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:*',
      Resource: [...resources],
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    });
  }
  return statements;
}

/**
 * The key-policy statement: both the service role and the service itself, because Personalize
 * uses the key directly and through grants (hence CreateGrant / ListGrants). In a key policy
 * `Resource: "*"` means "this key".
 */
export function keyPolicyStatement(o: { roleArn: string }): Statement {
  return {
    Sid: SIDS.keyAccess,
    Effect: 'Allow',
    Principal: { AWS: o.roleArn, Service: PERSONALIZE_SERVICE_PRINCIPAL },
    Action: ['kms:Decrypt', 'kms:GenerateDataKey', 'kms:DescribeKey', 'kms:CreateGrant', 'kms:ListGrants'],
    Resource: '*',
  };
}
