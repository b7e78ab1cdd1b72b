/**
 * Every Operation applied and then undone through the real adapters, against the in-memory
 * account: the account must end exactly where it started. Plus drift, forced undo and the rule
 * that we only delete what still carries our tag.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Aws } from '../../src/aws/api.js';
import { createAws } from '../../src/aws/create-aws.js';
import {
  bucketPolicyStatements,
  keyPolicyStatement,
  mergeStatements,
  roleS3Policy,
  serviceRoleTrustPolicy,
} from '../../src/policies/index.js';
import type { PolicyDocument, Statement } from '../../src/policies/types.js';
import { applyOperation } from '../../src/steps/apply-operation.js';
import type { Operation } from '../../src/steps/types.js';
import { checkUndo, DriftError, undoOperation } from '../../src/steps/undo-operation.js';
import { FakeAccount } from '../support/fake-account.js';

const ACCOUNT = '123456789012';
const REGION = 'eu-west-1';
const TAGS = { 'managed-by': 'personalize-setup' };
const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/PersonalizeRole`;
const PERSONALIZE_FULL_ACCESS = 'arn:aws:iam::aws:policy/service-role/AmazonPersonalizeFullAccess';
const checked = { checkDrift: true, force: false };
const forced = { checkDrift: true, force: true };

const doc = (sid: string, action: string): PolicyDocument => ({ Version: '2012-10-17', Statement: [{ Sid: sid, Effect: 'Allow', Action: action, Resource: '*' }] });
const trust = serviceRoleTrustPolicy({ partition: 'aws', account: ACCOUNT, region: REGION });
/** A statement somebody else wrote into a bucket policy. */
const analytics: Statement = {
  Sid: 'AnalyticsRead',
  Effect: 'Allow',
  Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
  Action: 's3:GetObject',
  Resource: 'arn:aws:s3:::data/*',
};

let account: FakeAccount;
let aws: Aws;

beforeEach(async () => {
  process.env['AWS_ACCESS_KEY_ID'] = 'AKIAIOSFODNN7EXAMPLE';
  process.env['AWS_SECRET_ACCESS_KEY'] = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
  account = FakeAccount.install({ region: REGION, account: ACCOUNT });
  aws = await createAws({ region: REGION, sleep: async () => {} });
});
afterEach(() => account.uninstall());

/** Applies, checks the account changed, undoes (drift checked), checks it is back where it started. */
async function roundTrip(op: Operation): Promise<string> {
  const start = account.snapshot();
  const result = await applyOperation(aws, op);
  expect(account.snapshot()).not.toEqual(start);
  expect(await checkUndo(aws, op, result)).toEqual({});
  const outcome = await undoOperation(aws, op, result, checked);
  expect(outcome.status).toBe('undone');
  expect(account.snapshot()).toEqual(start);
  return outcome.detail;
}

