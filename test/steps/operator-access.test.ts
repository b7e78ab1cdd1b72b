import { afterEach, describe, expect, it } from 'vitest';
import type { PolicyDocument } from '../../src/policies/types.js';
import { planSetup } from '../../src/steps/plan-setup.js';
import { ACCOUNT, applyPlan, changeOf, config, hidePolicy, installAccount, outline, stepOf, TAGS, type Installed } from './setup-fixtures.js';

const POLICY_ARN = `arn:aws:iam::${ACCOUNT}:policy/PersonalizeOperatorAccess`;
const VIEW_ARN = `arn:aws:iam::${ACCOUNT}:policy/PersonalizeViewOwnPermissions`;
const FULL_ACCESS_ARN = 'arn:aws:iam::aws:policy/service-role/AmazonPersonalizeFullAccess';
const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/PersonalizeRole`;

const operatorDocument: PolicyDocument = {
  Version: '2012-10-17',
  Statement: [
    { Sid: 'PersonalizeAccess', Effect: 'Allow', Action: ['personalize:*'], Resource: '*' },
    {
      Sid: 'PassRoleToPersonalize',
      Effect: 'Allow',
      Action: ['iam:PassRole'],
      Resource: ROLE_ARN,
      Condition: { StringEquals: { 'iam:PassedToService': 'personalize.amazonaws.com' } },
    },
  ],
};

const olderDocument: PolicyDocument = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 'personalize:*', Resource: '*' }],
};

let installed: Installed;
afterEach(() => installed.account.uninstall());

async function plan(overrides: Parameters<typeof config>[0] = {}) {
  return stepOf(await planSetup(installed.aws, config(overrides)), 'operator-access');
}

describe('operator-access on a fresh account', () => {
  it('creates the custom policy and attaches it to the calling user', async () => {
    installed = await installAccount();

    const step = await plan();

    expect(step.errors).toEqual([]);
    expect(step.warnings).toEqual([]);
    expect(step.changes).toEqual([
      {
        id: 'operator-access/create-policy',
        step: 'operator-access',
        action: 'create',
        resource: POLICY_ARN,
        summary: 'Create customer managed policy PersonalizeOperatorAccess',
        after: operatorDocument,
        operation: {
          kind: 'createPolicy',
          name: 'PersonalizeOperatorAccess',
          path: '/',
          description: 'Use Amazon Personalize and pass its service role (created by personalize-setup).',
          document: operatorDocument,
          tags: TAGS,
        },
      },
      {
        id: 'operator-access/attach/user:alice',
        step: 'operator-access',
        action: 'attach',
        resource: POLICY_ARN,
        summary: 'Attach PersonalizeOperatorAccess to user alice',
        operation: { kind: 'attachPolicy', principal: { kind: 'user', name: 'alice' }, policyArn: POLICY_ARN },
      },
    ]);
    expect(installed.account.mutatingCalls()).toEqual([]);
  });

  it('attaches to every --attach-to principal, in the order given', async () => {
    installed = await installAccount();
    installed.account.addUser('bob');
    installed.account.addGroup('ml-team');
    installed.account.addRole('DataScientist', { trustPolicy: olderDocument });

    const step = await plan({
      attachTo: [
        { kind: 'group', name: 'ml-team' },
        { kind: 'user', name: 'bob' },
        { kind: 'role', name: 'DataScientist' },
      ],
    });

    expect(outline(step)).toEqual([
      ['operator-access/create-policy', 'create'],
      ['operator-access/attach/group:ml-team', 'attach'],
      ['operator-access/attach/user:bob', 'attach'],
      ['operator-access/attach/role:DataScientist', 'attach'],
    ]);
    expect(changeOf(step, 'operator-access/attach/group:ml-team').summary).toBe('Attach PersonalizeOperatorAccess to group ml-team');
  });

  it('adds the MFA and source-IP conditions to every statement, and the key statement', async () => {
    installed = await installAccount();
    const { arn: keyArn } = installed.account.addKey({ aliases: ['alias/personalize'] });

    const step = await plan({ requireMfa: true, allowedCidrs: ['192.0.2.0/24', '198.51.100.7/32'], kmsKey: 'alias/personalize' });

    const conditions = { Bool: { 'aws:MultiFactorAuthPresent': 'true' }, IpAddress: { 'aws:SourceIp': ['192.0.2.0/24', '198.51.100.7/32'] } };
    expect(changeOf(step, 'operator-access/create-policy').after).toEqual({
      Version: '2012-10-17',
      Statement: [
        { Sid: 'PersonalizeAccess', Effect: 'Allow', Action: ['personalize:*'], Resource: '*', Condition: conditions },
        {
          Sid: 'PassRoleToPersonalize',
          Effect: 'Allow',
          Action: ['iam:PassRole'],
          Resource: ROLE_ARN,
          Condition: { StringEquals: { 'iam:PassedToService': 'personalize.amazonaws.com' }, ...conditions },
        },
        { Sid: 'PersonalizeKmsAccess', Effect: 'Allow', Action: ['kms:Decrypt', 'kms:GenerateDataKey', 'kms:DescribeKey'], Resource: keyArn, Condition: conditions },
      ],
    });
  });

  it('read-only access creates the policy with only the Describe, List and GetSolutionMetrics actions', async () => {
    installed = await installAccount();

    const step = await plan({ access: 'read-only', policyName: 'PersonalizeReadOnlyAccess' });

    const create = changeOf(step, 'operator-access/create-policy');
    expect(create.resource).toBe(`arn:aws:iam::${ACCOUNT}:policy/PersonalizeReadOnlyAccess`);
    expect(create.summary).toBe('Create customer managed policy PersonalizeReadOnlyAccess');
    const [statement, ...others] = create.after!.Statement;
    expect(others).toEqual([]);
    expect(statement!.Resource).toBe('*');
    const actions = [statement!.Action].flat() as string[];
    expect(actions).toContain('personalize:DescribeRecommender');
    expect(actions).toContain('personalize:ListDataDeletionJobs');
    expect(actions).toContain('personalize:GetSolutionMetrics');
    expect(actions).toContain('personalize:ListTagsForResource');
    expect(actions.every((action) => /^personalize:(Describe|List|GetSolutionMetrics$)/.test(action))).toBe(true);
    expect(create.operation).toMatchObject({ kind: 'createPolicy', description: 'Read-only access to Amazon Personalize (created by personalize-setup).' });
    expect(changeOf(step, 'operator-access/attach/user:alice').resource).toBe(`arn:aws:iam::${ACCOUNT}:policy/PersonalizeReadOnlyAccess`);
  });

  it('managed access attaches AmazonPersonalizeFullAccess under its service-role/ path and creates nothing', async () => {
    installed = await installAccount();

    const step = await plan({ access: 'managed' });

    expect(step.errors).toEqual([]);
    expect(step.changes).toEqual([
      {
        id: 'operator-access/attach/user:alice',
        step: 'operator-access',
        action: 'attach',
        resource: FULL_ACCESS_ARN,
        summary: 'Attach AmazonPersonalizeFullAccess to user alice',
        operation: { kind: 'attachPolicy', principal: { kind: 'user', name: 'alice' }, policyArn: FULL_ACCESS_ARN },
      },
    ]);
  });

  it('managed access is an error when AmazonPersonalizeFullAccess cannot be found', async () => {
    installed = await installAccount();
    hidePolicy(installed.account, FULL_ACCESS_ARN);

    const step = await plan({ access: 'managed' });

    expect(step.errors).toEqual([`AWS managed policy ${FULL_ACCESS_ARN} does not exist in this partition: use --access custom.`]);
    expect(step.changes).toEqual([]);
  });

  it('managed access warns that it cannot carry the MFA condition', async () => {
    installed = await installAccount();

    const step = await plan({ access: 'managed', requireMfa: true });

    expect(step.warnings).toEqual(['--require-mfa and --allowed-cidr cannot be added to the AWS managed policy: use --access custom to enforce them.']);
  });
});

describe('operator-access on an account that already has the policy', () => {
  it('is all noops when the policy says the same (in another form) and is attached', async () => {
    installed = await installAccount();
    // Same meaning, different shape: single strings, other key order, statements swapped.
    const reordered = {
      Statement: [
        {
          Condition: { StringEquals: { 'iam:PassedToService': ['personalize.amazonaws.com'] } },
          Resource: [ROLE_ARN],
          Action: 'iam:PassRole',
          Effect: 'Allow',
          Sid: 'PassRoleToPersonalize',
        },
        { Resource: ['*'], Action: 'personalize:*', Effect: 'Allow', Sid: 'PersonalizeAccess' },
      ],
      Version: '2012-10-17',
    } as PolicyDocument;
    installed.account.addManagedPolicy('PersonalizeOperatorAccess', reordered, { tags: TAGS });
    installed.account.attach('user', 'alice', POLICY_ARN);

    const step = await plan();

    expect(step.changes).toEqual([
      {
        id: 'operator-access/policy',
        step: 'operator-access',
        action: 'noop',
        resource: POLICY_ARN,
        summary: 'Customer managed policy PersonalizeOperatorAccess is up to date',
      },
      {
        id: 'operator-access/attach/user:alice',
        step: 'operator-access',
        action: 'noop',
        resource: POLICY_ARN,
        summary: 'PersonalizeOperatorAccess is already attached to user alice',
      },
    ]);
    expect(installed.account.mutatingCalls()).toEqual([]);
  });

  it('publishes a new default version when the document differs, with the current one as before', async () => {
    installed = await installAccount();
    installed.account.addManagedPolicy('PersonalizeOperatorAccess', olderDocument, { tags: TAGS });

    const step = await plan();

    expect(step.warnings).toEqual([]);
    expect(step.changes[0]).toEqual({
      id: 'operator-access/update-policy',
      step: 'operator-access',
      action: 'update',
      resource: POLICY_ARN,
      summary: 'Update customer managed policy PersonalizeOperatorAccess (new default version)',
      before: olderDocument,
      after: operatorDocument,
      operation: { kind: 'createPolicyVersion', policyArn: POLICY_ARN, document: operatorDocument, previousDefaultVersionId: 'v1' },
    });
    expect(outline(step)).toEqual([
      ['operator-access/update-policy', 'update'],
      ['operator-access/attach/user:alice', 'attach'],
    ]);
  });

  const version = (n: number): PolicyDocument => ({
    Version: '2012-10-17',
    Statement: [{ Sid: `V${n}`, Effect: 'Allow', Action: 'personalize:DescribeCampaign', Resource: '*' }],
  });

  it('at 5 versions deletes the oldest non-default version first, keeping its document for undo', async () => {
    installed = await installAccount();
    installed.account.addManagedPolicy('PersonalizeOperatorAccess', version(1), { tags: TAGS });
    installed.account.addPolicyVersions(POLICY_ARN, [version(2), version(3), version(4), version(5)], { setAsDefault: true });

    const step = await plan();

    expect(outline(step)).toEqual([
      ['operator-access/delete-policy-version', 'delete'],
      ['operator-access/update-policy', 'update'],
      ['operator-access/attach/user:alice', 'attach'],
    ]);
    expect(step.changes[0]).toEqual({
      id: 'operator-access/delete-policy-version',
      step: 'operator-access',
      action: 'delete',
      resource: POLICY_ARN,
      summary: 'Delete version v1 of PersonalizeOperatorAccess, the oldest (IAM keeps at most 5)',
      before: version(1),
      operation: { kind: 'deletePolicyVersion', policyArn: POLICY_ARN, versionId: 'v1', document: version(1) },
    });
    expect(step.changes[1]).toMatchObject({
      before: version(5),
      after: operatorDocument,
      operation: { kind: 'createPolicyVersion', previousDefaultVersionId: 'v5' },
    });
  });

  it('never picks the default version to delete, even when it is the oldest', async () => {
    installed = await installAccount();
    installed.account.addManagedPolicy('PersonalizeOperatorAccess', version(1), { tags: TAGS });
    installed.account.addPolicyVersions(POLICY_ARN, [version(2), version(3), version(4), version(5)]);

    const step = await plan();

    expect(step.changes[0]).toMatchObject({
      action: 'delete',
      operation: { kind: 'deletePolicyVersion', versionId: 'v2', document: version(2) },
    });
    expect(step.changes[1]).toMatchObject({ before: version(1), operation: { previousDefaultVersionId: 'v1' } });
  });

  it('deletes nothing when the policy has fewer than 5 versions', async () => {
    installed = await installAccount();
    installed.account.addManagedPolicy('PersonalizeOperatorAccess', version(1), { tags: TAGS });
    installed.account.addPolicyVersions(POLICY_ARN, [version(2), version(3), version(4)], { setAsDefault: true });

    const step = await plan();

    expect(outline(step)).toEqual([
      ['operator-access/update-policy', 'update'],
      ['operator-access/attach/user:alice', 'attach'],
    ]);
  });

  it('warns before updating a policy of that name that personalize-setup did not create', async () => {
    installed = await installAccount();
    installed.account.addManagedPolicy('PersonalizeOperatorAccess', olderDocument, { tags: {} });

    const step = await plan();

    expect(step.warnings).toEqual([
      'Customer managed policy PersonalizeOperatorAccess was not created by personalize-setup: review the update; rollback restores its current version.',
    ]);
  });
});

describe('--view-own-permissions', () => {
  it('creates the policy and attaches it to the user targets only', async () => {
    installed = await installAccount();
    installed.account.addUser('bob');
    installed.account.addGroup('ml-team');

    const step = await plan({
      viewOwnPermissions: true,
      attachTo: [
        { kind: 'user', name: 'bob' },
        { kind: 'group', name: 'ml-team' },
      ],
    });

    expect(outline(step)).toEqual([
      ['operator-access/create-policy', 'create'],
      ['operator-access/attach/user:bob', 'attach'],
      ['operator-access/attach/group:ml-team', 'attach'],
      ['operator-access/create-view-own-permissions-policy', 'create'],
      ['operator-access/attach-view-own-permissions/user:bob', 'attach'],
    ]);
    const create = changeOf(step, 'operator-access/create-view-own-permissions-policy');
    expect(create.resource).toBe(VIEW_ARN);
    expect(create.summary).toBe('Create customer managed policy PersonalizeViewOwnPermissions');
    expect(create.after?.Statement[0]?.Resource).toEqual(['arn:aws:iam::*:user/${aws:username}']);
    expect(create.operation).toMatchObject({ kind: 'createPolicy', name: 'PersonalizeViewOwnPermissions', tags: TAGS });
    expect(changeOf(step, 'operator-access/attach-view-own-permissions/user:bob')).toMatchObject({
      summary: 'Attach PersonalizeViewOwnPermissions to user bob',
      operation: { kind: 'attachPolicy', principal: { kind: 'user', name: 'bob' }, policyArn: VIEW_ARN },
    });
    expect(step.warnings).toEqual(['PersonalizeViewOwnPermissions is for IAM users only, so it is not attached to group ml-team.']);
  });

  it('creates nothing and warns when no target is a user', async () => {
    installed = await installAccount({ callerArn: `arn:aws:sts::${ACCOUNT}:assumed-role/Admin/alice` });

    const step = await plan({ viewOwnPermissions: true });

    expect(outline(step)).toEqual([
      ['operator-access/create-policy', 'create'],
      ['operator-access/attach/role:Admin', 'attach'],
    ]);
    expect(step.warnings).toEqual(['--view-own-permissions applies to IAM users only and no target is a user: it was skipped.']);
  });
});

describe('re-running after apply', () => {
  it('plans only noops and sends no mutating call', async () => {
    installed = await installAccount();
    const setup = config({ viewOwnPermissions: true, requireMfa: true });
    await applyPlan(installed.aws, await planSetup(installed.aws, setup));
    const writesBefore = installed.account.mutatingCalls().length;

    const step = stepOf(await planSetup(installed.aws, setup), 'operator-access');

    expect(outline(step)).toEqual([
      ['operator-access/policy', 'noop'],
      ['operator-access/attach/user:alice', 'noop'],
      ['operator-access/view-own-permissions-policy', 'noop'],
      ['operator-access/attach-view-own-permissions/user:alice', 'noop'],
    ]);
    expect(installed.account.mutatingCalls().length).toBe(writesBefore);
  });
});
