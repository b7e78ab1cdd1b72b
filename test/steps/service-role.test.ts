import { afterEach, describe, expect, it } from 'vitest';
import type { PolicyDocument } from '../../src/policies/types.js';
import { planSetup } from '../../src/steps/plan-setup.js';
import { ACCOUNT, changeOf, config, hidePolicy, installAccount, outline, stepOf, TAGS, type Installed } from './setup-fixtures.js';

const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/PersonalizeRole`;
const FULL_ACCESS_ARN = 'arn:aws:iam::aws:policy/service-role/AmazonPersonalizeFullAccess';
const OPERATOR_ARN = `arn:aws:iam::${ACCOUNT}:policy/PersonalizeOperatorAccess`;

const trustPolicy: PolicyDocument = {
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: { Service: 'personalize.amazonaws.com' },
      Action: 'sts:AssumeRole',
      Condition: {
        StringEquals: { 'aws:SourceAccount': ACCOUNT },
        ArnLike: { 'aws:SourceArn': `arn:aws:personalize:eu-west-1:${ACCOUNT}:*` },
      },
    },
  ],
};

/** The guide's first revision: no confused-deputy conditions. */
const unconditionedTrust: PolicyDocument = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'personalize.amazonaws.com' }, Action: 'sts:AssumeRole' }],
};

let installed: Installed;
afterEach(() => installed.account.uninstall());

async function install(): Promise<void> {
  installed = await installAccount();
}

async function plan(overrides: Parameters<typeof config>[0] = {}) {
  const whole = await planSetup(installed.aws, config(overrides));
  return { whole, step: stepOf(whole, 'service-role') };
}

describe('service-role on a fresh account', () => {
  it('creates the role with the confused-deputy trust policy, then attaches AmazonPersonalizeFullAccess', async () => {
    await install();

    const { whole, step } = await plan({ tags: { team: 'ml' } });

    expect(whole.roleArn).toBe(ROLE_ARN);
    expect(step.title).toBe('Service role');
    expect(step.errors).toEqual([]);
    expect(step.changes).toEqual([
      {
        id: 'service-role/create-role',
        step: 'service-role',
        action: 'create',
        resource: ROLE_ARN,
        summary: 'Create role PersonalizeRole',
        after: trustPolicy,
        operation: {
          kind: 'createRole',
          name: 'PersonalizeRole',
          path: '/',
          description: 'Assumed by Amazon Personalize to read and write your data (created by personalize-setup).',
          trustPolicy,
          tags: { team: 'ml', ...TAGS },
        },
      },
      {
        id: 'service-role/attach/role:PersonalizeRole',
        step: 'service-role',
        action: 'attach',
        resource: FULL_ACCESS_ARN,
        summary: 'Attach AmazonPersonalizeFullAccess to role PersonalizeRole',
        operation: { kind: 'attachPolicy', principal: { kind: 'role', name: 'PersonalizeRole' }, policyArn: FULL_ACCESS_ARN },
      },
    ]);
    expect(installed.account.mutatingCalls()).toEqual([]);
  });

  it('puts the role under --role-path, in its ARN too', async () => {
    await install();

    const { whole, step } = await plan({ roleName: 'RecsRole', rolePath: '/ml/' });

    expect(whole.roleArn).toBe(`arn:aws:iam::${ACCOUNT}:role/ml/RecsRole`);
    expect(step.changes[0]).toMatchObject({
      resource: `arn:aws:iam::${ACCOUNT}:role/ml/RecsRole`,
      summary: 'Create role RecsRole with path /ml/',
      operation: { kind: 'createRole', name: 'RecsRole', path: '/ml/' },
    });
  });

  it('checks that AmazonPersonalizeFullAccess exists before planning to attach it', async () => {
    await install();
    hidePolicy(installed.account, FULL_ACCESS_ARN);

    const { step } = await plan();

    expect(step.errors).toEqual([`AWS managed policy ${FULL_ACCESS_ARN} does not exist in this partition: use --role-access custom.`]);
    expect(outline(step)).toEqual([['service-role/create-role', 'create']]);
  });

  it('--role-access custom attaches the custom operator policy that operator-access creates first', async () => {
    await install();

    const { whole, step } = await plan({ roleAccess: 'custom' });

    expect(stepOf(whole, 'operator-access').changes[0]?.id).toBe('operator-access/create-policy');
    expect(outline(step)).toEqual([
      ['service-role/create-role', 'create'],
      ['service-role/attach/role:PersonalizeRole', 'attach'],
    ]);
    expect(step.changes[1]).toMatchObject({
      resource: OPERATOR_ARN,
      summary: 'Attach PersonalizeOperatorAccess to role PersonalizeRole',
      operation: { kind: 'attachPolicy', principal: { kind: 'role', name: 'PersonalizeRole' }, policyArn: OPERATOR_ARN },
    });
  });

  it('--role-access custom without --access custom is an error that says what to change', async () => {
    await install();

    const { step } = await plan({ roleAccess: 'custom', access: 'managed' });

    expect(step.errors).toEqual([
      '--role-access custom attaches the custom operator policy, which --access managed does not create: use --access custom or --role-access managed.',
    ]);
    expect(outline(step)).toEqual([['service-role/create-role', 'create']]);
  });
});

describe('service-role when the role exists', () => {
  it('is all noops when the trust policy matches and the policy is attached', async () => {
    await install();
    installed.account.addRole('PersonalizeRole', { trustPolicy, tags: TAGS });
    installed.account.attach('role', 'PersonalizeRole', FULL_ACCESS_ARN);

    const { step } = await plan();

    expect(step.changes).toEqual([
      {
        id: 'service-role/trust-policy',
        step: 'service-role',
        action: 'noop',
        resource: ROLE_ARN,
        summary: 'Role PersonalizeRole exists and trusts Amazon Personalize',
      },
      {
        id: 'service-role/attach/role:PersonalizeRole',
        step: 'service-role',
        action: 'noop',
        resource: FULL_ACCESS_ARN,
        summary: 'AmazonPersonalizeFullAccess is already attached to role PersonalizeRole',
      },
    ]);
    expect(installed.account.mutatingCalls()).toEqual([]);
  });

  it('shows a different trust policy as an update with before and after, never a silent replace', async () => {
    await install();
    installed.account.addRole('PersonalizeRole', { trustPolicy: unconditionedTrust, tags: TAGS });

    const { step } = await plan();

    expect(step.changes[0]).toEqual({
      id: 'service-role/update-trust-policy',
      step: 'service-role',
      action: 'update',
      resource: ROLE_ARN,
      summary: 'Update the trust policy of role PersonalizeRole',
      before: unconditionedTrust,
      after: trustPolicy,
      operation: { kind: 'updateTrustPolicy', roleName: 'PersonalizeRole', document: trustPolicy, before: unconditionedTrust },
    });
    expect(step.warnings).toEqual([]);
    expect(outline(step)).toEqual([
      ['service-role/update-trust-policy', 'update'],
      ['service-role/attach/role:PersonalizeRole', 'attach'],
    ]);
  });

  it('warns when the update would take the role away from another principal it trusts', async () => {
    await install();
    const sharedTrust: PolicyDocument = {
      Version: '2012-10-17',
      Statement: [
        ...unconditionedTrust.Statement,
        { Effect: 'Allow', Principal: { Service: 'sagemaker.amazonaws.com' }, Action: 'sts:AssumeRole' },
      ],
    };
    installed.account.addRole('PersonalizeRole', { trustPolicy: sharedTrust });

    const { step } = await plan();

    expect(step.changes[0]).toMatchObject({ action: 'update', before: sharedTrust, after: trustPolicy });
    expect(step.warnings).toEqual([
      'The trust policy of role PersonalizeRole also trusts sagemaker.amazonaws.com: the update removes that; use another --role-name to keep it.',
    ]);
  });

  it('refuses a role of that name under another path, naming the path to pass', async () => {
    await install();
    installed.account.addRole('PersonalizeRole', { path: '/team/', trustPolicy });

    const { step } = await plan();

    expect(step.errors).toEqual([
      'Role PersonalizeRole already exists with path /team/, not /: pass --role-path /team/, or choose another --role-name.',
    ]);
    expect(step.changes).toEqual([]);
  });
});

describe('service-role in China', () => {
  it('builds every ARN in the aws-cn partition', async () => {
    installed = await installAccount({ region: 'cn-north-1', partition: 'aws-cn' });

    const { whole, step } = await plan();

    const cnRole = `arn:aws-cn:iam::${ACCOUNT}:role/PersonalizeRole`;
    const cnFullAccess = 'arn:aws-cn:iam::aws:policy/service-role/AmazonPersonalizeFullAccess';
    expect(whole.roleArn).toBe(cnRole);
    expect(changeOf(step, 'service-role/create-role')).toMatchObject({
      resource: cnRole,
      after: {
        Statement: [
          {
            Condition: {
              StringEquals: { 'aws:SourceAccount': ACCOUNT },
              ArnLike: { 'aws:SourceArn': `arn:aws-cn:personalize:cn-north-1:${ACCOUNT}:*` },
            },
          },
        ],
      },
    });
    expect(changeOf(step, 'service-role/attach/role:PersonalizeRole').operation).toEqual({
      kind: 'attachPolicy',
      principal: { kind: 'role', name: 'PersonalizeRole' },
      policyArn: cnFullAccess,
    });
  });
});