describe('every operation, applied then undone, leaves the account as it was', () => {
  it('createPolicy', async () => {
    const op: Operation = { kind: 'createPolicy', name: 'PersonalizeOperatorAccess', path: '/', description: 'Operate Amazon Personalize', document: doc('A', 'personalize:*'), tags: TAGS };
    expect(await applyOperation(aws, op)).toEqual({ arn: `arn:aws:iam::${ACCOUNT}:policy/PersonalizeOperatorAccess` });
    await undoOperation(aws, op, { arn: `arn:aws:iam::${ACCOUNT}:policy/PersonalizeOperatorAccess` }, checked);
    expect(await roundTrip(op)).toBe('deleted policy PersonalizeOperatorAccess');
  });

  it('createPolicyVersion (becomes the default; undo makes the old one default again)', async () => {
    const arn = account.addManagedPolicy('PersonalizeOperatorAccess', doc('A', 'personalize:Describe*'), { tags: TAGS });
    const op: Operation = { kind: 'createPolicyVersion', policyArn: arn, document: doc('A', 'personalize:*'), previousDefaultVersionId: 'v1' };
    const start = account.snapshot();
    const result = await applyOperation(aws, op);
    expect(result).toEqual({ versionId: 'v2' });
    expect(account.policy(arn)!.defaultVersionId).toBe('v2');
    const outcome = await undoOperation(aws, op, result, checked);
    expect(outcome).toEqual({ status: 'undone', detail: 'made v1 the default version of policy PersonalizeOperatorAccess again and deleted version v2' });
    expect(account.snapshot()).toEqual(start);
    expect(account.policy(arn)!.versions.map((v) => v.id)).toEqual(['v1']);
  });

  it('deletePolicyVersion (recreated under a new id: IAM never reuses them)', async () => {
    const arn = account.addManagedPolicy('PersonalizeOperatorAccess', doc('A', 'personalize:*'), { tags: TAGS });
    account.addPolicyVersions(arn, [doc('B', 's3:GetObject'), doc('C', 's3:PutObject')]);
    const op: Operation = { kind: 'deletePolicyVersion', policyArn: arn, versionId: 'v2', document: doc('B', 's3:GetObject') };
    expect(await roundTrip(op)).toBe(
      'recreated the document of deleted version v2 of policy PersonalizeOperatorAccess as version v4 (not the default); IAM never reuses version ids',
    );
  });

  it('attachPolicy', async () => {
    account.addUser('alice');
    expect(await roundTrip({ kind: 'attachPolicy', principal: { kind: 'user', name: 'alice' }, policyArn: PERSONALIZE_FULL_ACCESS })).toBe(
      'detached AmazonPersonalizeFullAccess from user alice',
    );
  });

  it('createRole', async () => {
    const op: Operation = { kind: 'createRole', name: 'PersonalizeRole', path: '/', description: 'Amazon Personalize service role', trustPolicy: trust, tags: TAGS };
    expect(await applyOperation(aws, op)).toEqual({ arn: ROLE_ARN });
    expect(await undoOperation(aws, op, { arn: ROLE_ARN }, checked)).toEqual({ status: 'undone', detail: 'deleted role PersonalizeRole' });
    expect(await roundTrip(op)).toBe('deleted role PersonalizeRole');
  });

  it('updateTrustPolicy', async () => {
    const old: PolicyDocument = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'personalize.amazonaws.com' }, Action: 'sts:AssumeRole' }] };
    account.addRole('PersonalizeRole', { trustPolicy: old });
    expect(await roundTrip({ kind: 'updateTrustPolicy', roleName: 'PersonalizeRole', document: trust, before: old })).toBe('restored the trust policy of role PersonalizeRole');
  });

  it('putRolePolicy, new (undo deletes it) and replacing one (undo restores it)', async () => {
    account.addRole('PersonalizeRole', { trustPolicy: trust, tags: TAGS });
    const s3 = roleS3Policy({ partition: 'aws', bucket: 'data', access: 'read-write' });
    expect(await roundTrip({ kind: 'putRolePolicy', roleName: 'PersonalizeRole', policyName: 'PersonalizeS3Access', document: s3, before: undefined })).toBe(
      'deleted inline policy PersonalizeS3Access of role PersonalizeRole',
    );
    const read = roleS3Policy({ partition: 'aws', bucket: 'data', access: 'read' });
    account.putRolePolicy('PersonalizeRole', 'PersonalizeS3Access', read);
    expect(await roundTrip({ kind: 'putRolePolicy', roleName: 'PersonalizeRole', policyName: 'PersonalizeS3Access', document: s3, before: read })).toBe(
      'restored inline policy PersonalizeS3Access of role PersonalizeRole',
    );
  });

  it('createBucket (with Block Public Access, encryption and tags)', async () => {
    const op: Operation = { kind: 'createBucket', bucket: 'personalize-data', region: REGION, tags: TAGS };
    const start = account.snapshot();
    await applyOperation(aws, op);
    expect(account.bucket('personalize-data')).toMatchObject({
      region: REGION,
      tags: TAGS,
      encryption: { algorithm: 'AES256' },
      publicAccessBlock: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true },
    });
    expect(await undoOperation(aws, op, {}, checked)).toEqual({ status: 'undone', detail: 'deleted bucket personalize-data' });
    expect(account.snapshot()).toEqual(start);
  });

  it('putBucketPolicy on a bucket without a policy (undo deletes it) and with one (undo restores it exactly)', async () => {
    account.addBucket('data');
    const ours = bucketPolicyStatements({ partition: 'aws', bucket: 'data', access: 'read-write', denyInsecureTransport: true });
    expect(await roundTrip({ kind: 'putBucketPolicy', bucket: 'data', expectedOwner: ACCOUNT, document: mergeStatements(undefined, ours), before: undefined })).toBe(
      'deleted the bucket policy of data (there was none before)',
    );

    account.addBucket('shared', { policy: { Version: '2012-10-17', Statement: [{ ...analytics, Resource: 'arn:aws:s3:::shared/*' }] } });
    const before = (await aws.s3.getBucketPolicy('shared', ACCOUNT))!;
    const mine = bucketPolicyStatements({ partition: 'aws', bucket: 'shared', access: 'read', denyInsecureTransport: false });
    expect(await roundTrip({ kind: 'putBucketPolicy', bucket: 'shared', expectedOwner: ACCOUNT, document: mergeStatements(before, mine), before })).toBe(
      'restored the bucket policy of shared',
    );
  });

  it('putKeyPolicy', async () => {
    account.addRole('PersonalizeRole', { trustPolicy: trust, tags: TAGS });
    const { keyId } = account.addKey({ aliases: ['alias/personalize'] });
    const before = (await aws.kms.getKeyPolicy(keyId))!;
    const op: Operation = { kind: 'putKeyPolicy', keyId, document: mergeStatements(before, [keyPolicyStatement({ roleArn: ROLE_ARN })]), before };
    expect(await roundTrip(op)).toBe(`restored the key policy of ${keyId}`);
  });
});

