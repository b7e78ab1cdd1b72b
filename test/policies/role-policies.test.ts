import { describe, expect, it } from 'vitest';
import { roleKmsPolicy, roleS3Policy, serviceRoleTrustPolicy } from '../../src/policies/index.js';

describe('serviceRoleTrustPolicy', () => {
  it('is the guide\'s trust policy with the confused-deputy conditions', () => {
    expect(serviceRoleTrustPolicy({ partition: 'aws', account: '123456789012', region: 'us-east-1' })).toStrictEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Service: 'personalize.amazonaws.com' },
          Action: 'sts:AssumeRole',
          Condition: {
            StringEquals: { 'aws:SourceAccount': '123456789012' },
            ArnLike: { 'aws:SourceArn': 'arn:aws:personalize:us-east-1:123456789012:*' },
          },
        },
      ],
    });
  });

  it('uses the partition and region in aws-cn', () => {
    expect(serviceRoleTrustPolicy({ partition: 'aws-cn', account: '210987654321', region: 'cn-north-1' })).toStrictEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Service: 'personalize.amazonaws.com' },
          Action: 'sts:AssumeRole',
          Condition: {
            StringEquals: { 'aws:SourceAccount': '210987654321' },
            ArnLike: { 'aws:SourceArn': 'arn:aws-cn:personalize:cn-north-1:210987654321:*' },
          },
        },
      ],
    });
  });
});

describe('roleS3Policy', () => {
  it('read: GetObject and ListBucket on the bucket and its objects', () => {
    expect(roleS3Policy({ partition: 'aws', bucket: 'my-data', access: 'read' })).toStrictEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'PersonalizeS3Access',
          Effect: 'Allow',
          Action: ['s3:GetObject', 's3:ListBucket'],
          Resource: ['arn:aws:s3:::my-data', 'arn:aws:s3:::my-data/*'],
        },
      ],
    });
  });

  it('read-write adds PutObject, in aws-cn', () => {
    expect(roleS3Policy({ partition: 'aws-cn', bucket: 'my-data', access: 'read-write' })).toStrictEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'PersonalizeS3Access',
          Effect: 'Allow',
          Action: ['s3:GetObject', 's3:ListBucket', 's3:PutObject'],
          Resource: ['arn:aws-cn:s3:::my-data', 'arn:aws-cn:s3:::my-data/*'],
        },
      ],
    });
  });
});

describe('roleKmsPolicy', () => {
  it('grants use of the key by its ARN', () => {
    const keyArn = 'arn:aws-cn:kms:cn-north-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    expect(roleKmsPolicy({ keyArn })).toStrictEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'PersonalizeKmsAccess',
          Effect: 'Allow',
          Action: ['kms:Decrypt', 'kms:GenerateDataKey', 'kms:DescribeKey', 'kms:ListGrants'],
          Resource: keyArn,
        },
      ],
    });
  });
});
