import {
  AttachRolePolicyCommand,
  CreateRoleCommand,
  GetRoleCommand,
  GetUserCommand,
  IAMClient,
  PutRolePolicyCommand,
  SimulatePrincipalPolicyCommand,
  TagRoleCommand,
} from '@aws-sdk/client-iam';
import { GetKeyPolicyCommand, KMSClient } from '@aws-sdk/client-kms';
import { GetBucketAclCommand, GetBucketPolicyCommand, HeadBucketCommand, PutBucketPolicyCommand, S3Client } from '@aws-sdk/client-s3';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeAccount } from '../support/fake-account.js';

const ACCOUNT = '123456789012';
const iam = new IAMClient({ region: 'eu-west-1' });
const s3 = new S3Client({ region: 'eu-west-1' });
const kms = new KMSClient({ region: 'eu-west-1' });
const sts = new STSClient({ region: 'eu-west-1' });

const PERSONALIZE_FULL = 'arn:aws:iam::aws:policy/service-role/AmazonPersonalizeFullAccess';
const trust = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'personalize.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});
const inline = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::data/*' }] });

let aws: FakeAccount;
afterEach(() => aws.uninstall());

/** Four mutating calls, each depending on the previous one: a tiny "apply". */
async function setUpRole(): Promise<void> {
  await iam.send(new CreateRoleCommand({ RoleName: 'PersonalizeRole', AssumeRolePolicyDocument: trust }));
  await iam.send(new AttachRolePolicyCommand({ RoleName: 'PersonalizeRole', PolicyArn: PERSONALIZE_FULL }));
  await iam.send(new PutRolePolicyCommand({ RoleName: 'PersonalizeRole', PolicyName: 'S3', PolicyDocument: inline }));
  await iam.send(new TagRoleCommand({ RoleName: 'PersonalizeRole', Tags: [{ Key: 'managed-by', Value: 'personalize-setup' }] }));
}

function seedAccount(fake: FakeAccount): void {
  fake.addUser('alice');
  fake.addBucket('data', { policy: { Version: '2012-10-17', Statement: [] } });
  fake.addKey({ keyId: 'f4ce0000-0000-4000-8000-00000000abcd', aliases: ['alias/data'] });
}

describe('STS', () => {
  it('reports the caller, and creates the caller in IAM', async () => {
    aws = FakeAccount.install({ callerArn: `arn:aws:sts::${ACCOUNT}:assumed-role/Admin/alice`, callerPath: '/ops/' });
    const identity = await sts.send(new GetCallerIdentityCommand({}));
    expect(identity).toMatchObject({ Account: ACCOUNT, Arn: `arn:aws:sts::${ACCOUNT}:assumed-role/Admin/alice` });
    expect(identity.UserId).toMatch(/^AROA[A-Z0-9]{17}:alice$/);
    expect(aws.role('Admin')?.arn).toBe(`arn:aws:iam::${ACCOUNT}:role/ops/Admin`);
  });

  it('creates a calling user at the path its ARN shows', async () => {
    aws = FakeAccount.install({ callerArn: `arn:aws:iam::${ACCOUNT}:user/team/alice` });
    const { User } = await iam.send(new GetUserCommand({}));
    expect(User).toMatchObject({ UserName: 'alice', Path: '/team/', Arn: `arn:aws:iam::${ACCOUNT}:user/team/alice` });
    expect((await sts.send(new GetCallerIdentityCommand({}))).UserId).toBe(User?.UserId);
  });

  it('takes the partition from the region', async () => {
    aws = FakeAccount.install({ region: 'cn-north-1' });
    expect((await sts.send(new GetCallerIdentityCommand({}))).Arn).toBe(`arn:aws-cn:iam::${ACCOUNT}:user/admin`);
  });
});

