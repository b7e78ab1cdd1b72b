import { afterEach, describe, expect, it } from 'vitest';
import {
  bucketPolicyStatements,
  keyPolicyStatement,
  operatorPolicy,
  roleKmsPolicy,
  roleS3Policy,
  serviceRoleTrustPolicy,
} from '../../src/policies/index.js';
import { planSetup } from '../../src/steps/plan-setup.js';
import { resolveTargets } from '../../src/steps/resolve-targets.js';
import { ACCOUNT, applyPlan, config, installAccount, onlyNoops, outline, stepOf, TAGS, type Installed } from './setup-fixtures.js';

const ATTACH_HINT = 'pass --attach-to user:NAME, group:NAME or role:NAME';
const SSO_PATH = '/aws-reserved/sso.amazonaws.com/eu-west-1/';

let installed: Installed;
afterEach(() => installed.account.uninstall());

describe('planSetup assembles the steps', () => {
  it('reads the account facts once and returns the steps in apply order', async () => {
    installed = await installAccount();
    installed.account.addBucket('personalize-data');
    installed.account.addKey({ aliases: ['alias/personalize'] });

    const plan = await planSetup(
      installed.aws,
      config({ cloudwatch: 'CloudWatchFullAccessV2', bucket: 'personalize-data', kmsKey: 'alias/personalize' }),
    );

    expect(plan).toMatchObject({
      account: ACCOUNT,
      partition: 'aws',
      region: 'eu-west-1',
      callerArn: `arn:aws:iam::${ACCOUNT}:user/alice`,
      roleArn: `arn:aws:iam::${ACCOUNT}:role/PersonalizeRole`,
    });
    expect(plan.steps.map((step) => step.step)).toEqual(['operator-access', 'cloudwatch', 'service-role', 's3-access', 'kms-access']);
    expect(plan.steps.flatMap((step) => step.errors)).toEqual([]);
    expect(installed.account.calls.filter((call) => call.command === 'GetCallerIdentity')).toHaveLength(1);
    expect(installed.account.calls.filter((call) => call.command === 'DescribeKey')).toHaveLength(1);
    // Steps share reads: operator-access and cloudwatch both need alice's attached policies.
    expect(installed.account.calls.filter((call) => call.command === 'ListAttachedUserPolicies')).toHaveLength(1);
    expect(installed.account.calls.filter((call) => call.command === 'GetRole' && call.input.RoleName === 'PersonalizeRole')).toHaveLength(1);
    expect(installed.account.mutatingCalls()).toEqual([]);
  });

  it('leaves out the optional steps that were not asked for', async () => {
    installed = await installAccount();

    const plan = await planSetup(installed.aws, config());

    expect(plan.steps.map((step) => step.step)).toEqual(['operator-access', 'service-role']);
  });

  it('tags what it creates with --tag and managed-by=personalize-setup, which a --tag cannot override', async () => {
    installed = await installAccount();

    const plan = await planSetup(installed.aws, config({ tags: { team: 'ml', 'managed-by': 'someone-else' } }));

    const expected = { team: 'ml', 'managed-by': 'personalize-setup' };
    expect(stepOf(plan, 'operator-access').changes[0]?.operation).toMatchObject({ kind: 'createPolicy', tags: expected });
    expect(stepOf(plan, 'service-role').changes[0]?.operation).toMatchObject({ kind: 'createRole', tags: expected });
  });

  it('reports a --kms-key that does not exist as an error of the KMS step', async () => {
    installed = await installAccount();

    const plan = await planSetup(installed.aws, config({ kmsKey: 'alias/missing' }));

    const kms = stepOf(plan, 'kms-access');
    expect(kms.changes).toEqual([]);
    expect(kms.errors).toHaveLength(1);
    expect(kms.errors[0]).toMatch(/^KMS key alias\/missing does not exist/);
  });
});

