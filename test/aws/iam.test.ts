import {
  AttachGroupPolicyCommand,
  AttachRolePolicyCommand,
  AttachUserPolicyCommand,
  CreatePolicyCommand,
  CreatePolicyVersionCommand,
  CreateRoleCommand,
  DeletePolicyCommand,
  DeletePolicyVersionCommand,
  DeleteRoleCommand,
  DetachRolePolicyCommand,
  GetGroupCommand,
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  GetUserCommand,
  IAMClient,
  IAMServiceException,
  ListAttachedGroupPoliciesCommand,
  ListAttachedRolePoliciesCommand,
  ListAttachedUserPoliciesCommand,
  ListPolicyVersionsCommand,
  ListUsersCommand,
  NoSuchEntityException,
  PutRolePolicyCommand,
  UpdateAssumeRolePolicyCommand,
} from '@aws-sdk/client-iam';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createIamApi } from '../../src/aws/iam.js';
import { AwsError } from '../../src/errors.js';
import type { PolicyDocument } from '../../src/policies/types.js';

const iam = mockClient(IAMClient);
const sleeps: number[] = [];
const api = createIamApi(new IAMClient({ region: 'us-east-1' }), {
  maxRoleWaitSeconds: 10,
  sleep: async (ms) => {
    sleeps.push(ms);
  },
});

const noSuchEntity = (message = 'The role with name X cannot be found.') => new NoSuchEntityException({ message, $metadata: {} });
const ROLE_ARN = 'arn:aws:iam::123456789012:role/PersonalizeRole';
const POLICY_ARN = 'arn:aws:iam::123456789012:policy/PersonalizeOperatorAccess';

const trust: PolicyDocument = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'personalize.amazonaws.com' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:SourceAccount': '123456789012' } } }],
};
/** What IAM really sends back: the stored JSON, URL-encoded (RFC 3986). */
const urlEncoded = (document: unknown) => encodeURIComponent(JSON.stringify(document, null, 2));

const commandNames = () => iam.calls().map((call) => (call.args[0] as object).constructor.name);

beforeEach(() => {
  iam.reset();
  sleeps.length = 0;
});