describe('drift: a document changed after our run wrote it', () => {
  it('is reported by checkUndo, and refused by undo without force with no write at all', async () => {
    account.addBucket('data', { policy: { Version: '2012-10-17', Statement: [analytics] } });
    const before = (await aws.s3.getBucketPolicy('data', ACCOUNT))!;
    const written = mergeStatements(before, bucketPolicyStatements({ partition: 'aws', bucket: 'data', access: 'read-write', denyInsecureTransport: false }));
    const op: Operation = { kind: 'putBucketPolicy', bucket: 'data', expectedOwner: ACCOUNT, document: written, before };
    const result = await applyOperation(aws, op);

    // Bob adds a statement after our run.
    const bobs: Statement = { Sid: 'BobsExport', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 's3:PutObject', Resource: 'arn:aws:s3:::data/exports/*' };
    const edited = { ...written, Statement: [...written.Statement, bobs] };
    await aws.s3.putBucketPolicy('data', ACCOUNT, edited);

    expect(await checkUndo(aws, op, result)).toEqual({ drift: { resource: 'the bucket policy of data', expected: written, actual: edited } });
    const writes = account.mutatingCalls().length;
    const refused = undoOperation(aws, op, result, checked);
    await expect(refused).rejects.toThrow(DriftError);
    await expect(refused).rejects.toMatchObject({ drift: { resource: 'the bucket policy of data', expected: written, actual: edited } });
    expect(account.mutatingCalls()).toHaveLength(writes);
    expect(account.bucketPolicy('data')).toEqual(edited);

    // Forced: our statement goes, Bob's and the analytics statement stay.
    expect(await undoOperation(aws, op, result, forced)).toEqual({
      status: 'undone',
      detail: 'removed our statements from the bucket policy of data; kept the statements added since',
    });
    expect(account.bucketPolicy('data')).toEqual({ Version: '2012-10-17', Statement: [analytics, bobs] });
  });

  it('forced undo of a key policy keeps foreign statements and restores our statement as it was before', async () => {
    account.addRole('PersonalizeRole', { trustPolicy: trust, tags: TAGS });
    const oldOurs: Statement = { ...keyPolicyStatement({ roleArn: ROLE_ARN }), Action: ['kms:Decrypt'] };
    const { keyId } = account.addKey();
    const initial = (await aws.kms.getKeyPolicy(keyId))!;
    await aws.kms.putKeyPolicy(keyId, mergeStatements(initial, [oldOurs]));
    const before = (await aws.kms.getKeyPolicy(keyId))!;
    const written = mergeStatements(before, [keyPolicyStatement({ roleArn: ROLE_ARN })]);
    const op: Operation = { kind: 'putKeyPolicy', keyId, document: written, before };
    const result = await applyOperation(aws, op);

    const audit: Statement = { Sid: 'Audit', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'kms:DescribeKey', Resource: '*' };
    await aws.kms.putKeyPolicy(keyId, { ...written, Statement: [...written.Statement, audit] });

    await expect(undoOperation(aws, op, result, checked)).rejects.toThrow('the key policy of ' + keyId + ' changed since personalize-setup wrote it');
    await undoOperation(aws, op, result, forced);
    expect(account.keyPolicy(keyId)).toEqual({ ...initial, Statement: [...initial.Statement, audit, oldOurs] });
  });

  it('in a role trust policy, blocks deleting the role unless forced', async () => {
    const op: Operation = { kind: 'createRole', name: 'PersonalizeRole', path: '/', description: 'd', trustPolicy: trust, tags: TAGS };
    const result = await applyOperation(aws, op);
    const widened: PolicyDocument = { Version: '2012-10-17', Statement: [...trust.Statement, { Effect: 'Allow', Principal: { Service: 'sagemaker.amazonaws.com' }, Action: 'sts:AssumeRole' }] };
    await aws.iam.updateAssumeRolePolicy('PersonalizeRole', widened);

    expect(await checkUndo(aws, op, result)).toEqual({ drift: { resource: 'the trust policy of role PersonalizeRole', expected: trust, actual: widened } });
    await expect(undoOperation(aws, op, result, checked)).rejects.toThrow(DriftError);
    expect(account.role('PersonalizeRole')).toBeDefined();
    await undoOperation(aws, op, result, forced);
    expect(account.role('PersonalizeRole')).toBeUndefined();
  });

  it('of an updated trust policy or inline policy, blocks restoring it unless forced', async () => {
    const old: PolicyDocument = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'personalize.amazonaws.com' }, Action: 'sts:AssumeRole' }] };
    account.addRole('PersonalizeRole', { trustPolicy: old });
    const op: Operation = { kind: 'updateTrustPolicy', roleName: 'PersonalizeRole', document: trust, before: old };
    const result = await applyOperation(aws, op);
    const changed: PolicyDocument = { ...trust, Statement: [{ ...trust.Statement[0]!, Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT } } }] };
    await aws.iam.updateAssumeRolePolicy('PersonalizeRole', changed);
    await expect(undoOperation(aws, op, result, checked)).rejects.toMatchObject({ drift: { expected: trust, actual: changed } });
    await undoOperation(aws, op, result, forced);
    expect(account.role('PersonalizeRole')!.trustPolicy).toEqual(old);

    const inline: Operation = { kind: 'putRolePolicy', roleName: 'PersonalizeRole', policyName: 'PersonalizeS3Access', document: roleS3Policy({ partition: 'aws', bucket: 'data', access: 'read' }), before: undefined };
    const r2 = await applyOperation(aws, inline);
    await aws.iam.putRolePolicy('PersonalizeRole', 'PersonalizeS3Access', roleS3Policy({ partition: 'aws', bucket: 'other', access: 'read' }));
    expect((await checkUndo(aws, inline, r2)).drift?.resource).toBe('inline policy PersonalizeS3Access of role PersonalizeRole');
  });

  it('of a policy version: someone published a newer default; forced undo keeps theirs and deletes ours', async () => {
    const arn = account.addManagedPolicy('PersonalizeOperatorAccess', doc('A', 'personalize:Describe*'), { tags: TAGS });
    const op: Operation = { kind: 'createPolicyVersion', policyArn: arn, document: doc('A', 'personalize:*'), previousDefaultVersionId: 'v1' };
    const result = await applyOperation(aws, op);
    await aws.iam.createPolicyVersion(arn, doc('A', 'personalize:List*'), true); // v3, by someone else

    expect(await checkUndo(aws, op, result)).toEqual({
      drift: { resource: 'policy PersonalizeOperatorAccess', expected: doc('A', 'personalize:*'), actual: doc('A', 'personalize:List*') },
    });
    await expect(undoOperation(aws, op, result, checked)).rejects.toThrow(DriftError);
    expect(await undoOperation(aws, op, result, forced)).toEqual({
      status: 'undone',
      detail: 'deleted version v2 of policy PersonalizeOperatorAccess; kept the default version set after our run',
    });
    expect(account.policy(arn)!.versions.map((v) => [v.id, v.isDefault])).toEqual([['v1', false], ['v3', true]]);
  });

  it('is ignored by apply’s own rollback (checkDrift false): the exact before image comes back', async () => {
    account.addBucket('data', { policy: { Version: '2012-10-17', Statement: [analytics] } });
    const before = (await aws.s3.getBucketPolicy('data', ACCOUNT))!;
    const written = mergeStatements(before, bucketPolicyStatements({ partition: 'aws', bucket: 'data', access: 'read', denyInsecureTransport: false }));
    const op: Operation = { kind: 'putBucketPolicy', bucket: 'data', expectedOwner: ACCOUNT, document: written, before };
    const result = await applyOperation(aws, op);
    await aws.s3.putBucketPolicy('data', ACCOUNT, { ...written, Statement: [...written.Statement, { ...analytics, Sid: 'Late' }] });
    await undoOperation(aws, op, result, { checkDrift: false, force: false });
    expect(account.bucketPolicy('data')).toEqual(before);
  });
});