describe('re-running on a set-up account', () => {
  it('plans only noops after the plan was applied, and sends no mutating call', async () => {
    installed = await installAccount();
    installed.account.addBucket('personalize-data');
    installed.account.addKey({ aliases: ['alias/personalize'] });
    const setup = config({
      cloudwatch: 'CloudWatchFullAccessV2',
      viewOwnPermissions: true,
      bucket: 'personalize-data',
      kmsKey: 'alias/personalize',
      roleAccess: 'custom',
    });
    await applyPlan(installed.aws, await planSetup(installed.aws, setup));
    const writes = installed.account.mutatingCalls().length;

    const again = await planSetup(installed.aws, setup);

    expect(again.steps.flatMap((step) => step.errors)).toEqual([]);
    expect(onlyNoops(again)).toBe(true);
    expect(again.steps.map((step) => step.changes.length)).toEqual([4, 1, 2, 2, 2]);
    expect(installed.account.mutatingCalls()).toHaveLength(writes);
  });

  it('needs at most 4 sequential round trips for an assumed-role caller with a bucket and a key', async () => {
    installed = await installAccount({ callerArn: `arn:aws:sts::${ACCOUNT}:assumed-role/Admin/alice`, latencyMs: 5 });
    const { account } = installed;
    const partition = 'aws';
    const roleArn = `arn:aws:iam::${ACCOUNT}:role/PersonalizeRole`;
    const keyId = '1234abcd-12ab-34cd-56ef-1234567890ab';
    const keyArn = `arn:aws:kms:eu-west-1:${ACCOUNT}:key/${keyId}`;
    const rootStatement = { Sid: 'Enable IAM User Permissions', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'kms:*', Resource: '*' };
    account.addKey({ keyId, aliases: ['alias/personalize'], policy: { Version: '2012-10-17', Statement: [rootStatement, keyPolicyStatement({ roleArn })] } });
    const operator = operatorPolicy({ partition, serviceRoleArn: roleArn, kmsKeyArn: keyArn, requireMfa: false, allowedCidrs: [] });
    account.attach('role', 'Admin', account.addManagedPolicy('PersonalizeOperatorAccess', operator, { tags: TAGS }));
    account.addRole('PersonalizeRole', { trustPolicy: serviceRoleTrustPolicy({ partition, account: ACCOUNT, region: 'eu-west-1' }), tags: TAGS });
    account.attach('role', 'PersonalizeRole', 'arn:aws:iam::aws:policy/service-role/AmazonPersonalizeFullAccess');
    account.putRolePolicy('PersonalizeRole', 'PersonalizeS3Access', roleS3Policy({ partition, bucket: 'personalize-data', access: 'read-write' }));
    account.putRolePolicy('PersonalizeRole', 'PersonalizeKmsAccess', roleKmsPolicy({ keyArn }));
    const bucketStatements = bucketPolicyStatements({ partition, bucket: 'personalize-data', access: 'read-write', denyInsecureTransport: false });
    account.addBucket('personalize-data', { policy: { Version: '2012-10-17', Statement: bucketStatements } });

    const plan = await planSetup(installed.aws, config({ bucket: 'personalize-data', kmsKey: 'alias/personalize' }));

    expect(plan.steps.flatMap((step) => step.errors)).toEqual([]);
    expect(plan.steps.map((step) => step.step)).toEqual(['operator-access', 'service-role', 's3-access', 'kms-access']);
    expect(onlyNoops(plan)).toBe(true);
    expect(installed.account.mutatingCalls()).toEqual([]);
    expect(installed.account.criticalPathLength()).toBeLessThanOrEqual(4);
  });
});