describe('iam adapter: reads', () => {
  it('getRole decodes the URL-encoded trust policy and returns tags', async () => {
    iam.on(GetRoleCommand, { RoleName: 'PersonalizeRole' }).resolves({
      Role: {
        RoleName: 'PersonalizeRole',
        RoleId: 'AROAEXAMPLE',
        Arn: ROLE_ARN,
        Path: '/',
        CreateDate: new Date('2024-01-01T00:00:00Z'),
        AssumeRolePolicyDocument: urlEncoded(trust),
        Tags: [{ Key: 'managed-by', Value: 'personalize-setup' }],
      },
    });

    expect(await api.getRole('PersonalizeRole')).toEqual({
      name: 'PersonalizeRole',
      arn: ROLE_ARN,
      path: '/',
      trustPolicy: trust,
      tags: { 'managed-by': 'personalize-setup' },
    });
  });

  it('getRole also reads a trust policy an AWS-compatible endpoint sends without URL-encoding', async () => {
    iam.on(GetRoleCommand).resolves({
      Role: { RoleName: 'R', RoleId: 'x', Arn: ROLE_ARN, Path: '/', CreateDate: new Date(), AssumeRolePolicyDocument: JSON.stringify(trust) },
    });
    expect((await api.getRole('R'))?.trustPolicy).toEqual(trust);
  });

  it('a single statement stored as an object comes back as an array', async () => {
    const { Statement, ...rest } = trust;
    iam.on(GetRoleCommand).resolves({
      Role: { RoleName: 'R', RoleId: 'x', Arn: ROLE_ARN, Path: '/', CreateDate: new Date(), AssumeRolePolicyDocument: urlEncoded({ ...rest, Statement: Statement[0] }) },
    });
    expect((await api.getRole('R'))?.trustPolicy).toEqual(trust);
  });

  it.each([
    ['getUser', () => api.getUser('alice'), GetUserCommand],
    ['getGroup', () => api.getGroup('ml-team'), GetGroupCommand],
    ['getRole', () => api.getRole('nobody'), GetRoleCommand],
    ['getPolicy', () => api.getPolicy(POLICY_ARN), GetPolicyCommand],
    ['getPolicyVersionDocument', () => api.getPolicyVersionDocument(POLICY_ARN, 'v3'), GetPolicyVersionCommand],
    ['getRolePolicy', () => api.getRolePolicy('PersonalizeRole', 'PersonalizeS3Access'), GetRolePolicyCommand],
  ] as const)('%s resolves to undefined when IAM says NoSuchEntity', async (_name, read, command) => {
    iam.on(command as typeof GetUserCommand).rejects(noSuchEntity());
    expect(await read()).toBeUndefined();
  });

  it('getUser and getGroup return name, ARN and path', async () => {
    iam.on(GetUserCommand, { UserName: 'alice' }).resolves({
      User: { UserName: 'alice', UserId: 'AIDA', Arn: 'arn:aws:iam::123456789012:user/staff/alice', Path: '/staff/', CreateDate: new Date() },
    });
    iam.on(GetGroupCommand, { GroupName: 'ml-team' }).resolves({
      Group: { GroupName: 'ml-team', GroupId: 'AGPA', Arn: 'arn:aws:iam::123456789012:group/ml-team', Path: '/', CreateDate: new Date() },
      Users: [],
    });

    expect(await api.getUser('alice')).toEqual({ name: 'alice', arn: 'arn:aws:iam::123456789012:user/staff/alice', path: '/staff/' });
    expect(await api.getGroup('ml-team')).toEqual({ name: 'ml-team', arn: 'arn:aws:iam::123456789012:group/ml-team', path: '/' });
  });

  it('getPolicy returns the default version and the tags', async () => {
    iam.on(GetPolicyCommand, { PolicyArn: POLICY_ARN }).resolves({
      Policy: { PolicyName: 'PersonalizeOperatorAccess', Arn: POLICY_ARN, DefaultVersionId: 'v2', Tags: [{ Key: 'managed-by', Value: 'personalize-setup' }, { Key: 'team', Value: 'ml' }] },
    });
    expect(await api.getPolicy(POLICY_ARN)).toEqual({
      arn: POLICY_ARN,
      name: 'PersonalizeOperatorAccess',
      defaultVersionId: 'v2',
      tags: { 'managed-by': 'personalize-setup', team: 'ml' },
    });
  });

  it('getPolicyVersionDocument and getRolePolicy decode URL-encoded documents', async () => {
    const document: PolicyDocument = { Version: '2012-10-17', Statement: [{ Sid: 'A', Effect: 'Allow', Action: ['personalize:*'], Resource: '*', Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } } }] };
    iam.on(GetPolicyVersionCommand, { PolicyArn: POLICY_ARN, VersionId: 'v2' }).resolves({ PolicyVersion: { VersionId: 'v2', IsDefaultVersion: true, Document: urlEncoded(document) } });
    iam.on(GetRolePolicyCommand, { RoleName: 'PersonalizeRole', PolicyName: 'PersonalizeS3Access' }).resolves({
      RoleName: 'PersonalizeRole',
      PolicyName: 'PersonalizeS3Access',
      PolicyDocument: urlEncoded(document),
    });

    expect(await api.getPolicyVersionDocument(POLICY_ARN, 'v2')).toEqual(document);
    expect(await api.getRolePolicy('PersonalizeRole', 'PersonalizeS3Access')).toEqual(document);
  });

  it('a read that fails for another reason rejects with a translated AwsError', async () => {
    iam.on(GetRoleCommand).rejects(new IAMServiceException({ name: 'AccessDenied', $fault: 'client', $metadata: { httpStatusCode: 403 }, message: 'Access denied' }));
    await expect(api.getRole('PersonalizeRole')).rejects.toMatchObject({
      name: 'AwsError',
      awsCode: 'AccessDenied',
      operation: 'iam:GetRole',
      message: 'Access denied for iam:GetRole on role PersonalizeRole: grant this action to the identity running personalize-setup (see README "Permissions the tool needs").',
    });
  });
});

