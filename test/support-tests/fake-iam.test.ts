import {
  AttachRolePolicyCommand,
  AttachUserPolicyCommand,
  CreatePolicyCommand,
  CreatePolicyVersionCommand,
  CreateRoleCommand,
  DeletePolicyCommand,
  DeletePolicyVersionCommand,
  DeleteRoleCommand,
  DeleteRolePolicyCommand,
  DeleteConflictException,
  DetachRolePolicyCommand,
  EntityAlreadyExistsException,
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  GetUserCommand,
  IAMClient,
  LimitExceededException,
  ListAttachedRolePoliciesCommand,
  ListPolicyVersionsCommand,
  ListRolesCommand,
  MalformedPolicyDocumentException,
  NoSuchEntityException,
  PutRolePolicyCommand,
  SetDefaultPolicyVersionCommand,
  UnmodifiableEntityException,
  UpdateAssumeRolePolicyCommand,
  waitUntilRoleExists,
} from '@aws-sdk/client-iam';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeAccount } from '../support/fake-account.js';

const ACCOUNT = '123456789012';
const PERSONALIZE_FULL = 'arn:aws:iam::aws:policy/service-role/AmazonPersonalizeFullAccess';
const allow = (action: string, resource = '*') => ({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: resource }] });
const trust = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'personalize.amazonaws.com' }, Action: 'sts:AssumeRole' }],
};

let aws: FakeAccount;
const iam = new IAMClient({ region: 'eu-west-1' });

beforeEach(() => {
  aws = FakeAccount.install();
});
afterEach(() => aws.uninstall());

describe('documents come back URL-encoded, as IAM sends them', () => {
  it('GetPolicyVersion returns encodeURIComponent of the exact text stored', async () => {
    const text = JSON.stringify(allow('personalize:*'));
    const { Policy } = await iam.send(new CreatePolicyCommand({ PolicyName: 'P', PolicyDocument: text }));
    const { PolicyVersion } = await iam.send(new GetPolicyVersionCommand({ PolicyArn: Policy!.Arn, VersionId: 'v1' }));

    expect(PolicyVersion?.Document).toBe(encodeURIComponent(text));
    expect(PolicyVersion?.Document).toContain('%22personalize%3A*%22');
    expect(PolicyVersion?.IsDefaultVersion).toBe(true);
  });

  it('GetRole returns the trust policy encoded, with ARN, id and tags', async () => {
    const created = await iam.send(
      new CreateRoleCommand({
        RoleName: 'PersonalizeRole',
        Path: '/service/',
        AssumeRolePolicyDocument: JSON.stringify(trust),
        Tags: [{ Key: 'managed-by', Value: 'personalize-setup' }],
      }),
    );
    const { Role } = await iam.send(new GetRoleCommand({ RoleName: 'PersonalizeRole' }));

    expect(Role?.Arn).toBe(`arn:aws:iam::${ACCOUNT}:role/service/PersonalizeRole`);
    expect(Role?.RoleId).toMatch(/^AROA[A-Z0-9]{17}$/);
    expect(Role?.RoleId).toBe(created.Role?.RoleId);
    expect(Role?.AssumeRolePolicyDocument).toBe(encodeURIComponent(JSON.stringify(trust)));
    expect(Role?.Tags).toEqual([{ Key: 'managed-by', Value: 'personalize-setup' }]);
    expect(aws.role('PersonalizeRole')?.trustPolicy).toEqual(trust);
  });

  it('GetRolePolicy returns the inline document encoded; a missing one is NoSuchEntity', async () => {
    aws.addRole('R');
    const text = JSON.stringify(allow('s3:GetObject', 'arn:aws:s3:::b/*'));
    await iam.send(new PutRolePolicyCommand({ RoleName: 'R', PolicyName: 'S3', PolicyDocument: text }));

    const out = await iam.send(new GetRolePolicyCommand({ RoleName: 'R', PolicyName: 'S3' }));
    expect(out.PolicyDocument).toBe(encodeURIComponent(text));
    await expect(iam.send(new GetRolePolicyCommand({ RoleName: 'R', PolicyName: 'Nope' }))).rejects.toThrow(
      'The role policy with name Nope cannot be found.',
    );
    await expect(iam.send(new DeleteRolePolicyCommand({ RoleName: 'R', PolicyName: 'Nope' }))).rejects.toBeInstanceOf(
      NoSuchEntityException,
    );
  });
});