describe('snapshot', () => {
  it('equals before and after read-only calls, and differs after any change', async () => {
    aws = FakeAccount.install();
    seedAccount(aws);
    const before = aws.snapshot();
    await s3.send(new GetBucketPolicyCommand({ Bucket: 'data' }));
    await kms.send(new GetKeyPolicyCommand({ KeyId: 'f4ce0000-0000-4000-8000-00000000abcd' }));
    expect(aws.snapshot()).toEqual(before);

    await s3.send(new PutBucketPolicyCommand({ Bucket: 'data', Policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: 'arn:aws:s3:::data/*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }] }) }));
    expect(aws.snapshot()).not.toEqual(before);
    expect(aws.snapshot().buckets.data?.policy).toMatchObject({ Statement: [{ Effect: 'Deny' }] });
  });

  it('is plain JSON with stable key order, independent of the order things were created in', () => {
    aws = FakeAccount.install();
    aws.addRole('b');
    aws.addRole('a');
    const one = JSON.stringify(aws.snapshot());
    aws.uninstall();
    aws = FakeAccount.install();
    aws.addRole('a');
    aws.addRole('b');
    expect(JSON.stringify(aws.snapshot())).toBe(one);
    expect(JSON.parse(one)).toEqual(aws.snapshot());
    expect(Object.keys(aws.snapshot().roles)).toEqual(['a', 'b']);
  });

  it('compares documents by content, not formatting', () => {
    aws = FakeAccount.install();
    aws.addBucket('data', { policy: '{\n  "Version": "2012-10-17",\n  "Statement": []\n}' });
    const other = FakeAccount.install();
    other.addBucket('data', { policy: { Statement: [], Version: '2012-10-17' } });
    expect(other.snapshot()).toEqual(aws.snapshot());
    other.uninstall();
  });
});

describe('fault injection', () => {
  it.each([1, 2, 3, 4])('the %i-th mutating call fails and changes nothing', async (k) => {
    aws = FakeAccount.install();
    seedAccount(aws);
    await iam.send(new GetRoleCommand({ RoleName: 'alice' })).catch(() => undefined); // reads are not counted
    aws.failMutatingCall(k);

    const error = await setUpRole().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ name: 'ServiceUnavailable', $fault: 'server', $metadata: { httpStatusCode: 503 } });

    const mutating = aws.mutatingCalls();
    expect(mutating.map((c) => c.error)).toEqual([...Array<undefined>(k - 1).fill(undefined), 'ServiceUnavailable']);
    // Exactly the k-1 calls before the fault changed the account.
    const role = aws.snapshot().roles.PersonalizeRole;
    expect(role !== undefined).toBe(k > 1);
    expect(role?.attached ?? []).toEqual(k > 2 ? [PERSONALIZE_FULL] : []);
    expect(Object.keys(role?.inline ?? {})).toEqual(k > 3 ? ['S3'] : []);
    expect(role?.tags ?? {}).toEqual({});
  });

  it('uses the error given, and failWhen matches any call', async () => {
    aws = FakeAccount.install();
    aws.addBucket('data');
    const throttled = Object.assign(new Error('Rate exceeded'), { name: 'Throttling' });
    aws.failWhen((call) => (call.service === 's3' && call.command === 'HeadBucket' ? throttled : undefined));
    await expect(s3.send(new HeadBucketCommand({ Bucket: 'data' }))).rejects.toBe(throttled);
    aws.clearFaults();
    await s3.send(new HeadBucketCommand({ Bucket: 'data' }));

    const denied = new Error('denied');
    aws.failMutatingCall(2, denied);
    await iam.send(new CreateRoleCommand({ RoleName: 'R', AssumeRolePolicyDocument: trust }));
    await expect(iam.send(new TagRoleCommand({ RoleName: 'R', Tags: [{ Key: 'a', Value: 'b' }] }))).rejects.toBe(denied);
    expect(aws.role('R')?.tags).toEqual({});
  });
});

describe('call log', () => {
  it('records service, command, input and errors; only non-read commands are mutating', async () => {
    aws = FakeAccount.install();
    await sts.send(new GetCallerIdentityCommand({}));
    await iam.send(new GetRoleCommand({ RoleName: 'Nope' })).catch(() => undefined);
    await iam.send(new CreateRoleCommand({ RoleName: 'R', AssumeRolePolicyDocument: trust }));

    expect(aws.calls.map((c) => [c.service, c.command, c.error])).toEqual([
      ['sts', 'GetCallerIdentity', undefined],
      ['iam', 'GetRole', 'NoSuchEntityException'],
      ['iam', 'CreateRole', undefined],
    ]);
    expect(aws.calls[1]?.input).toEqual({ RoleName: 'Nope' });
    expect(aws.mutatingCalls().map((c) => c.command)).toEqual(['CreateRole']);
  });

  it('a command the fake does not implement fails loudly, naming it', async () => {
    aws = FakeAccount.install();
    aws.addBucket('data');
    await expect(s3.send(new GetBucketAclCommand({ Bucket: 'data' }))).rejects.toThrow(
      'FakeAccount does not implement S3 GetBucketAclCommand',
    );
    await expect(iam.send(new SimulatePrincipalPolicyCommand({ PolicySourceArn: 'x', ActionNames: ['s3:GetObject'] }))).rejects.toThrow('SimulatePrincipalPolicyCommand');
    expect(aws.calls.map((c) => c.error)).toEqual(['Error', 'Error']);
  });

  it('uninstall restores the real send of every client class', () => {
    const originals = [IAMClient, S3Client, KMSClient, STSClient].map((Client) => Client.prototype.send);
    aws = FakeAccount.install();
    expect([IAMClient, S3Client, KMSClient, STSClient].map((Client) => Client.prototype.send)).not.toContain(originals[0]);
    aws.uninstall();
    expect([IAMClient, S3Client, KMSClient, STSClient].map((Client) => Client.prototype.send)).toEqual(originals);
  });
});

describe('criticalPathLength', () => {
  it('counts sequential round trips: parallel reads are one, dependent calls add up', async () => {
    aws = FakeAccount.install({ latencyMs: 20 });
    aws.addBucket('data');
    aws.addRole('R');

    const started = performance.now();
    await Promise.all([
      sts.send(new GetCallerIdentityCommand({})),
      iam.send(new GetRoleCommand({ RoleName: 'R' })),
      s3.send(new HeadBucketCommand({ Bucket: 'data' })),
    ]);
    expect(aws.criticalPathLength()).toBe(1);
    expect(performance.now() - started).toBeLessThan(55); // ran together, not 3 × 20 ms

    await iam.send(new GetRoleCommand({ RoleName: 'R' }));
    await s3.send(new HeadBucketCommand({ Bucket: 'data' }));
    expect(aws.criticalPathLength()).toBe(3);
    const call = aws.calls[3]!;
    expect(call.endedAt - call.startedAt).toBeGreaterThanOrEqual(19);
  });

  it('orders calls correctly even with no latency', async () => {
    aws = FakeAccount.install();
    await Promise.all([sts.send(new GetCallerIdentityCommand({})), sts.send(new GetCallerIdentityCommand({}))]);
    await sts.send(new GetCallerIdentityCommand({}));
    expect(aws.criticalPathLength()).toBe(2);
  });
});