describe('operator targets', () => {
  it('targets the role of an assumed-role caller, reading its path with GetRole', async () => {
    installed = await installAccount({ callerArn: `arn:aws:sts::${ACCOUNT}:assumed-role/DataScientist/alice` });

    const plan = await planSetup(installed.aws, config());

    expect(outline(stepOf(plan, 'operator-access'))).toEqual([
      ['operator-access/create-policy', 'create'],
      ['operator-access/attach/role:DataScientist', 'attach'],
    ]);
    expect(stepOf(plan, 'operator-access').errors).toEqual([]);
    expect(installed.account.calls.some((call) => call.command === 'GetRole' && call.input.RoleName === 'DataScientist')).toBe(true);
  });

  it('refuses the root user and asks for --attach-to', async () => {
    installed = await installAccount({ callerArn: `arn:aws:iam::${ACCOUNT}:root` });

    const plan = await planSetup(installed.aws, config());
    const step = stepOf(plan, 'operator-access');

    expect(step.errors).toEqual([`The account root user cannot take an IAM policy: ${ATTACH_HINT}.`]);
    expect(outline(step)).toEqual([['operator-access/create-policy', 'create']]);
    expect(installed.account.mutatingCalls()).toEqual([]);
  });

  it('refuses an IAM Identity Center role as caller: its permission set must change instead', async () => {
    const sso = 'AWSReservedSSO_AdministratorAccess_0123456789abcdef';
    installed = await installAccount({ callerArn: `arn:aws:sts::${ACCOUNT}:assumed-role/${sso}/alice@example.com`, callerPath: SSO_PATH });

    const step = stepOf(await planSetup(installed.aws, config()), 'operator-access');

    expect(step.errors).toEqual([
      `You are signed in through IAM Identity Center role ${sso}, which IAM refuses to modify: change its permission set in IAM Identity Center, or ${ATTACH_HINT}.`,
    ]);
    expect(step.changes.filter((change) => change.action === 'attach')).toEqual([]);
  });

  it('treats a role that only looks like an Identity Center role (ordinary path) as an ordinary role', async () => {
    installed = await installAccount({ callerArn: `arn:aws:sts::${ACCOUNT}:assumed-role/AWSReservedSSO_Copy/alice` });

    const step = stepOf(await planSetup(installed.aws, config()), 'operator-access');

    expect(step.errors).toEqual([]);
    expect(outline(step)).toContainEqual(['operator-access/attach/role:AWSReservedSSO_Copy', 'attach']);
  });

  it('refuses a federated user', async () => {
    installed = await installAccount({ callerArn: `arn:aws:sts::${ACCOUNT}:federated-user/carol` });

    const step = stepOf(await planSetup(installed.aws, config()), 'operator-access');

    expect(step.errors).toEqual([`Federated user carol cannot take an IAM policy: ${ATTACH_HINT}.`]);
  });

  it('names every --attach-to principal that does not exist, and still plans the others', async () => {
    installed = await installAccount();
    installed.account.addUser('bob');

    const plan = await planSetup(
      installed.aws,
      config({
        cloudwatch: 'CloudWatchFullAccessV2',
        attachTo: [
          { kind: 'user', name: 'bob' },
          { kind: 'user', name: 'mallory' },
          { kind: 'group', name: 'ml-team' },
        ],
      }),
    );
    const step = stepOf(plan, 'operator-access');

    expect(step.errors).toEqual([`User mallory and group ml-team do not exist in account ${ACCOUNT}: create them or fix --attach-to.`]);
    expect(outline(step)).toEqual([
      ['operator-access/create-policy', 'create'],
      ['operator-access/attach/user:bob', 'attach'],
    ]);
    expect(outline(stepOf(plan, 'cloudwatch'))).toEqual([['cloudwatch/attach/user:bob', 'attach']]);
  });

  it('says which single --attach-to principal is missing', async () => {
    installed = await installAccount();

    const step = stepOf(await planSetup(installed.aws, config({ attachTo: [{ kind: 'role', name: 'Ops' }] })), 'operator-access');

    expect(step.errors).toEqual([`Role Ops does not exist in account ${ACCOUNT}: create it or fix --attach-to.`]);
  });

  it('refuses an Identity Center role named with --attach-to', async () => {
    installed = await installAccount();
    installed.account.addRole('AWSReservedSSO_ReadOnly_0123456789abcdef', { path: SSO_PATH });

    const step = stepOf(
      await planSetup(installed.aws, config({ attachTo: [{ kind: 'role', name: 'AWSReservedSSO_ReadOnly_0123456789abcdef' }] })),
      'operator-access',
    );

    expect(step.errors).toEqual([
      'Role AWSReservedSSO_ReadOnly_0123456789abcdef is an IAM Identity Center role, which IAM refuses to modify: change its permission set in IAM Identity Center, or name another principal in --attach-to.',
    ]);
    expect(outline(step)).toEqual([['operator-access/create-policy', 'create']]);
  });

  it('resolveTargets gives the wizard the targets and the problem', async () => {
    installed = await installAccount({ callerArn: `arn:aws:iam::${ACCOUNT}:user/team/alice`, callerPath: '/team/' });
    const caller = await installed.aws.sts.getCallerIdentity();

    expect(await resolveTargets(installed.aws.iam, [], caller)).toEqual({ targets: [{ kind: 'user', name: 'alice' }] });
    expect(await resolveTargets(installed.aws.iam, [{ kind: 'group', name: 'nobody' }], caller)).toEqual({
      targets: [],
      problem: `Group nobody does not exist in account ${ACCOUNT}: create it or fix --attach-to.`,
    });
    expect(
      await resolveTargets(
        installed.aws.iam,
        [
          { kind: 'user', name: 'alice' },
          { kind: 'user', name: 'alice' },
        ],
        caller,
      ),
    ).toEqual({ targets: [{ kind: 'user', name: 'alice' }] });
  });
});

describe('partitions', () => {
  it('builds every ARN of the plan in aws-cn for a caller in China', async () => {
    installed = await installAccount({ region: 'cn-north-1', partition: 'aws-cn' });
    installed.account.addBucket('personalize-data');
    installed.account.addKey({ aliases: ['alias/personalize'] });

    const plan = await planSetup(
      installed.aws,
      config({ cloudwatch: 'CloudWatchFullAccessV2', viewOwnPermissions: true, bucket: 'personalize-data', kmsKey: 'alias/personalize', roleAccess: 'custom' }),
    );

    expect(plan.partition).toBe('aws-cn');
    expect(plan.region).toBe('cn-north-1');
    expect(plan.roleArn).toBe(`arn:aws-cn:iam::${ACCOUNT}:role/PersonalizeRole`);
    expect(plan.steps.flatMap((step) => step.errors)).toEqual([]);
    const text = JSON.stringify(plan);
    expect(text).not.toMatch(/arn:aws:/);
    expect(text).toContain(`arn:aws-cn:iam::${ACCOUNT}:policy/PersonalizeOperatorAccess`);
    expect(text).toContain('arn:aws-cn:iam::aws:policy/CloudWatchFullAccessV2');
    expect(text).toContain(`arn:aws-cn:personalize:cn-north-1:${ACCOUNT}:*`);
    expect(stepOf(plan, 'operator-access').changes[0]?.after?.Statement[1]).toMatchObject({
      Action: ['iam:PassRole'],
      Resource: `arn:aws-cn:iam::${ACCOUNT}:role/PersonalizeRole`,
    });
  });
});