describe('iam adapter: lists follow IsTruncated/Marker', () => {
  it('listUsers reads every page', async () => {
    iam
      .on(ListUsersCommand, { Marker: undefined })
      .resolves({ Users: [{ UserName: 'a', UserId: '1', Arn: 'arn:aws:iam::1:user/a', Path: '/', CreateDate: new Date() }], IsTruncated: true, Marker: 'm1' })
      .on(ListUsersCommand, { Marker: 'm1' })
      .resolves({ Users: [{ UserName: 'b', UserId: '2', Arn: 'arn:aws:iam::1:user/b', Path: '/x/', CreateDate: new Date() }], IsTruncated: false });

    expect(await api.listUsers()).toEqual([
      { name: 'a', arn: 'arn:aws:iam::1:user/a', path: '/' },
      { name: 'b', arn: 'arn:aws:iam::1:user/b', path: '/x/' },
    ]);
    expect(iam.commandCalls(ListUsersCommand)).toHaveLength(2);
  });

  it('listUsers stops at the limit', async () => {
    const page = (n: number) => Array.from({ length: 3 }, (_, i) => ({ UserName: `u${n}${i}`, UserId: 'x', Arn: 'arn', Path: '/', CreateDate: new Date() }));
    iam.on(ListUsersCommand).resolvesOnce({ Users: page(1), IsTruncated: true, Marker: 'm1' }).resolves({ Users: page(2), IsTruncated: true, Marker: 'm2' });

    expect((await api.listUsers(2)).map((u) => u.name)).toEqual(['u10', 'u11']);
    expect(iam.commandCalls(ListUsersCommand)).toHaveLength(1);
  });

  it('listPolicyVersions reads every page and reports ISO dates', async () => {
    iam
      .on(ListPolicyVersionsCommand, { PolicyArn: POLICY_ARN, Marker: undefined })
      .resolves({ Versions: [{ VersionId: 'v3', IsDefaultVersion: true, CreateDate: new Date('2024-03-01T00:00:00Z') }], IsTruncated: true, Marker: 'next' })
      .on(ListPolicyVersionsCommand, { PolicyArn: POLICY_ARN, Marker: 'next' })
      .resolves({ Versions: [{ VersionId: 'v1', IsDefaultVersion: false, CreateDate: new Date('2024-01-01T00:00:00Z') }], IsTruncated: false });

    expect(await api.listPolicyVersions(POLICY_ARN)).toEqual([
      { versionId: 'v3', isDefault: true, createDate: '2024-03-01T00:00:00.000Z' },
      { versionId: 'v1', isDefault: false, createDate: '2024-01-01T00:00:00.000Z' },
    ]);
  });

  it.each([
    ['user', ListAttachedUserPoliciesCommand, { UserName: 'alice' }],
    ['group', ListAttachedGroupPoliciesCommand, { GroupName: 'alice' }],
    ['role', ListAttachedRolePoliciesCommand, { RoleName: 'alice' }],
  ] as const)('listAttachedPolicyArns for a %s uses its own command and pages', async (kind, command, nameInput) => {
    iam
      .on(command as typeof ListAttachedUserPoliciesCommand, { ...nameInput, Marker: undefined })
      .resolves({ AttachedPolicies: [{ PolicyName: 'A', PolicyArn: 'arn:aws:iam::aws:policy/A' }], IsTruncated: true, Marker: 'p2' })
      .on(command as typeof ListAttachedUserPoliciesCommand, { ...nameInput, Marker: 'p2' })
      .resolves({ AttachedPolicies: [{ PolicyName: 'B', PolicyArn: POLICY_ARN }], IsTruncated: false });

    expect(await api.listAttachedPolicyArns({ kind, name: 'alice' })).toEqual(['arn:aws:iam::aws:policy/A', POLICY_ARN]);
    expect(iam.calls()).toHaveLength(2);
  });
});

