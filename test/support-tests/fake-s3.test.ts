import {
  BucketAlreadyExists,
  BucketAlreadyOwnedByYou,
  CreateBucketCommand,
  DeleteBucketCommand,
  DeleteBucketPolicyCommand,
  GetBucketEncryptionCommand,
  GetBucketPolicyCommand,
  GetBucketTaggingCommand,
  HeadBucketCommand,
  ListBucketsCommand,
  NoSuchBucket,
  NotFound,
  PutBucketEncryptionCommand,
  PutBucketPolicyCommand,
  PutBucketTaggingCommand,
  PutPublicAccessBlockCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import type { BucketLocationConstraint } from '@aws-sdk/client-s3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeAccount } from '../support/fake-account.js';

const ACCOUNT = '123456789012';
const s3 = new S3Client({ region: 'eu-west-1' });

const foreign = { Sid: 'KeepMe', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::999999999999:root' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::data/*' };
const personalize = {
  Sid: 'PersonalizeSetupS3',
  Effect: 'Allow',
  Principal: { Service: 'personalize.amazonaws.com' },
  Action: ['s3:GetObject', 's3:ListBucket'],
  Resource: ['arn:aws:s3:::data', 'arn:aws:s3:::data/*'],
};
const policy = (...statements: object[]) => ({ Version: '2012-10-17', Statement: statements });

let aws: FakeAccount;
beforeEach(() => {
  aws = FakeAccount.install();
});
afterEach(() => aws.uninstall());

describe('HeadBucket', () => {
  it('returns the bucket region; a missing bucket is a 404 NotFound', async () => {
    aws.addBucket('data');
    await expect(s3.send(new HeadBucketCommand({ Bucket: 'data', ExpectedBucketOwner: ACCOUNT }))).resolves.toMatchObject({
      BucketRegion: 'eu-west-1',
      $metadata: { httpStatusCode: 200 },
    });
    const missing = s3.send(new HeadBucketCommand({ Bucket: 'nope' }));
    await expect(missing).rejects.toBeInstanceOf(NotFound);
    await expect(missing).rejects.toMatchObject({ name: 'NotFound', $metadata: { httpStatusCode: 404 } });
  });

  it('answers 403 when ExpectedBucketOwner differs or the bucket belongs to another account', async () => {
    aws.addBucket('data');
    aws.addBucket('theirs', { ownerAccount: '999999999999' });
    const wrongOwner = s3.send(new HeadBucketCommand({ Bucket: 'data', ExpectedBucketOwner: '111111111111' }));
    await expect(wrongOwner).rejects.toMatchObject({ $metadata: { httpStatusCode: 403 } });
    await expect(s3.send(new HeadBucketCommand({ Bucket: 'theirs' }))).rejects.toMatchObject({ $metadata: { httpStatusCode: 403 } });
    // Every call that takes ExpectedBucketOwner checks it.
    await expect(s3.send(new GetBucketPolicyCommand({ Bucket: 'data', ExpectedBucketOwner: '111111111111' }))).rejects.toMatchObject({
      name: 'AccessDenied',
      $metadata: { httpStatusCode: 403 },
    });
  });
});

describe('bucket policies', () => {
  it('GetBucketPolicy without a policy fails with NoSuchBucketPolicy; a missing bucket with NoSuchBucket', async () => {
    aws.addBucket('data');
    const none = s3.send(new GetBucketPolicyCommand({ Bucket: 'data' }));
    await expect(none).rejects.toBeInstanceOf(S3ServiceException);
    await expect(none).rejects.toMatchObject({ name: 'NoSuchBucketPolicy', $metadata: { httpStatusCode: 404 } });
    await expect(s3.send(new GetBucketPolicyCommand({ Bucket: 'nope' }))).rejects.toBeInstanceOf(NoSuchBucket);
  });

  it('PutBucketPolicy replaces the whole policy, and GetBucketPolicy returns it as a JSON string', async () => {
    aws.addBucket('data', { policy: policy(foreign) });
    await s3.send(new PutBucketPolicyCommand({ Bucket: 'data', Policy: JSON.stringify(policy(personalize)) }));

    const { Policy } = await s3.send(new GetBucketPolicyCommand({ Bucket: 'data' }));
    expect(typeof Policy).toBe('string');
    expect(JSON.parse(Policy!)).toEqual(policy(personalize));
    expect(aws.bucketPolicy('data')).toEqual(policy(personalize)); // the foreign statement is gone

    await s3.send(new DeleteBucketPolicyCommand({ Bucket: 'data' }));
    expect(aws.bucketPolicy('data')).toBeUndefined();
  });

  it('rejects an AWS principal that does not exist in the account as "Invalid principal in policy"', async () => {
    aws.addBucket('data');
    const ghost = { ...personalize, Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/Ghost` } };
    const put = s3.send(new PutBucketPolicyCommand({ Bucket: 'data', Policy: JSON.stringify(policy(ghost)) }));
    await expect(put).rejects.toMatchObject({ name: 'MalformedPolicy', message: 'Invalid principal in policy', $metadata: { httpStatusCode: 400 } });

    aws.addRole('Ghost');
    await s3.send(new PutBucketPolicyCommand({ Bucket: 'data', Policy: JSON.stringify(policy(ghost)) }));
  });

  it('rejects resources outside the bucket and actions that apply to none of the resources', async () => {
    aws.addBucket('data');
    const otherBucket = { ...personalize, Resource: 'arn:aws:s3:::other/*' };
    await expect(s3.send(new PutBucketPolicyCommand({ Bucket: 'data', Policy: JSON.stringify(policy(otherBucket)) }))).rejects.toThrow(
      'Policy has invalid resource',
    );
    const objectsOnly = { ...personalize, Resource: 'arn:aws:s3:::data/*' }; // s3:ListBucket needs the bucket ARN
    await expect(s3.send(new PutBucketPolicyCommand({ Bucket: 'data', Policy: JSON.stringify(policy(objectsOnly)) }))).rejects.toThrow(
      'Action does not apply to any resource(s) in statement',
    );
    await expect(s3.send(new PutBucketPolicyCommand({ Bucket: 'data', Policy: 'not json' }))).rejects.toMatchObject({ name: 'MalformedPolicy' });
  });
});

describe('CreateBucket', () => {
  it('outside us-east-1 needs a LocationConstraint equal to the client region', async () => {
    await expect(s3.send(new CreateBucketCommand({ Bucket: 'fresh' }))).rejects.toMatchObject({
      name: 'IllegalLocationConstraintException',
      message: 'The unspecified location constraint is incompatible for the region specific endpoint this request was sent to.',
    });
    await expect(
      s3.send(new CreateBucketCommand({ Bucket: 'fresh', CreateBucketConfiguration: { LocationConstraint: 'eu-west-2' } })),
    ).rejects.toMatchObject({ name: 'IllegalLocationConstraintException' });

    await s3.send(new CreateBucketCommand({ Bucket: 'fresh', CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } }));
    // New buckets come with SSE-S3 and Block Public Access, as on AWS since 2023.
    expect(aws.bucket('fresh')).toEqual({
      region: 'eu-west-1',
      ownerAccount: ACCOUNT,
      encryption: { algorithm: 'AES256', bucketKeyEnabled: false },
      publicAccessBlock: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      objects: 0,
      aclReset: false,
    });
    await expect(
      s3.send(new CreateBucketCommand({ Bucket: 'fresh', CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } })),
    ).rejects.toBeInstanceOf(BucketAlreadyOwnedByYou);
  });

  it('in us-east-1: no LocationConstraint; re-creating your own bucket answers 200 and resets its ACL', async () => {
    const east = new S3Client({ region: 'us-east-1' });
    await expect(
      // The SDK's own type leaves us-east-1 out; code that builds the constraint from a string can still send it.
      east.send(new CreateBucketCommand({ Bucket: 'east', CreateBucketConfiguration: { LocationConstraint: 'us-east-1' as BucketLocationConstraint } })),
    ).rejects.toMatchObject({ name: 'InvalidLocationConstraint', message: 'The specified location-constraint is not valid' });

    await expect(east.send(new CreateBucketCommand({ Bucket: 'east' }))).resolves.toMatchObject({ Location: '/east' });
    expect(aws.bucket('east')?.aclReset).toBe(false);
    await expect(east.send(new CreateBucketCommand({ Bucket: 'east' }))).resolves.toMatchObject({ $metadata: { httpStatusCode: 200 } });
    expect(aws.bucket('east')?.aclReset).toBe(true);
  });

  it("another account's bucket name is BucketAlreadyExists", async () => {
    aws.addBucket('taken', { ownerAccount: '999999999999' });
    const create = s3.send(new CreateBucketCommand({ Bucket: 'taken', CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } }));
    await expect(create).rejects.toBeInstanceOf(BucketAlreadyExists);
  });
});

describe('encryption, tags, public access block, delete, list', () => {
  it('reports missing configuration with the S3 error names', async () => {
    aws.addBucket('data');
    await expect(s3.send(new GetBucketEncryptionCommand({ Bucket: 'data' }))).rejects.toMatchObject({
      name: 'ServerSideEncryptionConfigurationNotFoundError',
      $metadata: { httpStatusCode: 404 },
    });
    await expect(s3.send(new GetBucketTaggingCommand({ Bucket: 'data' }))).rejects.toMatchObject({ name: 'NoSuchTagSet' });
  });

  it('stores what the Put calls send', async () => {
    aws.addBucket('data', { encryption: { algorithm: 'aws:kms', kmsKeyId: 'arn:aws:kms:eu-west-1:123456789012:key/k' } });
    const encryption = await s3.send(new GetBucketEncryptionCommand({ Bucket: 'data' }));
    expect(encryption.ServerSideEncryptionConfiguration?.Rules?.[0]?.ApplyServerSideEncryptionByDefault).toEqual({
      SSEAlgorithm: 'aws:kms',
      KMSMasterKeyID: 'arn:aws:kms:eu-west-1:123456789012:key/k',
    });

    await s3.send(new PutBucketEncryptionCommand({ Bucket: 'data', ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] } }));
    await s3.send(new PutBucketTaggingCommand({ Bucket: 'data', Tagging: { TagSet: [{ Key: 'managed-by', Value: 'personalize-setup' }] } }));
    await s3.send(new PutPublicAccessBlockCommand({ Bucket: 'data', PublicAccessBlockConfiguration: { BlockPublicPolicy: true } }));
    expect(aws.bucket('data')).toMatchObject({
      encryption: { algorithm: 'AES256', bucketKeyEnabled: false },
      tags: { 'managed-by': 'personalize-setup' },
      publicAccessBlock: { BlockPublicAcls: false, BlockPublicPolicy: true, IgnorePublicAcls: false, RestrictPublicBuckets: false },
    });
    const { TagSet } = await s3.send(new GetBucketTaggingCommand({ Bucket: 'data' }));
    expect(TagSet).toEqual([{ Key: 'managed-by', Value: 'personalize-setup' }]);

    // With BlockPublicPolicy, a policy open to everyone is refused.
    const open = { Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::data/*' };
    await expect(s3.send(new PutBucketPolicyCommand({ Bucket: 'data', Policy: JSON.stringify(policy(open)) }))).rejects.toMatchObject({
      name: 'AccessDenied',
    });
  });

  it('DeleteBucket refuses a bucket with objects; ListBuckets lists only this account', async () => {
    aws.addBucket('full', { objects: 3 });
    aws.addBucket('empty');
    aws.addBucket('theirs', { ownerAccount: '999999999999' });
    await expect(s3.send(new DeleteBucketCommand({ Bucket: 'full' }))).rejects.toMatchObject({ name: 'BucketNotEmpty', $metadata: { httpStatusCode: 409 } });
    await s3.send(new DeleteBucketCommand({ Bucket: 'empty' }));

    const { Buckets } = await s3.send(new ListBucketsCommand({}));
    expect(Buckets?.map((b) => [b.Name, b.BucketRegion])).toEqual([['full', 'eu-west-1']]);
  });

  it('a bucket in another region answers 301 PermanentRedirect', async () => {
    aws.addBucket('far', { region: 'ap-southeast-2' });
    await expect(s3.send(new GetBucketPolicyCommand({ Bucket: 'far' }))).rejects.toMatchObject({
      name: 'PermanentRedirect',
      $metadata: { httpStatusCode: 301 },
    });
    const near = new S3Client({ region: 'ap-southeast-2' });
    await expect(near.send(new HeadBucketCommand({ Bucket: 'far' }))).resolves.toMatchObject({ BucketRegion: 'ap-southeast-2' });
  });
});
