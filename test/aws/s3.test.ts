import {
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
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { PROPAGATION_DELAYS_MS } from '../../src/aws/retry-while-propagating.js';
import { createS3Api } from '../../src/aws/s3.js';
import { AwsError } from '../../src/errors.js';
import type { PolicyDocument } from '../../src/policies/types.js';

const s3 = mockClient(S3Client);
const sleeps: number[] = [];
const api = createS3Api(new S3Client({ region: 'eu-west-1' }), { sleep: async (ms) => void sleeps.push(ms) });

const OWNER = '123456789012';
const s3Error = (name: string, message: string, httpStatusCode = 400) => new S3ServiceException({ name, $fault: 'client', $metadata: { httpStatusCode }, message });
const commandNames = () => s3.calls().map((call) => (call.args[0] as object).constructor.name);
const inputOf = (index: number): unknown => s3.calls()[index]?.args[0].input;

const policy: PolicyDocument = {
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'PersonalizeSetupS3Access',
      Effect: 'Allow',
      Principal: { Service: 'personalize.amazonaws.com' },
      Action: ['s3:GetObject', 's3:ListBucket'],
      Resource: ['arn:aws:s3:::data', 'arn:aws:s3:::data/*'],
    },
  ],
};

beforeEach(() => {
  s3.reset();
  sleeps.length = 0;
});

describe('s3 adapter: reads', () => {
  it('headBucket returns the bucket region and sends ExpectedBucketOwner', async () => {
    s3.on(HeadBucketCommand).resolves({ BucketRegion: 'eu-west-1' });
    expect(await api.headBucket('data', OWNER)).toEqual({ region: 'eu-west-1' });
    expect(inputOf(0)).toEqual({ Bucket: 'data', ExpectedBucketOwner: OWNER });
  });

  it('headBucket resolves to undefined on 404', async () => {
    s3.on(HeadBucketCommand).rejects(new NotFound({ message: 'NotFound', $metadata: { httpStatusCode: 404 } }));
    expect(await api.headBucket('data', OWNER)).toBeUndefined();
  });

  it('headBucket on 403 says the bucket is not ours (HEAD responses carry no error code)', async () => {
    s3.on(HeadBucketCommand).rejects(s3Error('Unknown', 'UnknownError', 403));
    const error = await api.headBucket('data', OWNER).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AwsError);
    expect(error).toMatchObject({
      operation: 's3:HeadBucket',
      awsCode: 'Forbidden',
      message:
        'Bucket data exists but belongs to another AWS account, or you lack s3:ListBucket on it: choose another name with --bucket, or grant s3:ListBucket to the identity running personalize-setup.',
    });
  });

  it('getBucketPolicy parses the policy', async () => {
    s3.on(GetBucketPolicyCommand).resolves({ Policy: JSON.stringify(policy) });
    expect(await api.getBucketPolicy('data', OWNER)).toEqual(policy);
    expect(inputOf(0)).toEqual({ Bucket: 'data', ExpectedBucketOwner: OWNER });
  });

  it.each([
    ['NoSuchBucketPolicy', () => s3Error('NoSuchBucketPolicy', 'The bucket policy does not exist', 404)],
    ['NoSuchBucket', () => new NoSuchBucket({ message: 'The specified bucket does not exist', $metadata: { httpStatusCode: 404 } })],
  ])('getBucketPolicy resolves to undefined on %s', async (_name, error) => {
    s3.on(GetBucketPolicyCommand).rejects(error());
    expect(await api.getBucketPolicy('data', OWNER)).toBeUndefined();
  });

  it('getBucketEncryption maps the first rule', async () => {
    s3.on(GetBucketEncryptionCommand).resolves({
      ServerSideEncryptionConfiguration: {
        Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: 'arn:aws:kms:eu-west-1:123456789012:key/k1' }, BucketKeyEnabled: true }],
      },
    });
    expect(await api.getBucketEncryption('data', OWNER)).toEqual({ algorithm: 'aws:kms', kmsKeyId: 'arn:aws:kms:eu-west-1:123456789012:key/k1', bucketKeyEnabled: true });
    expect(inputOf(0)).toEqual({ Bucket: 'data', ExpectedBucketOwner: OWNER });
  });

  it('getBucketEncryption resolves to undefined when the bucket has no configuration', async () => {
    s3.on(GetBucketEncryptionCommand).rejects(s3Error('ServerSideEncryptionConfigurationNotFoundError', 'The server side encryption configuration was not found', 404));
    expect(await api.getBucketEncryption('data', OWNER)).toBeUndefined();
  });

  it('getBucketTags returns a record, and {} when the bucket has no tags', async () => {
    s3.on(GetBucketTaggingCommand).resolvesOnce({ TagSet: [{ Key: 'managed-by', Value: 'personalize-setup' }] }).rejects(s3Error('NoSuchTagSet', 'The TagSet does not exist', 404));
    expect(await api.getBucketTags('data', OWNER)).toEqual({ 'managed-by': 'personalize-setup' });
    expect(await api.getBucketTags('data', OWNER)).toEqual({});
    expect(inputOf(0)).toEqual({ Bucket: 'data', ExpectedBucketOwner: OWNER });
  });

  it('listBucketNames follows ContinuationToken', async () => {
    s3.on(ListBucketsCommand, {})
      .resolves({ Buckets: [{ Name: 'a' }, { Name: 'personalize-data' }], ContinuationToken: 't1' })
      .on(ListBucketsCommand, { ContinuationToken: 't1' })
      .resolves({ Buckets: [{ Name: 'z' }] });
    expect(await api.listBucketNames()).toEqual(['a', 'personalize-data', 'z']);
  });

  it('a read denied by S3 names the IAM action to grant', async () => {
    s3.on(GetBucketEncryptionCommand).rejects(s3Error('AccessDenied', 'Access Denied', 403));
    await expect(api.getBucketEncryption('data', OWNER)).rejects.toMatchObject({
      message: 'Access denied for s3:GetEncryptionConfiguration on bucket data: grant this action to the identity running personalize-setup (see README "Permissions the tool needs").',
    });
  });
});