describe('iam adapter: writes', () => {
  it('createPolicy sends compact JSON and tags, and returns the ARN', async () => {
    iam.on(CreatePolicyCommand).resolves({ Policy: { Arn: POLICY_ARN, PolicyName: 'PersonalizeOperatorAccess', DefaultVersionId: 'v1' } });
    const document: PolicyDocument = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'personalize:*', Resource: '*' }] };

    const arn = await api.createPolicy({ name: 'PersonalizeOperatorAccess', path: '/', description: 'Operators', document, tags: { 'managed-by': 'personalize-setup' } });

    expect(arn).toBe(POLICY_ARN);
    expect(iam.commandCalls(CreatePolicyCommand)[0]?.args[0].input).toEqual({
      PolicyName: 'PersonalizeOperatorAccess',
      Path: '/',
      Description: 'Operators',
      PolicyDocument: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"personalize:*","Resource":"*"}]}',
      Tags: [{ Key: 'managed-by', Value: 'personalize-setup' }],
    });
  });

  it('createPolicyVersion passes SetAsDefault and returns the new version id', async () => {
    iam.on(CreatePolicyVersionCommand).resolves({ PolicyVersion: { VersionId: 'v4', IsDefaultVersion: true } });
    expect(await api.createPolicyVersion(POLICY_ARN, trust, true)).toBe('v4');
    expect(iam.commandCalls(CreatePolicyVersionCommand)[0]?.args[0].input).toEqual({ PolicyArn: POLICY_ARN, PolicyDocument: JSON.stringify(trust), SetAsDefault: true });
  });

  it('deletePolicy deletes every non-default version, then the policy', async () => {
    iam.on(ListPolicyVersionsCommand).resolves({
      Versions: [
        { VersionId: 'v3', IsDefaultVersion: true },
        { VersionId: 'v2', IsDefaultVersion: false },
        { VersionId: 'v1', IsDefaultVersion: false },
      ],
      IsTruncated: false,
    });
    iam.on(DeletePolicyVersionCommand).resolves({});
    iam.on(DeletePolicyCommand).resolves({});

    await api.deletePolicy(POLICY_ARN);

    expect(commandNames()).toEqual(['ListPolicyVersionsCommand', 'DeletePolicyVersionCommand', 'DeletePolicyVersionCommand', 'DeletePolicyCommand']);
    expect(iam.commandCalls(DeletePolicyVersionCommand).map((c) => c.args[0].input.VersionId)).toEqual(['v2', 'v1']);
  });

  it('deletePolicy of a policy that is already gone succeeds without deleting anything', async () => {
    iam.on(ListPolicyVersionsCommand).rejects(noSuchEntity('Policy not found'));
    await api.deletePolicy(POLICY_ARN);
    expect(commandNames()).toEqual(['ListPolicyVersionsCommand']);
  });

  it.each([
    ['user', AttachUserPolicyCommand, { UserName: 'alice' }],
    ['group', AttachGroupPolicyCommand, { GroupName: 'alice' }],
    ['role', AttachRolePolicyCommand, { RoleName: 'alice' }],
  ] as const)('attachPolicy to a %s uses its own command', async (kind, command, nameInput) => {
    iam.on(command as typeof AttachUserPolicyCommand).resolves({});
    await api.attachPolicy({ kind, name: 'alice' }, POLICY_ARN);
    expect(iam.calls().map((c) => (c.args[0] as { input: unknown }).input)).toEqual([{ ...nameInput, PolicyArn: POLICY_ARN }]);
    expect(commandNames()).toEqual([command.name]);
  });

  it('detachPolicy of a policy no longer attached succeeds', async () => {
    iam.on(DetachRolePolicyCommand).rejects(noSuchEntity('Policy is not attached'));
    await expect(api.detachPolicy({ kind: 'role', name: 'PersonalizeRole' }, POLICY_ARN)).resolves.toBeUndefined();
    expect(iam.commandCalls(DetachRolePolicyCommand)[0]?.args[0].input).toEqual({ RoleName: 'PersonalizeRole', PolicyArn: POLICY_ARN });
  });

  it('updateAssumeRolePolicy and putRolePolicy write compact JSON', async () => {
    iam.on(UpdateAssumeRolePolicyCommand).resolves({});
    iam.on(PutRolePolicyCommand).resolves({});

    await api.updateAssumeRolePolicy('PersonalizeRole', trust);
    await api.putRolePolicy('PersonalizeRole', 'PersonalizeS3Access', trust);

    expect(iam.commandCalls(UpdateAssumeRolePolicyCommand)[0]?.args[0].input).toEqual({ RoleName: 'PersonalizeRole', PolicyDocument: JSON.stringify(trust) });
    expect(iam.commandCalls(PutRolePolicyCommand)[0]?.args[0].input).toEqual({ RoleName: 'PersonalizeRole', PolicyName: 'PersonalizeS3Access', PolicyDocument: JSON.stringify(trust) });
  });

  it('retries the first calls on a role IAM has not propagated yet (NoSuchEntity), then succeeds', async () => {
    iam.on(PutRolePolicyCommand).rejectsOnce(noSuchEntity()).resolves({});
    iam.on(AttachRolePolicyCommand).rejectsOnce(noSuchEntity()).rejectsOnce(noSuchEntity()).resolves({});

    await api.putRolePolicy('PersonalizeRole', 'PersonalizeS3Access', trust);
    await api.attachPolicy({ kind: 'role', name: 'PersonalizeRole' }, POLICY_ARN);

    expect(iam.commandCalls(PutRolePolicyCommand)).toHaveLength(2);
    expect(iam.commandCalls(AttachRolePolicyCommand)).toHaveLength(3);
    expect(sleeps).toEqual([1_000, 1_000, 2_000]);
  });

  it('does not retry attaching to a user or group: they were not just created', async () => {
    iam.on(AttachUserPolicyCommand).rejects(noSuchEntity('The user with name alice cannot be found.'));
    await expect(api.attachPolicy({ kind: 'user', name: 'alice' }, POLICY_ARN)).rejects.toBeInstanceOf(AwsError);
    expect(iam.commandCalls(AttachUserPolicyCommand)).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it('a failed write rejects with the translated error (after about 15 s of retries for a role)', async () => {
    iam.on(PutRolePolicyCommand).rejects(noSuchEntity('The role with name PersonalizeRole cannot be found.'));
    const error = await api.putRolePolicy('PersonalizeRole', 'P', trust).catch((e: unknown) => e);
    expect(sleeps).toEqual([1_000, 2_000, 4_000, 8_000]);
    expect(iam.commandCalls(PutRolePolicyCommand)).toHaveLength(5);
    expect(error).toBeInstanceOf(AwsError);
    expect(error).toMatchObject({
      awsCode: 'NoSuchEntityException',
      operation: 'iam:PutRolePolicy',
      message: 'Role PersonalizeRole does not exist (iam:PutRolePolicy): it may have been deleted meanwhile; run plan again.',
    });
  });
});

