import { afterEach, describe, expect, it } from 'vitest';
import type { Aws } from '../../src/aws/api.js';
import { defaultConfig } from '../../src/config/setup-config.js';
import type { SetupConfig } from '../../src/config/setup-config.js';
import type { Partition, PolicyDocument, Statement } from '../../src/policies/types.js';
import { applyOperation } from '../../src/steps/apply-operation.js';
import { detectBucketKey, planS3Access } from '../../src/steps/s3-access.js';
import type { StepContext } from '../../src/steps/step-context.js';
import type { FakeAccount } from '../support/fake-account.js';
import { ACCOUNT, installAccount, stepContext, TAGS } from './setup-fixtures.js';

const BUCKET = 'personalize-data';
const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/PersonalizeRole`;

const readWrite = ['s3:GetObject', 's3:ListBucket', 's3:PutObject'];
const resources = [`arn:aws:s3:::${BUCKET}`, `arn:aws:s3:::${BUCKET}/*`];

const ourAccess: Statement = {
  Sid: 'PersonalizeSetupS3Access',
  Effect: 'Allow',
  Principal: { Service: 'personalize.amazonaws.com' },
  Action: readWrite,
  Resource: resources,
};
const ourDeny: Statement = {
  Sid: 'PersonalizeSetupDenyInsecureTransport',
  Effect: 'Deny',
  Principal: '*',
  Action: 's3:*',
  Resource: resources,
  Condition: { Bool: { 'aws:SecureTransport': 'false' } },
};
const roleS3: PolicyDocument = {
  Version: '2012-10-17',
  Statement: [{ Sid: 'PersonalizeS3Access', Effect: 'Allow', Action: readWrite, Resource: resources }],
};
const trustPolicy: PolicyDocument = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'personalize.amazonaws.com' }, Action: 'sts:AssumeRole' }],
};

let account: FakeAccount;
let aws: Aws;

afterEach(() => account.uninstall());

async function install(options: { region?: string; partition?: Partition } = {}): Promise<void> {
  ({ account, aws } = await installAccount(options));
}

function context(config: Partial<SetupConfig>, extra: Partial<StepContext> = {}): StepContext {
  return stepContext(aws, { ...defaultConfig(), bucket: BUCKET, ...config }, extra);
}

describe('planS3Access on an existing bucket', () => {
  it('adds our statement to a bucket without policy and the inline policy to the role', async () => {
    await install();
    account.addBucket(BUCKET);

    const plan = await planS3Access(context({}));

    const bucketPolicy: PolicyDocument = { Version: '2012-10-17', Statement: [ourAccess] };
    expect(plan).toEqual({
      step: 's3-access',
      title: 'S3 access',
      changes: [
        {
          id: 's3-access/bucket-policy',
          step: 's3-access',
          action: 'put',
          resource: `arn:aws:s3:::${BUCKET}`,
          summary: `Create the bucket policy of ${BUCKET} with PersonalizeSetupS3Access`,
          after: bucketPolicy,
          operation: { kind: 'putBucketPolicy', bucket: BUCKET, expectedOwner: ACCOUNT, document: bucketPolicy, before: undefined },
        },
        {
          id: 's3-access/role-policy',
          step: 's3-access',
          action: 'put',
          resource: ROLE_ARN,
          summary: 'Add inline policy PersonalizeS3Access on role PersonalizeRole',
          after: roleS3,
          operation: { kind: 'putRolePolicy', roleName: 'PersonalizeRole', policyName: 'PersonalizeS3Access', document: roleS3, before: undefined },
        },
      ],
      notes: [],
      warnings: [],
      errors: [],
    });
    expect(account.mutatingCalls()).toEqual([]);
  });

  it('keeps foreign statements (with and without Sid) and the policy Id exactly', async () => {
    await install();
    const analytics = {
      Sid: 'AllowAnalyticsAccount',
      Effect: 'Allow',
      Principal: { AWS: 'arn:aws:iam::111122223333:root' },
      Action: 's3:GetObject',
      Resource: `arn:aws:s3:::${BUCKET}/exports/*`,
    };
    const listing = {
      Effect: 'Allow',
      Principal: { AWS: ['arn:aws:iam::111122223333:role/Reader'] },
      Action: ['s3:ListBucket'],
      Resource: `arn:aws:s3:::${BUCKET}`,
      Condition: { StringLike: { 's3:prefix': ['exports/*'] } },
    };
    const existing = { Version: '2012-10-17', Id: 'DataLakePolicy', Statement: [analytics, listing] };
    account.addBucket(BUCKET, { policy: existing });

    const plan = await planS3Access(context({}));

    const change = plan.changes.find((c) => c.id === 's3-access/bucket-policy');
    const after = { Version: '2012-10-17', Id: 'DataLakePolicy', Statement: [analytics, listing, ourAccess] };
    expect(change).toEqual({
      id: 's3-access/bucket-policy',
      step: 's3-access',
      action: 'put',
      resource: `arn:aws:s3:::${BUCKET}`,
      summary: `Add PersonalizeSetupS3Access to the bucket policy of ${BUCKET} (keeps 2 other statements)`,
      before: existing,
      after,
      operation: { kind: 'putBucketPolicy', bucket: BUCKET, expectedOwner: ACCOUNT, document: after, before: existing },
    });
    expect(plan.errors).toEqual([]);
  });

  it("adds nothing when the guide's hand-written statement already grants the access", async () => {
    await install();
    const guide = {
      Version: '2012-10-17',
      Id: 'PersonalizeS3BucketAccessPolicy',
      Statement: [
        {
          Sid: 'PersonalizeS3BucketAccessPolicy',
          Effect: 'Allow',
          Principal: { Service: 'personalize.amazonaws.com' },
          Action: ['s3:GetObject', 's3:ListBucket', 's3:PutObject'],
          Resource: [`arn:aws:s3:::${BUCKET}`, `arn:aws:s3:::${BUCKET}/*`],
        },
      ],
    };
    account.addBucket(BUCKET, { policy: guide });

    const plan = await planS3Access(context({}));

    expect(plan.changes[0]).toEqual({
      id: 's3-access/bucket-policy',
      step: 's3-access',
      action: 'noop',
      resource: `arn:aws:s3:::${BUCKET}`,
      summary: `Bucket policy of ${BUCKET} already grants Amazon Personalize access`,
    });
    expect(plan.notes).toEqual([
      'Access already in place: statement PersonalizeS3BucketAccessPolicy grants personalize.amazonaws.com ' +
        `s3:GetObject, s3:ListBucket, s3:PutObject on arn:aws:s3:::${BUCKET} and arn:aws:s3:::${BUCKET}/*; nothing is added to the bucket policy for it.`,
    ]);
  });

  it('names a covering statement without Sid by its position', async () => {
    await install();
    const foreign = { Sid: 'Other', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 's3:GetObject', Resource: `arn:aws:s3:::${BUCKET}/*` };
    const wide = { Effect: 'Allow', Principal: { Service: 'personalize.amazonaws.com' }, Action: 's3:*', Resource: `arn:aws:s3:::${BUCKET}*` };
    account.addBucket(BUCKET, { policy: { Version: '2012-10-17', Statement: [foreign, wide] } });

    const plan = await planS3Access(context({}));

    expect(plan.changes.map((c) => [c.id, c.action])).toEqual([
      ['s3-access/bucket-policy', 'noop'],
      ['s3-access/role-policy', 'put'],
    ]);
    expect(plan.notes[0]).toMatch(/^Access already in place: statement #2 grants personalize\.amazonaws\.com/);
  });

  it('read access asks only for s3:GetObject and s3:ListBucket, in the bucket policy and the role', async () => {
    await install();
    account.addBucket(BUCKET);

    const plan = await planS3Access(context({ s3Access: 'read' }));

    const read = ['s3:GetObject', 's3:ListBucket'];
    expect(plan.changes.map((c) => c.after)).toEqual([
      { Version: '2012-10-17', Statement: [{ ...ourAccess, Action: read }] },
      { Version: '2012-10-17', Statement: [{ Sid: 'PersonalizeS3Access', Effect: 'Allow', Action: read, Resource: resources }] },
    ]);
  });

  it("read-write is not covered by the guide's read-only statement, so ours is added", async () => {
    await install();
    const readOnly = {
      Sid: 'PersonalizeS3BucketAccessPolicy',
      Effect: 'Allow',
      Principal: { Service: 'personalize.amazonaws.com' },
      Action: ['s3:GetObject', 's3:ListBucket'],
      Resource: resources,
    };
    account.addBucket(BUCKET, { policy: { Version: '2012-10-17', Statement: [readOnly] } });

    const plan = await planS3Access(context({ s3Access: 'read-write' }));

    expect(plan.changes[0]?.action).toBe('put');
    expect(plan.changes[0]?.after).toEqual({ Version: '2012-10-17', Statement: [readOnly, ourAccess] });
    expect(plan.notes).toEqual([]);

    // …while read access is covered by that same statement.
    const readPlan = await planS3Access(context({ s3Access: 'read' }));
    expect(readPlan.changes[0]?.action).toBe('noop');
  });

  it('replaces a stale statement of ours in place instead of counting it as coverage', async () => {
    await install();
    const foreign = { Sid: 'Keep', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 's3:GetObject', Resource: `arn:aws:s3:::${BUCKET}/*` };
    const existing = { Version: '2012-10-17', Statement: [ourAccess, foreign] };
    account.addBucket(BUCKET, { policy: existing });

    const plan = await planS3Access(context({ s3Access: 'read' }));

    const read = { ...ourAccess, Action: ['s3:GetObject', 's3:ListBucket'] };
    expect(plan.changes[0]).toMatchObject({
      action: 'put',
      summary: `Update PersonalizeSetupS3Access in the bucket policy of ${BUCKET} (keeps 1 other statement)`,
      before: existing,
      after: { Version: '2012-10-17', Statement: [read, foreign] },
    });
  });

  it('adds the deny of insecure transport when asked', async () => {
    await install();
    account.addBucket(BUCKET);

    const plan = await planS3Access(context({ denyInsecureTransport: true }));

    expect(plan.changes[0]).toMatchObject({
      action: 'put',
      summary: `Create the bucket policy of ${BUCKET} with PersonalizeSetupS3Access and PersonalizeSetupDenyInsecureTransport`,
      after: { Version: '2012-10-17', Statement: [ourAccess, ourDeny] },
    });
  });

  it("does not add our deny when the owner's own deny of insecure transport already covers it", async () => {
    await install();
    const sslOnly = {
      Sid: 'AllowSSLRequestsOnly',
      Effect: 'Deny',
      Principal: { AWS: '*' },
      Action: 's3:*',
      Resource: [`arn:aws:s3:::${BUCKET}`, `arn:aws:s3:::${BUCKET}/*`],
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    };
    account.addBucket(BUCKET, { policy: { Version: '2012-10-17', Statement: [sslOnly] } });

    const plan = await planS3Access(context({ denyInsecureTransport: true }));

    expect(plan.changes[0]?.after).toEqual({ Version: '2012-10-17', Statement: [sslOnly, ourAccess] });
    expect(plan.notes).toEqual([
      `Already in place: statement AllowSSLRequestsOnly denies requests to ${BUCKET} that do not use TLS; PersonalizeSetupDenyInsecureTransport is not added.`,
    ]);
  });

  it('adds our deny when the existing one is narrower (another condition)', async () => {
    await install();
    const narrower = { ...ourDeny, Sid: 'DenyHttpFromOffice', Condition: { Bool: { 'aws:SecureTransport': 'false' }, IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } } };
    account.addBucket(BUCKET, { policy: { Version: '2012-10-17', Statement: [narrower] } });

    const plan = await planS3Access(context({ denyInsecureTransport: true }));

    expect(plan.changes[0]?.after).toEqual({ Version: '2012-10-17', Statement: [narrower, ourAccess, ourDeny] });
  });

  it('reports a merged bucket policy over the 20 KB limit as an error', async () => {
    await install();
    const statements: Statement[] = [];
    const filler = (i: number): Statement => ({
      Sid: `Partner${i}`,
      Effect: 'Allow',
      Principal: { AWS: `arn:aws:iam::1111222233${String(i).padStart(2, '0')}:root` },
      Action: 's3:GetObject',
      Resource: `arn:aws:s3:::${BUCKET}/partners/${'x'.repeat(60)}/${i}/*`,
    });
    // Just under the limit on its own (each filler is about 170 bytes); ours pushes it over.
    while (JSON.stringify({ Version: '2012-10-17', Statement: statements }).length < 20_300) statements.push(filler(statements.length));
    expect(JSON.stringify({ Version: '2012-10-17', Statement: statements }).length).toBeLessThan(20_480);
    account.addBucket(BUCKET, { policy: { Version: '2012-10-17', Statement: statements } });

    const plan = await planS3Access(context({}));

    const size = new TextEncoder().encode(JSON.stringify(plan.changes[0]?.after)).length;
    expect(size).toBeGreaterThan(20_480);
    expect(plan.changes[0]?.action).toBe('put');
    expect(plan.errors).toEqual([
      `The bucket policy of ${BUCKET} would be ${size} bytes; the limit is 20480. Remove unused statements from it and try again.`,
    ]);
  });

  it('warns that Personalize cannot use a bucket restricted to a VPC', async () => {
    await install();
    const vpcOnly = {
      Sid: 'VpcOnly',
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:*',
      Resource: resources,
      Condition: { StringNotEquals: { 'aws:SourceVpce': 'vpce-1a2b3c4d' } },
    };
    account.addBucket(BUCKET, { policy: { Version: '2012-10-17', Statement: [vpcOnly] } });

    const plan = await planS3Access(context({}));

    expect(plan.warnings).toEqual([
      `The bucket policy of ${BUCKET} restricts access to a VPC (statement VpcOnly uses aws:SourceVpc or aws:SourceVpce): ` +
        'Amazon Personalize cannot use buckets restricted to a VPC; exempt personalize.amazonaws.com from that condition or use another bucket.',
    ]);
    // The foreign deny is kept as it is; ours is still planned.
    expect(plan.changes[0]?.after).toEqual({ Version: '2012-10-17', Statement: [vpcOnly, ourAccess] });
  });

  it('warns when the bucket is in another region than Personalize', async () => {
    await install();
    account.addBucket(BUCKET, { region: 'us-east-1' });

    const plan = await planS3Access(context({}));

    expect(plan.warnings).toEqual([
      `Bucket ${BUCKET} is in us-east-1, but Amazon Personalize runs in eu-west-1 here and needs the bucket in the same region as its resources: ` +
        'use a bucket in eu-west-1 or run with --region us-east-1.',
    ]);
  });

  it('reports a bucket owned by another account as an error', async () => {
    await install();
    account.addBucket(BUCKET, { ownerAccount: '999988887777' });

    const plan = await planS3Access(context({}));

    expect(plan.changes).toEqual([]);
    expect(plan.errors).toEqual([expect.stringMatching(new RegExp(`^Bucket ${BUCKET} exists but belongs to another AWS account`))]);
    expect(account.mutatingCalls()).toEqual([]);
  });

  it('reads in two round trips: HeadBucket (beside the role read), then policy and encryption together', async () => {
    await install();
    account.addBucket(BUCKET, { encryption: { algorithm: 'AES256' } });
    account.addRole('PersonalizeRole', { trustPolicy });

    await planS3Access(context({}, { roleExists: true }));

    expect(account.calls.map((c) => c.command).sort()).toEqual(['GetBucketEncryption', 'GetBucketPolicy', 'GetRolePolicy', 'HeadBucket']);
    expect(account.criticalPathLength()).toBe(2);
  });
});

describe('planS3Access and the bucket', () => {
  it('reports a missing bucket as an error that says what to do', async () => {
    await install();

    const plan = await planS3Access(context({}));

    expect(plan.changes).toEqual([]);
    expect(plan.errors).toEqual([`Bucket ${BUCKET} does not exist: create it, pass --create-bucket, or fix --bucket.`]);
  });

  it('--create-bucket on a missing bucket plans the bucket, then its policy', async () => {
    await install();

    const plan = await planS3Access(context({ createBucket: true }));

    const policy: PolicyDocument = { Version: '2012-10-17', Statement: [ourAccess] };
    expect(plan.changes.map((c) => c.id)).toEqual(['s3-access/create-bucket', 's3-access/bucket-policy', 's3-access/role-policy']);
    expect(plan.changes[0]).toEqual({
      id: 's3-access/create-bucket',
      step: 's3-access',
      action: 'create',
      resource: `arn:aws:s3:::${BUCKET}`,
      summary: `Create bucket ${BUCKET} in eu-west-1 (Block Public Access on, default encryption on)`,
      operation: { kind: 'createBucket', bucket: BUCKET, region: 'eu-west-1', tags: TAGS },
    });
    expect(plan.changes[1]).toMatchObject({ action: 'put', after: policy, operation: { document: policy, before: undefined } });
    expect(plan.changes[1]?.before).toBeUndefined();
    expect(plan.errors).toEqual([]);
    // Nothing to read on a bucket that does not exist yet.
    expect(account.calls.map((c) => c.command)).not.toContain('GetBucketPolicy');
  });

  it('--create-bucket on an existing bucket says so and does not create it', async () => {
    await install();
    account.addBucket(BUCKET);

    const plan = await planS3Access(context({ createBucket: true }));

    expect(plan.changes.map((c) => c.id)).toEqual(['s3-access/bucket-policy', 's3-access/role-policy']);
    expect(plan.notes).toEqual([`Bucket ${BUCKET} already exists in account ${ACCOUNT}; it will not be created again.`]);
  });
});

describe('planS3Access and bucket encryption', () => {
  it('warns about a customer managed key when --kms-key is not given, and detectBucketKey finds it', async () => {
    await install();
    const key = account.addKey({ aliases: ['alias/personalize-data'] });
    account.addBucket(BUCKET, { encryption: { algorithm: 'aws:kms', kmsKeyId: key.arn } });

    const plan = await planS3Access(context({}));

    expect(plan.notes).toEqual([`Bucket ${BUCKET} is encrypted with KMS key ${key.arn}.`]);
    expect(plan.warnings).toEqual([
      `Bucket ${BUCKET} is encrypted with KMS key ${key.arn}: pass --kms-key ${key.arn} so that Amazon Personalize and its role may use that key.`,
    ]);
    expect(await detectBucketKey(aws, BUCKET, ACCOUNT)).toBe(key.arn);
  });

  it('is quiet when --kms-key names the same key (by alias)', async () => {
    await install();
    const key = account.addKey({ aliases: ['alias/personalize-data'] });
    account.addBucket(BUCKET, { encryption: { algorithm: 'aws:kms', kmsKeyId: key.arn } });
    const resolved = await aws.kms.describeKey('alias/personalize-data');

    const plan = await planS3Access(context({ kmsKey: 'alias/personalize-data' }, { key: resolved }));

    expect(plan.warnings).toEqual([]);
    expect(plan.notes).toEqual([`Bucket ${BUCKET} is encrypted with KMS key ${key.arn}.`]);
  });

  it('warns when --kms-key names another key than the bucket uses', async () => {
    await install();
    const bucketKey = account.addKey({ aliases: ['alias/bucket-key'] });
    account.addKey({ aliases: ['alias/other'] });
    account.addBucket(BUCKET, { encryption: { algorithm: 'aws:kms', kmsKeyId: bucketKey.arn } });
    const other = await aws.kms.describeKey('alias/other');

    const plan = await planS3Access(context({ kmsKey: 'alias/other' }, { key: other }));

    expect(plan.warnings).toEqual([
      `Bucket ${BUCKET} is encrypted with KMS key ${bucketKey.arn}, not with --kms-key alias/other: ` +
        `Amazon Personalize needs access to the bucket's key; pass --kms-key ${bucketKey.arn}.`,
    ]);
  });

  it('resolves an alias the bucket reports before calling it a different key', async () => {
    await install();
    const key = account.addKey({ aliases: ['alias/personalize-data'] });
    account.addBucket(BUCKET, { encryption: { algorithm: 'aws:kms', kmsKeyId: 'alias/personalize-data' } });
    const resolved = await aws.kms.describeKey(key.keyId);

    const plan = await planS3Access(context({ kmsKey: key.keyId }, { key: resolved }));

    expect(plan.warnings).toEqual([]);
  });

  it('warns that the AWS managed aws/s3 key cannot be shared, and detects no key to pass', async () => {
    await install();
    account.addBucket(BUCKET, { encryption: { algorithm: 'aws:kms' } });

    const plan = await planS3Access(context({}));

    expect(plan.warnings).toEqual([
      `Bucket ${BUCKET} is encrypted with the AWS managed key aws/s3, whose key policy cannot be changed to let Amazon Personalize use it: ` +
        'switch its default encryption to SSE-S3 or to a customer managed key and pass that key with --kms-key.',
    ]);
    expect(await detectBucketKey(aws, BUCKET, ACCOUNT)).toBeUndefined();
  });

  it('says nothing about SSE-S3 buckets', async () => {
    await install();
    account.addBucket(BUCKET, { encryption: { algorithm: 'AES256' } });

    const plan = await planS3Access(context({}));

    expect(plan.notes).toEqual([]);
    expect(plan.warnings).toEqual([]);
    expect(await detectBucketKey(aws, BUCKET, ACCOUNT)).toBeUndefined();
  });
});

describe('planS3Access and the role', () => {
  it('updates an inline policy that differs, keeping the old one for undo', async () => {
    await install();
    account.addBucket(BUCKET);
    account.addRole('PersonalizeRole', { trustPolicy });
    const old = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::${BUCKET}/*` }] };
    account.putRolePolicy('PersonalizeRole', 'PersonalizeS3Access', old);

    const plan = await planS3Access(context({}, { roleExists: true }));

    expect(plan.changes[1]).toEqual({
      id: 's3-access/role-policy',
      step: 's3-access',
      action: 'put',
      resource: ROLE_ARN,
      summary: 'Update inline policy PersonalizeS3Access on role PersonalizeRole',
      before: old,
      after: roleS3,
      operation: { kind: 'putRolePolicy', roleName: 'PersonalizeRole', policyName: 'PersonalizeS3Access', document: roleS3, before: old },
    });
  });
});

describe('planS3Access in other partitions', () => {
  it('builds aws-cn ARNs', async () => {
    await install({ region: 'cn-north-1', partition: 'aws-cn' });
    account.addBucket(BUCKET, { region: 'cn-north-1' });

    const plan = await planS3Access(context({}, { partition: 'aws-cn', region: 'cn-north-1', roleArn: `arn:aws-cn:iam::${ACCOUNT}:role/PersonalizeRole` }));

    const cn = [`arn:aws-cn:s3:::${BUCKET}`, `arn:aws-cn:s3:::${BUCKET}/*`];
    expect(plan.changes.map((c) => c.resource)).toEqual([`arn:aws-cn:s3:::${BUCKET}`, `arn:aws-cn:iam::${ACCOUNT}:role/PersonalizeRole`]);
    expect(plan.changes.map((c) => c.after)).toEqual([
      { Version: '2012-10-17', Statement: [{ ...ourAccess, Resource: cn }] },
      { Version: '2012-10-17', Statement: [{ Sid: 'PersonalizeS3Access', Effect: 'Allow', Action: readWrite, Resource: cn }] },
    ]);
    expect(plan.warnings).toEqual([]);
  });
});

describe('planS3Access on a set-up account', () => {
  it('plans only noops after its own changes were applied, and sends no mutating call', async () => {
    await install();
    const foreign = { Sid: 'Keep', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 's3:GetObject', Resource: `arn:aws:s3:::${BUCKET}/*` };
    account.addBucket(BUCKET, { policy: { Version: '2012-10-17', Statement: [foreign] } });
    account.addRole('PersonalizeRole', { trustPolicy });
    const ctx = context({ denyInsecureTransport: true }, { roleExists: true });

    for (const change of (await planS3Access(ctx)).changes) {
      if (change.operation) await applyOperation(aws, change.operation);
    }
    const before = account.mutatingCalls().length;
    const again = await planS3Access(ctx);

    expect(again.changes.map((c) => [c.id, c.action])).toEqual([
      ['s3-access/bucket-policy', 'noop'],
      ['s3-access/role-policy', 'noop'],
    ]);
    expect(again.changes.map((c) => c.summary)).toEqual([
      `Bucket policy of ${BUCKET} already grants Amazon Personalize access`,
      'Inline policy PersonalizeS3Access of role PersonalizeRole is up to date',
    ]);
    expect(again.errors).toEqual([]);
    expect(account.mutatingCalls()).toHaveLength(before);
  });
});