describe('s3 adapter: createBucket', () => {
  beforeEach(() => {
    s3.on(CreateBucketCommand).resolves({ Location: '/data' });
    s3.on(PutPublicAccessBlockCommand).resolves({});
    s3.on(PutBucketEncryptionCommand).resolves({});
    s3.on(PutBucketTaggingCommand).resolves({});
  });

  it('in us-east-1 sends no LocationConstraint', async () => {
    await api.createBucket({ bucket: 'data', region: 'us-east-1', tags: {} });
    expect(s3.commandCalls(CreateBucketCommand)[0]?.args[0].input).toEqual({ Bucket: 'data' });
  });

  it('elsewhere names the region as LocationConstraint', async () => {
    await api.createBucket({ bucket: 'data', region: 'eu-west-1', tags: {} });
    expect(s3.commandCalls(CreateBucketCommand)[0]?.args[0].input).toEqual({
      Bucket: 'data',
      CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' },
    });
  });

  it('turns on Block Public Access and default encryption, then tags the bucket', async () => {
    await api.createBucket({ bucket: 'data', region: 'eu-west-1', tags: { 'managed-by': 'personalize-setup', team: 'ml' } });

    expect(commandNames()).toEqual(['CreateBucketCommand', 'PutPublicAccessBlockCommand', 'PutBucketEncryptionCommand', 'PutBucketTaggingCommand']);
    expect(inputOf(1)).toEqual({
      Bucket: 'data',
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true },
    });
    expect(inputOf(2)).toEqual({
      Bucket: 'data',
      ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' }, BucketKeyEnabled: true }] },
    });
    expect(inputOf(3)).toEqual({
      Bucket: 'data',
      Tagging: {
        TagSet: [
          { Key: 'managed-by', Value: 'personalize-setup' },
          { Key: 'team', Value: 'ml' },
        ],
      },
    });
  });

  it('removes the new bucket when securing it fails, and reports why', async () => {
    s3.on(PutBucketEncryptionCommand).rejects(s3Error('AccessDenied', 'Access Denied', 403));
    s3.on(DeleteBucketCommand).resolves({});

    const error = await api.createBucket({ bucket: 'data', region: 'eu-west-1', tags: {} }).catch((e: unknown) => e);

    expect(error).toMatchObject({
      operation: 's3:PutBucketEncryption',
      message: 'Access denied for s3:PutEncryptionConfiguration on bucket data: grant this action to the identity running personalize-setup (see README "Permissions the tool needs").',
    });
    expect(commandNames()).toEqual(['CreateBucketCommand', 'PutPublicAccessBlockCommand', 'PutBucketEncryptionCommand', 'DeleteBucketCommand']);
  });

  it('a name taken by another account is reported, and nothing is deleted', async () => {
    s3.on(CreateBucketCommand).rejects(s3Error('BucketAlreadyExists', 'The requested bucket name is not available.', 409));
    await expect(api.createBucket({ bucket: 'data', region: 'eu-west-1', tags: {} })).rejects.toMatchObject({ awsCode: 'BucketAlreadyExists' });
    expect(commandNames()).toEqual(['CreateBucketCommand']);
  });
});