describe('managed policies', () => {
  it('AWS managed policies exist from the start, AmazonPersonalizeFullAccess only under service-role/', async () => {
    const { Policy } = await iam.send(new GetPolicyCommand({ PolicyArn: PERSONALIZE_FULL }));
    expect(Policy).toMatchObject({ PolicyName: 'AmazonPersonalizeFullAccess', Path: '/service-role/', DefaultVersionId: 'v1', AttachmentCount: 0 });
    await iam.send(new GetPolicyCommand({ PolicyArn: 'arn:aws:iam::aws:policy/CloudWatchFullAccessV2' }));
    await iam.send(new GetPolicyCommand({ PolicyArn: 'arn:aws:iam::aws:policy/CloudWatchFullAccess' }));

    const wrong = iam.send(new GetPolicyCommand({ PolicyArn: 'arn:aws:iam::aws:policy/AmazonPersonalizeFullAccess' }));
    await expect(wrong).rejects.toBeInstanceOf(NoSuchEntityException);
    await expect(wrong).rejects.toMatchObject({ name: 'NoSuchEntityException', $metadata: { httpStatusCode: 404 } });
  });

  it('CreatePolicy refuses a duplicate name, non-JSON and documents over 6,144 non-blank characters', async () => {
    const doc = JSON.stringify(allow('personalize:*'));
    const { Policy } = await iam.send(new CreatePolicyCommand({ PolicyName: 'Ops', PolicyDocument: doc, Tags: [{ Key: 'k', Value: 'v' }] }));
    expect(Policy).toMatchObject({ Arn: `arn:aws:iam::${ACCOUNT}:policy/Ops`, DefaultVersionId: 'v1', Tags: [{ Key: 'k', Value: 'v' }] });

    // Names are unique in the account whatever the path.
    const duplicate = iam.send(new CreatePolicyCommand({ PolicyName: 'Ops', Path: '/other/', PolicyDocument: doc }));
    await expect(duplicate).rejects.toBeInstanceOf(EntityAlreadyExistsException);
    await expect(duplicate).rejects.toThrow('A policy called Ops already exists. Duplicate names are not allowed.');

    await expect(iam.send(new CreatePolicyCommand({ PolicyName: 'Bad', PolicyDocument: '{not json' }))).rejects.toBeInstanceOf(
      MalformedPolicyDocumentException,
    );

    const bigStatement = (n: number) => ({ Effect: 'Allow', Action: 'personalize:DescribeDataset', Resource: `arn:aws:personalize:::x${'a'.repeat(n)}` });
    const padded = JSON.stringify({ Version: '2012-10-17', Statement: [bigStatement(6000)] }, null, 8); // blanks do not count
    await iam.send(new CreatePolicyCommand({ PolicyName: 'Fits', PolicyDocument: padded }));
    const tooBig = JSON.stringify({ Version: '2012-10-17', Statement: [bigStatement(6100)] });
    await expect(iam.send(new CreatePolicyCommand({ PolicyName: 'Big', PolicyDocument: tooBig }))).rejects.toThrow(
      'Cannot exceed quota for PolicySize: 6144',
    );
  });

  it('rejects identity policies that name a principal or repeat a Sid', async () => {
    const withPrincipal = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:*', Resource: '*' }] };
    await expect(iam.send(new CreatePolicyCommand({ PolicyName: 'P', PolicyDocument: JSON.stringify(withPrincipal) }))).rejects.toThrow(
      'Policy document should not specify a principal.',
    );
    const statement = { Sid: 'Same', Effect: 'Allow', Action: 's3:*', Resource: '*' };
    const twice = { Version: '2012-10-17', Statement: [statement, statement] };
    await expect(iam.send(new CreatePolicyCommand({ PolicyName: 'P', PolicyDocument: JSON.stringify(twice) }))).rejects.toThrow(
      'Statement IDs (SID) in a single policy must be unique.',
    );
  });

  it('allows at most 5 versions, never reuses a version id and lists versions newest first', async () => {
    const arn = aws.addManagedPolicy('Ops', allow('personalize:Describe*'));
    aws.addPolicyVersions(arn, [allow('a:1'), allow('a:2'), allow('a:3'), allow('a:4')]);

    const sixth = iam.send(new CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: JSON.stringify(allow('a:5')), SetAsDefault: true }));
    await expect(sixth).rejects.toBeInstanceOf(LimitExceededException);
    await expect(sixth).rejects.toThrow('A managed policy can have up to 5 versions.');

    await iam.send(new DeletePolicyVersionCommand({ PolicyArn: arn, VersionId: 'v2' }));
    const { PolicyVersion } = await iam.send(
      new CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: JSON.stringify(allow('a:5')), SetAsDefault: true }),
    );
    expect(PolicyVersion).toMatchObject({ VersionId: 'v6', IsDefaultVersion: true });

    const { Versions } = await iam.send(new ListPolicyVersionsCommand({ PolicyArn: arn }));
    expect(Versions?.map((v) => [v.VersionId, v.IsDefaultVersion])).toEqual([
      ['v6', true],
      ['v5', false],
      ['v4', false],
      ['v3', false],
      ['v1', false],
    ]);
    expect(aws.policy(arn)?.defaultVersionId).toBe('v6');
    expect(aws.policy(arn)?.versions.find((v) => v.id === 'v6')?.document).toEqual(allow('a:5'));
  });

  it('DeleteConflict: the default version, an attached policy, a policy with other versions', async () => {
    const arn = aws.addManagedPolicy('Ops', allow('personalize:*'));
    aws.addRole('R');
    aws.attach('role', 'R', arn);
    aws.addPolicyVersions(arn, [allow('a:2')]);

    const deleteDefault = iam.send(new DeletePolicyVersionCommand({ PolicyArn: arn, VersionId: 'v1' }));
    await expect(deleteDefault).rejects.toBeInstanceOf(DeleteConflictException);
    await expect(deleteDefault).rejects.toThrow('Cannot delete the default version of a policy.');
    await expect(iam.send(new DeletePolicyCommand({ PolicyArn: arn }))).rejects.toThrow('Cannot delete a policy attached to entities.');

    await iam.send(new DetachRolePolicyCommand({ RoleName: 'R', PolicyArn: arn }));
    await expect(iam.send(new DeletePolicyCommand({ PolicyArn: arn }))).rejects.toThrow('This policy has more than one version.');

    await iam.send(new SetDefaultPolicyVersionCommand({ PolicyArn: arn, VersionId: 'v2' }));
    await iam.send(new DeletePolicyVersionCommand({ PolicyArn: arn, VersionId: 'v1' }));
    await iam.send(new DeletePolicyCommand({ PolicyArn: arn }));
    expect(aws.policy(arn)).toBeUndefined();
  });

  it('refuses to change AWS managed policies', async () => {
    const change = iam.send(new CreatePolicyVersionCommand({ PolicyArn: PERSONALIZE_FULL, PolicyDocument: JSON.stringify(allow('a:b')) }));
    await expect(change).rejects.toMatchObject({ name: 'AccessDenied', $metadata: { httpStatusCode: 403 } });
  });

  it('refuses ARNs of another partition', async () => {
    const other = FakeAccount.install({ region: 'cn-north-1' });
    try {
      await expect(iam.send(new GetPolicyCommand({ PolicyArn: PERSONALIZE_FULL }))).rejects.toThrow(
        `Partition "aws" is not valid for resource "${PERSONALIZE_FULL}".`,
      );
      await iam.send(new GetPolicyCommand({ PolicyArn: 'arn:aws-cn:iam::aws:policy/service-role/AmazonPersonalizeFullAccess' }));
    } finally {
      other.uninstall();
    }
  });
});