describe('we delete only what still carries our tag, and never data', () => {
  it('leaves a policy, role or bucket without the managed-by tag in place', async () => {
    const policy: Operation = { kind: 'createPolicy', name: 'Untagged', path: '/', description: 'd', document: doc('A', 'personalize:*'), tags: {} };
    const pr = await applyOperation(aws, policy);
    expect(await undoOperation(aws, policy, pr, checked)).toEqual({
      status: 'skipped',
      detail: 'policy Untagged no longer carries the tag managed-by=personalize-setup, so it is left in place',
    });
    expect(account.policy(pr.arn!)).toBeDefined();

    const role: Operation = { kind: 'createRole', name: 'Untagged', path: '/', description: 'd', trustPolicy: trust, tags: { team: 'ml' } };
    const rr = await applyOperation(aws, role);
    expect((await undoOperation(aws, role, rr, checked)).status).toBe('skipped');
    expect(account.role('Untagged')).toBeDefined();

    account.addBucket('someone-elses');
    const bucket: Operation = { kind: 'createBucket', bucket: 'someone-elses', region: REGION, tags: TAGS };
    expect(await checkUndo(aws, bucket, {})).toEqual({ skip: 'bucket someone-elses no longer carries the tag managed-by=personalize-setup, so it is left in place' });
    expect((await undoOperation(aws, bucket, {}, checked)).status).toBe('skipped');
    expect(account.bucket('someone-elses')).toBeDefined();
  });

  it('never deletes a bucket that holds objects', async () => {
    account.addBucket('personalize-data', { tags: TAGS, objects: 3 });
    const writes = account.mutatingCalls().length;
    const op: Operation = { kind: 'createBucket', bucket: 'personalize-data', region: REGION, tags: TAGS };
    expect(await undoOperation(aws, op, {}, checked)).toEqual({
      status: 'skipped',
      detail: 'bucket personalize-data holds objects; we never delete data, so it is left in place',
    });
    expect(account.bucket('personalize-data')?.objects).toBe(3);
    expect(account.mutatingCalls().slice(writes).map((c) => c.command)).toEqual(['DeleteBucket']);
  });

  it('skips what is already undone', async () => {
    account.addUser('alice');
    const attach: Operation = { kind: 'attachPolicy', principal: { kind: 'user', name: 'alice' }, policyArn: PERSONALIZE_FULL_ACCESS };
    expect(await undoOperation(aws, attach, {}, checked)).toEqual({ status: 'skipped', detail: 'AmazonPersonalizeFullAccess is already detached from user alice' });
    const gone: Operation = { kind: 'createRole', name: 'Gone', path: '/', description: 'd', trustPolicy: trust, tags: TAGS };
    expect(await undoOperation(aws, gone, { arn: `arn:aws:iam::${ACCOUNT}:role/Gone` }, checked)).toEqual({ status: 'skipped', detail: 'role Gone no longer exists' });
    expect(account.mutatingCalls()).toEqual([]);
  });
});

describe('a failed createBucket leaves nothing behind', () => {
  it('removes the new bucket when a later call of the group fails', async () => {
    account.failWhen((call) => (call.command === 'PutBucketEncryption' ? Object.assign(new Error('denied'), { name: 'AccessDenied', $metadata: { httpStatusCode: 403 } }) : undefined));
    const start = account.snapshot();
    await expect(applyOperation(aws, { kind: 'createBucket', bucket: 'personalize-data', region: REGION, tags: TAGS })).rejects.toMatchObject({ awsCode: 'AccessDenied' });
    expect(account.snapshot()).toEqual(start);
  });
});