describe('s3 adapter: writes', () => {
  it('putBucketPolicy sends compact JSON with ExpectedBucketOwner', async () => {
    s3.on(PutBucketPolicyCommand).resolves({});
    await api.putBucketPolicy('data', OWNER, policy);
    expect(inputOf(0)).toEqual({ Bucket: 'data', ExpectedBucketOwner: OWNER, Policy: JSON.stringify(policy) });
    expect(sleeps).toEqual([]);
  });

  it('putBucketPolicy retries while S3 does not know a just-created principal yet', async () => {
    const invalidPrincipal = () => s3Error('MalformedPolicy', 'Invalid principal in policy');
    s3.on(PutBucketPolicyCommand).rejectsOnce(invalidPrincipal()).rejectsOnce(invalidPrincipal()).resolves({});

    await api.putBucketPolicy('data', OWNER, policy);

    expect(s3.commandCalls(PutBucketPolicyCommand)).toHaveLength(3);
    expect(sleeps).toEqual([1_000, 2_000]);
  });

  it('putBucketPolicy gives up after about a minute', async () => {
    s3.on(PutBucketPolicyCommand).rejects(s3Error('MalformedPolicy', 'Invalid principal in policy'));

    await expect(api.putBucketPolicy('data', OWNER, policy)).rejects.toMatchObject({ awsCode: 'MalformedPolicy', operation: 's3:PutBucketPolicy' });

    expect(s3.commandCalls(PutBucketPolicyCommand)).toHaveLength(PROPAGATION_DELAYS_MS.length + 1);
    const waited = sleeps.reduce((a, b) => a + b, 0);
    expect(waited).toBeGreaterThanOrEqual(50_000);
    expect(waited).toBeLessThanOrEqual(70_000);
  });

  it('putBucketPolicy does not retry other policy errors', async () => {
    s3.on(PutBucketPolicyCommand).rejects(s3Error('MalformedPolicy', 'Policy has invalid action'));
    await expect(api.putBucketPolicy('data', OWNER, policy)).rejects.toMatchObject({ awsCode: 'MalformedPolicy' });
    expect(s3.commandCalls(PutBucketPolicyCommand)).toHaveLength(1);
  });

  it('deleteBucketPolicy sends ExpectedBucketOwner', async () => {
    s3.on(DeleteBucketPolicyCommand).resolves({});
    await api.deleteBucketPolicy('data', OWNER);
    expect(inputOf(0)).toEqual({ Bucket: 'data', ExpectedBucketOwner: OWNER });
  });

  it('deleteBucket refuses, with a clear message, a bucket that holds objects', async () => {
    s3.on(DeleteBucketCommand).rejects(s3Error('BucketNotEmpty', 'The bucket you tried to delete is not empty', 409));
    await expect(api.deleteBucket('data', OWNER)).rejects.toMatchObject({
      awsCode: 'BucketNotEmpty',
      message: 'The bucket data still holds objects and personalize-setup never deletes data: empty it yourself or keep it.',
    });
    expect(inputOf(0)).toEqual({ Bucket: 'data', ExpectedBucketOwner: OWNER });
  });
});
