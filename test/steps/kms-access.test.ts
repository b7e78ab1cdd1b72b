import { afterEach, describe, expect, it } from 'vitest';
import type { Aws, KmsKey } from '../../src/aws/api.js';
import { defaultConfig } from '../../src/config/setup-config.js';
import type { SetupConfig } from '../../src/config/setup-config.js';
import type { Partition, PolicyDocument, Statement } from '../../src/policies/types.js';
import { applyOperation } from '../../src/steps/apply-operation.js';
import { planKmsAccess } from '../../src/steps/kms-access.js';
import type { StepContext } from '../../src/steps/step-context.js';
import type { FakeAccount } from '../support/fake-account.js';
import { ACCOUNT, installAccount, stepContext } from './setup-fixtures.js';

const ALIAS = 'alias/personalize';
const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/PersonalizeRole`;

const rootStatement: Statement = {
  Sid: 'Enable IAM User Permissions',
  Effect: 'Allow',
  Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
  Action: 'kms:*',
  Resource: '*',
};
const ourStatement = (roleArn = ROLE_ARN): Statement => ({
  Sid: 'PersonalizeSetupKeyAccess',
  Effect: 'Allow',
  Principal: { AWS: roleArn, Service: 'personalize.amazonaws.com' },
  Action: ['kms:Decrypt', 'kms:GenerateDataKey', 'kms:DescribeKey', 'kms:CreateGrant', 'kms:ListGrants'],
  Resource: '*',
});
const roleKms = (keyArn: string): PolicyDocument => ({
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

/** The context planSetup would build: `key` is what DescribeKey returned for --kms-key. */
async function context(config: Partial<SetupConfig>, extra: Partial<StepContext> = {}): Promise<StepContext> {
  const merged = { ...defaultConfig(), kmsKey: ALIAS, ...config };
  const key = merged.kmsKey === undefined ? undefined : await aws.kms.describeKey(merged.kmsKey);
  return stepContext(aws, merged, { key, ...extra });
}

describe('planKmsAccess', () => {
  it('merges our statement into the key policy, keeping every other statement, and adds the inline policy', async () => {
    await install();
    const auditors: Statement = {
      Sid: 'Allow auditors to describe',
      Effect: 'Allow',
      Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/Auditor` },
      Action: ['kms:DescribeKey', 'kms:GetKeyPolicy'],
      Resource: '*',
    };
    const existing: PolicyDocument = { Version: '2012-10-17', Id: 'key-default-1', Statement: [rootStatement, auditors] };
    const key = account.addKey({ aliases: [ALIAS], policy: existing });

    const plan = await planKmsAccess(await context({}));

    const after: PolicyDocument = { Version: '2012-10-17', Id: 'key-default-1', Statement: [rootStatement, auditors, ourStatement()] };
    expect(plan).toEqual({
      step: 'kms-access',
      title: 'KMS access',
      changes: [
        {
          id: 'kms-access/key-policy',
          step: 'kms-access',
          action: 'put',
          resource: key.arn,
          summary: `Add PersonalizeSetupKeyAccess to the key policy of ${ALIAS} (keeps 2 other statements)`,
          before: existing,
          after,
          operation: { kind: 'putKeyPolicy', keyId: key.keyId, document: after, before: existing },
          undoWarning:
            `Removing this statement takes Amazon Personalize's access to key ${key.arn} away: ` +
            'datasets, solutions and batch jobs that use the key will fail.',
        },
        {
          id: 'kms-access/role-policy',
          step: 'kms-access',
          action: 'put',
          resource: ROLE_ARN,
          summary: 'Add inline policy PersonalizeKmsAccess on role PersonalizeRole',
          after: roleKms(key.arn),
          operation: { kind: 'putRolePolicy', roleName: 'PersonalizeRole', policyName: 'PersonalizeKmsAccess', document: roleKms(key.arn), before: undefined },
        },
      ],
      notes: [],
      warnings: [],
      errors: [],
    });
    expect(account.mutatingCalls()).toEqual([]);
  });

  it('reads the key policy and the inline policy together', async () => {
    await install();
    account.addKey({ aliases: [ALIAS] });
    account.addRole('PersonalizeRole', { trustPolicy });
    const ctx = await context({}, { roleExists: true });

    await planKmsAccess(ctx);

    expect(account.calls.map((c) => c.command)).toEqual(['DescribeKey', 'GetKeyPolicy', 'GetRolePolicy']);
    // DescribeKey (made by planSetup, here by the test) plus one round of parallel reads.
    expect(account.criticalPathLength()).toBe(2);
  });

  it("adds nothing to a key policy whose statement (the guide's example) already grants the access", async () => {
    await install();
    const guide: Statement = {
      Sid: 'Allow use of the key',
      Effect: 'Allow',
      Principal: { AWS: ROLE_ARN, Service: 'personalize.amazonaws.com' },
      Action: ['kms:Decrypt', 'kms:GenerateDataKey', 'kms:DescribeKey', 'kms:CreateGrant', 'kms:ListGrants'],
      Resource: '*',
    };
    const key = account.addKey({ aliases: [ALIAS], policy: { Version: '2012-10-17', Statement: [rootStatement, guide] } });

    const plan = await planKmsAccess(await context({}));

    expect(plan.changes[0]).toEqual({
      id: 'kms-access/key-policy',
      step: 'kms-access',
      action: 'noop',
      resource: key.arn,
      summary: `Key policy of ${ALIAS} already grants Amazon Personalize access`,
    });
    expect(plan.notes).toEqual([
      `Access already in place: statement Allow use of the key of the key policy of ${ALIAS} grants personalize.amazonaws.com ` +
        `and ${ROLE_ARN} the key permissions Amazon Personalize needs; nothing is added to the key policy.`,
    ]);
  });

  it('adds ours when an existing statement grants the service but not the role', async () => {
    await install();
    const serviceOnly: Statement = { ...ourStatement(), Sid: 'ServiceOnly', Principal: { Service: 'personalize.amazonaws.com' } };
    account.addKey({ aliases: [ALIAS], policy: { Version: '2012-10-17', Statement: [rootStatement, serviceOnly] } });

    const plan = await planKmsAccess(await context({}));

    expect(plan.changes[0]?.action).toBe('put');
    expect(plan.changes[0]?.after).toEqual({ Version: '2012-10-17', Statement: [rootStatement, serviceOnly, ourStatement()] });
  });

  it('refuses an AWS managed key', async () => {
    await install();
    account.addKey({ aliases: ['alias/aws/s3'], keyManager: 'AWS' });

    const plan = await planKmsAccess(await context({ kmsKey: 'alias/aws/s3' }));

    expect(plan.changes).toEqual([]);
    expect(plan.errors).toEqual([
      'KMS key alias/aws/s3 is an AWS managed key, whose key policy cannot be changed: use a customer managed key with --kms-key.',
    ]);
    expect(account.calls.map((c) => c.command)).not.toContain('GetKeyPolicy');
  });

  it('reports a key that does not exist', async () => {
    await install();

    const plan = await planKmsAccess(await context({ kmsKey: 'alias/missing' }));

    expect(plan.changes).toEqual([]);
    expect(plan.errors).toEqual(['KMS key alias/missing does not exist in eu-west-1: create it, or fix --kms-key (or --region).']);
  });

  it('refuses a key pending deletion or disabled', async () => {
    await install();
    const key = account.addKey({ aliases: [ALIAS] });
    const resolved = (await aws.kms.describeKey(ALIAS)) as KmsKey;

    const pending = await planKmsAccess(await context({}, { key: { ...resolved, keyState: 'PendingDeletion' } }));
    const disabled = await planKmsAccess(await context({}, { key: { ...resolved, keyState: 'Disabled' } }));

    expect(pending.errors).toEqual([
      `KMS key ${ALIAS} (${key.arn}) is pending deletion: cancel the deletion (kms:CancelKeyDeletion) or choose another key with --kms-key.`,
    ]);
    expect(disabled.errors).toEqual([`KMS key ${ALIAS} (${key.arn}) is disabled: enable it (kms:EnableKey) or choose another key with --kms-key.`]);
    expect([...pending.changes, ...disabled.changes]).toEqual([]);
  });

  it('builds aws-cn ARNs', async () => {
    await install({ region: 'cn-north-1', partition: 'aws-cn' });
    const cnRole = `arn:aws-cn:iam::${ACCOUNT}:role/PersonalizeRole`;
    const cnRoot = { ...rootStatement, Principal: { AWS: `arn:aws-cn:iam::${ACCOUNT}:root` } };
    const key = account.addKey({ aliases: [ALIAS], policy: { Version: '2012-10-17', Statement: [cnRoot] } });

    const plan = await planKmsAccess(await context({}, { partition: 'aws-cn', region: 'cn-north-1', roleArn: cnRole }));

    expect(key.arn).toMatch(/^arn:aws-cn:kms:cn-north-1:/);
    expect(plan.changes.map((c) => c.after)).toEqual([
      { Version: '2012-10-17', Statement: [cnRoot, ourStatement(cnRole)] },
      roleKms(key.arn),
    ]);
    expect(plan.changes[1]?.resource).toBe(cnRole);
  });

  it('plans only noops after its own changes were applied, and sends no mutating call', async () => {
    await install();
    account.addKey({ aliases: [ALIAS], policy: { Version: '2012-10-17', Statement: [rootStatement] } });
    account.addRole('PersonalizeRole', { trustPolicy });
    const ctx = await context({}, { roleExists: true });

    for (const change of (await planKmsAccess(ctx)).changes) {
      if (change.operation) await applyOperation(aws, change.operation);
    }
    const writes = account.mutatingCalls().length;
    const again = await planKmsAccess(ctx);

    expect(again.changes.map((c) => [c.id, c.action])).toEqual([
      ['kms-access/key-policy', 'noop'],
      ['kms-access/role-policy', 'noop'],
    ]);
    expect(again.notes).toEqual([]);
    expect(again.errors).toEqual([]);
    expect(account.mutatingCalls()).toHaveLength(writes);
  });
});
