/**
 * The engine with the real executor and adapters against the in-memory account: a failure at any
 * change k rolls back to the exact starting state, and the rollback command undoes a whole run.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Aws } from '../../src/aws/api.js';
import { createAws } from '../../src/aws/create-aws.js';
import { applyPlan } from '../../src/engine/apply-plan.js';
import { rollbackRun } from '../../src/engine/rollback-run.js';
import {
  bucketPolicyStatements,
  keyPolicyStatement,
  mergeStatements,
  operatorPolicy,
  roleKmsPolicy,
  roleS3Policy,
  serviceRoleTrustPolicy,
} from '../../src/policies/index.js';
import type { Change, Operation, Plan } from '../../src/steps/types.js';
import { FakeAccount } from '../support/fake-account.js';
import { recordingIo, tempStateDir } from './fixtures.js';

const ACCOUNT = '123456789012';
const REGION = 'eu-west-1';
const TAGS = { 'managed-by': 'personalize-setup' };
const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/PersonalizeRole`;
const OPERATOR_ARN = `arn:aws:iam::${ACCOUNT}:policy/PersonalizeOperatorAccess`;

let account: FakeAccount;
let aws: Aws;
let keyId: string;

beforeEach(async () => {
  process.env['AWS_ACCESS_KEY_ID'] = 'AKIAIOSFODNN7EXAMPLE';
  process.env['AWS_SECRET_ACCESS_KEY'] = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
  account = FakeAccount.install({ region: REGION, account: ACCOUNT, callerArn: `arn:aws:iam::${ACCOUNT}:user/alice` });
  account.addBucket('data', {
    policy: { Version: '2012-10-17', Statement: [{ Sid: 'AnalyticsRead', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::data/*' }] },
  });
  keyId = account.addKey({ aliases: ['alias/personalize'] }).keyId;
  aws = await createAws({ region: REGION, sleep: async () => {} });
});
afterEach(() => account.uninstall());

/** A plan touching every kind of resource, built from what the account holds now (as the steps would). */
async function fullPlan(): Promise<Plan> {
  const bucketBefore = await aws.s3.getBucketPolicy('data', ACCOUNT);
  const keyBefore = (await aws.kms.getKeyPolicy(keyId))!;
  const ops: [string, Operation, string?][] = [
    ['service-role/create-role', { kind: 'createRole', name: 'PersonalizeRole', path: '/', description: 'Amazon Personalize service role', trustPolicy: serviceRoleTrustPolicy({ partition: 'aws', account: ACCOUNT, region: REGION }), tags: TAGS }],
    ['service-role/attach', { kind: 'attachPolicy', principal: { kind: 'role', name: 'PersonalizeRole' }, policyArn: 'arn:aws:iam::aws:policy/service-role/AmazonPersonalizeFullAccess' }],
    ['operator-access/create-policy', { kind: 'createPolicy', name: 'PersonalizeOperatorAccess', path: '/', description: 'Operate Amazon Personalize', document: operatorPolicy({ partition: 'aws', serviceRoleArn: ROLE_ARN, requireMfa: false, allowedCidrs: [] }), tags: TAGS }],
    ['operator-access/attach-user-alice', { kind: 'attachPolicy', principal: { kind: 'user', name: 'alice' }, policyArn: OPERATOR_ARN }],
    ['s3-access/role-policy', { kind: 'putRolePolicy', roleName: 'PersonalizeRole', policyName: 'PersonalizeS3Access', document: roleS3Policy({ partition: 'aws', bucket: 'data', access: 'read-write' }), before: undefined }],
    ['s3-access/bucket-policy', { kind: 'putBucketPolicy', bucket: 'data', expectedOwner: ACCOUNT, document: mergeStatements(bucketBefore, bucketPolicyStatements({ partition: 'aws', bucket: 'data', access: 'read-write', denyInsecureTransport: true })), before: bucketBefore }],
    ['kms-access/role-policy', { kind: 'putRolePolicy', roleName: 'PersonalizeRole', policyName: 'PersonalizeKmsAccess', document: roleKmsPolicy({ keyArn: `arn:aws:kms:${REGION}:${ACCOUNT}:key/${keyId}` }), before: undefined }],
    ['kms-access/key-policy', { kind: 'putKeyPolicy', keyId, document: mergeStatements(keyBefore, [keyPolicyStatement({ roleArn: ROLE_ARN })]), before: keyBefore }, 'Removing the key grant can break live Personalize resources that use the key.'],
  ];
  const changes: Change[] = ops.map(([id, operation, undoWarning]) => ({
    id,
    step: id.split('/')[0] as Change['step'],
    action: operation.kind.startsWith('create') ? 'create' : operation.kind === 'attachPolicy' ? 'attach' : 'put',
    resource: id,
    summary: `Change ${id}`,
    operation,
    ...(undoWarning === undefined ? {} : { undoWarning }),
  }));
  return { account: ACCOUNT, partition: 'aws', region: REGION, callerArn: `arn:aws:iam::${ACCOUNT}:user/alice`, roleArn: ROLE_ARN, steps: [{ step: 'service-role', title: 'All', changes, notes: [], warnings: [], errors: [] }] };
}

