import { GetCallerIdentityCommand, STSClient, STSServiceException } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { createStsApi } from '../../src/aws/sts.js';
import { AwsError } from '../../src/errors.js';

const sts = mockClient(STSClient);
const api = createStsApi(new STSClient({ region: 'cn-north-1' }), { profile: 'dev' });

beforeEach(() => sts.reset());

describe('sts adapter', () => {
  it('returns the caller with the partition parsed from the ARN', async () => {
    sts.on(GetCallerIdentityCommand).resolves({ Account: '123456789012', Arn: 'arn:aws-cn:sts::123456789012:assumed-role/Admin/alice', UserId: 'AROAEXAMPLE:alice' });

    expect(await api.getCallerIdentity()).toEqual({
      account: '123456789012',
      arn: 'arn:aws-cn:sts::123456789012:assumed-role/Admin/alice',
      userId: 'AROAEXAMPLE:alice',
      partition: 'aws-cn',
    });
  });

  it.each([
    ['arn:aws:iam::123456789012:user/alice', 'aws'],
    ['arn:aws-us-gov:iam::123456789012:root', 'aws-us-gov'],
  ])('reads the partition of %s', async (arn, partition) => {
    sts.on(GetCallerIdentityCommand).resolves({ Account: '123456789012', Arn: arn, UserId: 'AIDA' });
    expect((await api.getCallerIdentity()).partition).toBe(partition);
  });

  it('refuses a partition it cannot build ARNs for', async () => {
    sts.on(GetCallerIdentityCommand).resolves({ Account: '123456789012', Arn: 'arn:aws-iso:iam::123456789012:user/a', UserId: 'x' });
    await expect(api.getCallerIdentity()).rejects.toMatchObject({ name: 'AwsError', awsCode: 'UnsupportedPartition' });
  });

  it('translates expired credentials, naming the profile to refresh', async () => {
    sts.on(GetCallerIdentityCommand).rejects(
      new STSServiceException({ name: 'ExpiredToken', $fault: 'client', $metadata: { httpStatusCode: 403 }, message: 'The security token included in the request is expired' }),
    );

    const error = await api.getCallerIdentity().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AwsError);
    expect(error).toMatchObject({
      message: 'Your AWS credentials have expired: refresh them (e.g. aws sso login --profile dev) and run again.',
      awsCode: 'ExpiredToken',
      operation: 'sts:GetCallerIdentity',
      exitCode: 1,
    });
  });
});
