import { describe, expect, it } from 'vitest';
import { bucketPolicyStatements, keyPolicyStatement } from '../../src/policies/index.js';

describe('bucketPolicyStatements', () => {
  it('read-write: one Allow for the Personalize service principal', () => {
    expect(bucketPolicyStatements({ partition: 'aws', bucket: 'my-data', access: 'read-write', denyInsecureTransport: false })).toStrictEqual([
      {
        Sid: 'PersonalizeSetupS3Access',
        Effect: 'Allow',
        Principal: { Service: 'personalize.amazonaws.com' },
        Action: ['s3:GetObject', 's3:ListBucket', 's3:PutObject'],
        Resource: ['arn:aws:s3:::my-data', 'arn:aws:s3:::my-data/*'],
      },
    ]);
  });

  it('read in aws-cn with the Deny of non-TLS requests', () => {
    expect(bucketPolicyStatements({ partition: 'aws-cn', bucket: 'my-data', access: 'read', denyInsecureTransport: true })).toStrictEqual([
      {
        Sid: 'PersonalizeSetupS3Access',
        Effect: 'Allow',
        Principal: { Service: 'personalize.amazonaws.com' },
        Action: ['s3:GetObject', 's3:ListBucket'],
        Resource: ['arn:aws-cn:s3:::my-data', 'arn:aws-cn:s3:::my-data/*'],
      },
      {
        Sid: 'PersonalizeSetupDenyInsecureTransport',
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:*',
        Resource: ['arn:aws-cn:s3:::my-data', 'arn:aws-cn:s3:::my-data/*'],
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      },
    ]);
  });
});

describe('keyPolicyStatement', () => {
  it('lets both the role and the service use the key', () => {
    const roleArn = 'arn:aws-cn:iam::123456789012:role/PersonalizeRole';
    expect(keyPolicyStatement({ roleArn })).toStrictEqual({
      Sid: 'PersonalizeSetupKeyAccess',
      Effect: 'Allow',
      Principal: { AWS: roleArn, Service: 'personalize.amazonaws.com' },
      Action: ['kms:Decrypt', 'kms:GenerateDataKey', 'kms:DescribeKey', 'kms:CreateGrant', 'kms:ListGrants'],
      Resource: '*',
    });
  });
});
