import { describe, expect, it } from 'vitest';
import {
  awsManagedPolicyArn,
  bucketArn,
  customerPolicyArn,
  isOurSid,
  PERSONALIZE_FULL_ACCESS,
  PERSONALIZE_SERVICE_PRINCIPAL,
  partitionForRegion,
  personalizeSourceArnPattern,
  roleArn,
  SIDS,
} from '../../src/policies/index.js';

describe('partitionForRegion', () => {
  it.each([
    ['us-east-1', 'aws'],
    ['eu-west-1', 'aws'],
    ['ap-southeast-2', 'aws'],
    ['cn-north-1', 'aws-cn'],
    ['cn-northwest-1', 'aws-cn'],
    ['us-gov-west-1', 'aws-us-gov'],
    ['us-gov-east-1', 'aws-us-gov'],
  ])('%s is in %s', (region, partition) => {
    expect(partitionForRegion(region)).toBe(partition);
  });
});

describe('ARNs', () => {
  it('builds role ARNs with and without a path', () => {
    expect(roleArn('aws', '123456789012', '/', 'PersonalizeRole')).toBe('arn:aws:iam::123456789012:role/PersonalizeRole');
    expect(roleArn('aws-cn', '123456789012', '/ml/', 'PersonalizeRole')).toBe(
      'arn:aws-cn:iam::123456789012:role/ml/PersonalizeRole',
    );
    expect(roleArn('aws-us-gov', '123456789012', '/a/b/', 'R')).toBe('arn:aws-us-gov:iam::123456789012:role/a/b/R');
  });

  it('does not glue a path without slashes onto the name', () => {
    expect(roleArn('aws', '123456789012', 'ml', 'R')).toBe('arn:aws:iam::123456789012:role/ml/R');
    expect(roleArn('aws', '123456789012', '', 'R')).toBe('arn:aws:iam::123456789012:role/R');
  });

  it('builds customer managed policy ARNs', () => {
    expect(customerPolicyArn('aws', '123456789012', 'PersonalizeOperatorAccess')).toBe(
      'arn:aws:iam::123456789012:policy/PersonalizeOperatorAccess',
    );
    expect(customerPolicyArn('aws-cn', '123456789012', 'P', '/team/')).toBe('arn:aws-cn:iam::123456789012:policy/team/P');
  });

  it('builds AWS managed policy ARNs, keeping the service-role/ path of AmazonPersonalizeFullAccess', () => {
    expect(awsManagedPolicyArn('aws', PERSONALIZE_FULL_ACCESS)).toBe(
      'arn:aws:iam::aws:policy/service-role/AmazonPersonalizeFullAccess',
    );
    expect(awsManagedPolicyArn('aws-cn', 'CloudWatchFullAccessV2')).toBe('arn:aws-cn:iam::aws:policy/CloudWatchFullAccessV2');
    expect(awsManagedPolicyArn('aws-us-gov', '/CloudWatchFullAccess')).toBe(
      'arn:aws-us-gov:iam::aws:policy/CloudWatchFullAccess',
    );
  });

  it('builds bucket ARNs and the Personalize source-ARN pattern per partition', () => {
    expect(bucketArn('aws', 'my-data')).toBe('arn:aws:s3:::my-data');
    expect(bucketArn('aws-cn', 'my-data')).toBe('arn:aws-cn:s3:::my-data');
    expect(personalizeSourceArnPattern('aws', 'us-east-1', '123456789012')).toBe(
      'arn:aws:personalize:us-east-1:123456789012:*',
    );
    expect(personalizeSourceArnPattern('aws-cn', 'cn-north-1', '123456789012')).toBe(
      'arn:aws-cn:personalize:cn-north-1:123456789012:*',
    );
  });

  it('names the service principal', () => {
    expect(PERSONALIZE_SERVICE_PRINCIPAL).toBe('personalize.amazonaws.com');
  });
});

describe('our Sids', () => {
  it('all start with PersonalizeSetup', () => {
    expect(SIDS).toStrictEqual({
      bucketAccess: 'PersonalizeSetupS3Access',
      denyInsecureTransport: 'PersonalizeSetupDenyInsecureTransport',
      keyAccess: 'PersonalizeSetupKeyAccess',
    });
    for (const sid of Object.values(SIDS)) expect(isOurSid(sid)).toBe(true);
  });

  it('does not claim statements of others', () => {
    expect(isOurSid(undefined)).toBe(false);
    expect(isOurSid('')).toBe(false);
    expect(isOurSid('PersonalizeS3BucketAccessPolicy')).toBe(false);
    expect(isOurSid('personalizesetupS3Access')).toBe(false);
    expect(isOurSid('AllowPersonalizeSetup')).toBe(false);
  });
});