describe('attachments', () => {
  it('attaching twice is a no-op; a missing principal or policy is NoSuchEntity', async () => {
    aws.addRole('R');
    await iam.send(new AttachRolePolicyCommand({ RoleName: 'R', PolicyArn: PERSONALIZE_FULL }));
    await iam.send(new AttachRolePolicyCommand({ RoleName: 'R', PolicyArn: PERSONALIZE_FULL }));
    expect(aws.attachedPolicies('role', 'R')).toEqual([PERSONALIZE_FULL]);

    const { AttachedPolicies } = await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: 'R' }));
    expect(AttachedPolicies).toEqual([{ PolicyName: 'AmazonPersonalizeFullAccess', PolicyArn: PERSONALIZE_FULL }]);
    expect((await iam.send(new GetPolicyCommand({ PolicyArn: PERSONALIZE_FULL }))).Policy?.AttachmentCount).toBe(1);

    await expect(iam.send(new AttachUserPolicyCommand({ UserName: 'bob', PolicyArn: PERSONALIZE_FULL }))).rejects.toThrow(
      'The user with name bob cannot be found.',
    );
    const missingPolicy = `arn:aws:iam::${ACCOUNT}:policy/Missing`;
    await expect(iam.send(new AttachRolePolicyCommand({ RoleName: 'R', PolicyArn: missingPolicy }))).rejects.toThrow(
      `Policy ${missingPolicy} does not exist or is not attachable.`,
    );
    await expect(iam.send(new DetachRolePolicyCommand({ RoleName: 'R', PolicyArn: missingPolicy }))).rejects.toBeInstanceOf(
      NoSuchEntityException,
    );
  });

  it('IAM Identity Center roles cannot be modified', async () => {
    aws.addRole('AWSReservedSSO_Admin_0123456789abcdef', { path: '/aws-reserved/sso.amazonaws.com/' });
    const attach = iam.send(new AttachRolePolicyCommand({ RoleName: 'AWSReservedSSO_Admin_0123456789abcdef', PolicyArn: PERSONALIZE_FULL }));
    await expect(attach).rejects.toBeInstanceOf(UnmodifiableEntityException);
  });
});