const accessDenied = () => Object.assign(new Error('User is not authorized to perform this action'), { name: 'AccessDenied', $metadata: { httpStatusCode: 403 } });

describe('applyPlan against an account', () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8])('a failure at change %i of 8 rolls back to the exact starting state', async (k) => {
    const plan = await fullPlan();
    const start = account.snapshot();
    // Every change here is one mutating call, so the k-th mutating call is change k.
    account.failMutatingCall(k, accessDenied());
    const io = recordingIo();
    const report = await applyPlan(plan, { aws, io, stateDir: await tempStateDir(), rollbackOnFailure: true });

    expect(report.status).toBe('rolled-back');
    expect(report.failed).toMatchObject({ index: k, total: 8, awsCode: 'AccessDenied', change: { id: plan.steps[0]!.changes[k - 1]!.id } });
    expect(report.undone).toHaveLength(k - 1);
    expect(report.notUndone).toEqual([]);
    expect(account.snapshot()).toEqual(start);
  });

  it('applies everything, then the rollback command returns the account to where it started', async () => {
    const plan = await fullPlan();
    const start = account.snapshot();
    const stateDir = await tempStateDir();
    const applied = await applyPlan(plan, { aws, io: recordingIo(), stateDir, rollbackOnFailure: true });
    expect(applied.status).toBe('applied');
    expect(account.role('PersonalizeRole')?.inline).toHaveProperty('PersonalizeKmsAccess');

    const log: string[] = [];
    const report = await rollbackRun({ aws, io: recordingIo(log), stateDir, account: ACCOUNT, region: REGION, force: false });
    expect(report.status).toBe('rolled-back');
    expect(report.undone).toHaveLength(8);
    expect(log[0]).toBe('warn: Removing the key grant can break live Personalize resources that use the key.');
    expect(account.snapshot()).toEqual(start);
  });

  it('refuses to roll back a bucket policy someone edited since, changing nothing, until forced', async () => {
    const plan = await fullPlan();
    const stateDir = await tempStateDir();
    await applyPlan(plan, { aws, io: recordingIo(), stateDir, rollbackOnFailure: true });
    const current = (await aws.s3.getBucketPolicy('data', ACCOUNT))!;
    const late = { Sid: 'LateAddition', Effect: 'Allow' as const, Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 's3:ListBucket', Resource: 'arn:aws:s3:::data' };
    await aws.s3.putBucketPolicy('data', ACCOUNT, { ...current, Statement: [...current.Statement, late] });
    const edited = account.snapshot();
    const writes = account.mutatingCalls().length;

    const refused = await rollbackRun({ aws, io: recordingIo(), stateDir, account: ACCOUNT, region: REGION, force: false });
    expect(refused.status).toBe('refused');
    expect(refused.drift.map((d) => d.entry.changeId)).toEqual(['s3-access/bucket-policy']);
    expect(account.mutatingCalls()).toHaveLength(writes);
    expect(account.snapshot()).toEqual(edited);

    const forced = await rollbackRun({ aws, io: recordingIo(), stateDir, account: ACCOUNT, region: REGION, force: true });
    expect(forced.status).toBe('rolled-back');
    expect(account.role('PersonalizeRole')).toBeUndefined();
    expect(account.bucketPolicy('data')).toEqual({
      Version: '2012-10-17',
      Statement: [{ Sid: 'AnalyticsRead', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::data/*' }, late],
    });
  });
});