describe('iam adapter: createRole waits until IAM returns the role', () => {
  const input = { name: 'PersonalizeRole', path: '/service/', description: 'Used by Amazon Personalize', trustPolicy: trust, tags: { 'managed-by': 'personalize-setup', team: 'ml' } };
  const createdRole = { RoleName: 'PersonalizeRole', RoleId: 'AROA', Arn: 'arn:aws:iam::123456789012:role/service/PersonalizeRole', Path: '/service/', CreateDate: new Date() };

  afterEach(() => vi.useRealTimers());

  it('sends CreateRole with the trust policy and tags, then polls GetRole', async () => {
    iam.on(CreateRoleCommand).resolves({ Role: createdRole });
    iam.on(GetRoleCommand).resolves({ Role: { ...createdRole, AssumeRolePolicyDocument: urlEncoded(trust) } });

    expect(await api.createRole(input)).toBe('arn:aws:iam::123456789012:role/service/PersonalizeRole');
    expect(iam.commandCalls(CreateRoleCommand)[0]?.args[0].input).toEqual({
      RoleName: 'PersonalizeRole',
      Path: '/service/',
      Description: 'Used by Amazon Personalize',
      AssumeRolePolicyDocument: JSON.stringify(trust),
      Tags: [
        { Key: 'managed-by', Value: 'personalize-setup' },
        { Key: 'team', Value: 'ml' },
      ],
    });
    expect(commandNames()).toEqual(['CreateRoleCommand', 'GetRoleCommand']);
    expect(iam.commandCalls(GetRoleCommand)[0]?.args[0].input).toEqual({ RoleName: 'PersonalizeRole' });
  });

  it('keeps polling while IAM has not propagated the role yet', async () => {
    vi.useFakeTimers();
    iam.on(CreateRoleCommand).resolves({ Role: createdRole });
    iam.on(GetRoleCommand).rejectsOnce(noSuchEntity()).rejectsOnce(noSuchEntity()).resolves({ Role: createdRole });

    const created = api.createRole(input);
    await vi.advanceTimersByTimeAsync(8_000);

    expect(await created).toBe(createdRole.Arn);
    expect(iam.commandCalls(GetRoleCommand)).toHaveLength(3);
  });

  it('gives up after maxRoleWaitSeconds, deletes the role again and says so', async () => {
    vi.useFakeTimers();
    iam.on(CreateRoleCommand).resolves({ Role: createdRole });
    iam.on(GetRoleCommand).rejects(noSuchEntity());
    iam.on(DeleteRoleCommand).resolves({});

    const created = api.createRole(input).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(15_000);
    const error = await created;

    expect(error).toBeInstanceOf(AwsError);
    expect(error).toMatchObject({
      operation: 'iam:CreateRole',
      awsCode: 'TimeoutError',
      message: 'IAM did not return the new role PersonalizeRole within 10 s of creating it (it was deleted again so nothing is left half-done): wait a minute and run again.',
    });
    expect(iam.commandCalls(DeleteRoleCommand)[0]?.args[0].input).toEqual({ RoleName: 'PersonalizeRole' });
  });

  it('reports a missing iam:GetRole permission instead of waiting in vain', async () => {
    vi.useFakeTimers();
    iam.on(CreateRoleCommand).resolves({ Role: createdRole });
    iam.on(GetRoleCommand).rejects(
      new IAMServiceException({
        name: 'AccessDenied',
        $fault: 'client',
        $metadata: { httpStatusCode: 403 },
        message: 'User: arn:aws:iam::123456789012:user/bob is not authorized to perform: iam:GetRole on resource: role PersonalizeRole because no identity-based policy allows the iam:GetRole action',
      }),
    );
    iam.on(DeleteRoleCommand).resolves({});

    const created = api.createRole(input).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(15_000);

    expect(await created).toMatchObject({
      awsCode: 'AccessDenied',
      operation: 'iam:GetRole',
      message: 'Access denied for iam:GetRole on role PersonalizeRole: grant this action to the identity running personalize-setup (see README "Permissions the tool needs").',
    });
  });
});