describe('roles', () => {
  it('CreateRole: EntityAlreadyExists (names are case-insensitive), invalid principals are malformed', async () => {
    await iam.send(new CreateRoleCommand({ RoleName: 'PersonalizeRole', AssumeRolePolicyDocument: JSON.stringify(trust) }));
    const again = iam.send(new CreateRoleCommand({ RoleName: 'personalizerole', AssumeRolePolicyDocument: JSON.stringify(trust) }));
    await expect(again).rejects.toBeInstanceOf(EntityAlreadyExistsException);
    await expect(again).rejects.toMatchObject({ $metadata: { httpStatusCode: 409 } });

    const ghost = `arn:aws:iam::${ACCOUNT}:role/Ghost`;
    const badTrust = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: ghost }, Action: 'sts:AssumeRole' }] };
    await expect(iam.send(new CreateRoleCommand({ RoleName: 'X', AssumeRolePolicyDocument: JSON.stringify(badTrust) }))).rejects.toThrow(
      `Invalid principal in policy: "AWS":"${ghost}"`,
    );
    await expect(iam.send(new CreateRoleCommand({ RoleName: 'bad name', AssumeRolePolicyDocument: JSON.stringify(trust) }))).rejects.toMatchObject({
      name: 'ValidationError',
    });
  });

  it('waitUntilRoleExists sees a created role at once', async () => {
    await iam.send(new CreateRoleCommand({ RoleName: 'R', AssumeRolePolicyDocument: JSON.stringify(trust) }));
    const result = await waitUntilRoleExists({ client: iam, maxWaitTime: 5 }, { RoleName: 'R' });
    expect(result.state).toBe('SUCCESS');
  });

  it('UpdateAssumeRolePolicy replaces the trust policy; DeleteRole needs detached and deleted policies', async () => {
    aws.addRole('R');
    aws.attach('role', 'R', PERSONALIZE_FULL);
    aws.putRolePolicy('R', 'Inline', allow('s3:GetObject'));
    await iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: 'R', PolicyDocument: JSON.stringify(trust) }));
    expect(aws.role('R')?.trustPolicy).toEqual(trust);

    await expect(iam.send(new DeleteRoleCommand({ RoleName: 'R' }))).rejects.toThrow('Cannot delete entity, must detach all policies first.');
    await iam.send(new DetachRolePolicyCommand({ RoleName: 'R', PolicyArn: PERSONALIZE_FULL }));
    await expect(iam.send(new DeleteRoleCommand({ RoleName: 'R' }))).rejects.toThrow('Cannot delete entity, must delete policies first.');
    await iam.send(new DeleteRolePolicyCommand({ RoleName: 'R', PolicyName: 'Inline' }));
    await iam.send(new DeleteRoleCommand({ RoleName: 'R' }));
    expect(aws.role('R')).toBeUndefined();
  });

  it('ListRoles pages with Marker / IsTruncated / MaxItems', async () => {
    for (const name of ['c', 'a', 'e', 'b', 'd']) aws.addRole(name);
    const names: string[][] = [];
    let Marker: string | undefined;
    do {
      const page = await iam.send(new ListRolesCommand({ MaxItems: 2, ...(Marker ? { Marker } : {}) }));
      names.push((page.Roles ?? []).map((r) => r.RoleName ?? ''));
      expect(page.IsTruncated).toBe(page.Marker !== undefined);
      Marker = page.Marker;
    } while (Marker);
    expect(names).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
  });

  it('GetUser without a name describes the calling user', async () => {
    const { User } = await iam.send(new GetUserCommand({}));
    expect(User).toMatchObject({ UserName: 'admin', Arn: `arn:aws:iam::${ACCOUNT}:user/admin`, Path: '/' });
  });
});
