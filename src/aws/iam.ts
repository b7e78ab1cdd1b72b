/** The IAM calls this tool makes, over the real SDK client. */
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
  DeleteRolePolicyCommand,
  DetachGroupPolicyCommand,
  DetachRolePolicyCommand,
  DetachUserPolicyCommand,
  GetGroupCommand,
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  GetUserCommand,
  ListAttachedGroupPoliciesCommand,
  ListAttachedRolePoliciesCommand,
  ListAttachedUserPoliciesCommand,
  ListGroupsCommand,
  ListPolicyVersionsCommand,
  ListRolesCommand,
  ListUsersCommand,
  PutRolePolicyCommand,
  SetDefaultPolicyVersionCommand,
  UpdateAssumeRolePolicyCommand,
  waitUntilRoleExists,
} from '@aws-sdk/client-iam';
import type { AttachedPolicy, IAMClient } from '@aws-sdk/client-iam';
import type { PrincipalRef } from '../config/setup-config.js';
import type { IamApi, IamEntity, PolicyVersion } from './api.js';
import { NOT_FOUND, createCaller, isAwsErrorNamed } from './call.js';
import type { Caller } from './call.js';
import { fromTagList, parsePolicyDocument, serializePolicyDocument, toTagList } from './documents.js';
import { collectPages } from './paginate.js';
import { retryWhilePropagating, type Sleep } from './retry-while-propagating.js';
import { waitForCreatedRole } from './wait-for-created-role.js';

export interface IamApiOptions {
  /** Upper bound for waitUntilRoleExists after CreateRole. Default 60. */
  maxRoleWaitSeconds?: number;
  profile?: string;
  /** Back-off between retries of a call on a just-created role (createAws passes a real timer). */
  sleep: Sleep;
}

/**
 * Even after waitUntilRoleExists, IAM's other endpoints can answer NoSuchEntity for a role created
 * seconds ago: the first calls that name the role (attach, put inline policy) retry briefly.
 */
const ROLE_PROPAGATION_DELAYS_MS = [1_000, 2_000, 4_000, 8_000];
const isNoSuchEntity = (error: unknown): boolean => isAwsErrorNamed(error, NOT_FOUND.iam);

const DEFAULT_LIST_LIMIT = 1000;

export function createIamApi(client: IAMClient, options: IamApiOptions): IamApi {
  const aws = createCaller('iam', options.profile);
  const notFound = NOT_FOUND.iam;
  const onNewRole = <T>(principal: PrincipalRef | undefined, send: () => Promise<T>): (() => Promise<T>) =>
    principal?.kind === 'role' ? () => retryWhilePropagating(send, isNoSuchEntity, options.sleep, ROLE_PROPAGATION_DELAYS_MS) : send;

  const entity = (raw: { Path?: string | undefined; Arn?: string | undefined } | undefined, name: string): IamEntity | undefined =>
    raw ? { name, arn: raw.Arn ?? '', path: raw.Path ?? '/' } : undefined;

  const listVersions = (policyArn: string) =>
    collectPages<PolicyVersion>(async (Marker) => {
      const out = await client.send(new ListPolicyVersionsCommand({ PolicyArn: policyArn, Marker }));
      const items = (out.Versions ?? []).map((v) => ({
        versionId: v.VersionId ?? '',
        isDefault: v.IsDefaultVersion ?? false,
        createDate: (v.CreateDate ?? new Date(0)).toISOString(),
      }));
      return { items, nextMarker: next(out) };
    });

  const deletePolicyVersion = async (policyArn: string, versionId: string): Promise<void> => {
    // Deletes are idempotent: "already gone" is the state the caller asked for (re-run rollbacks).
    await aws.find('DeletePolicyVersion', `version ${versionId} of policy ${policyArn}`, notFound, () =>
      client.send(new DeletePolicyVersionCommand({ PolicyArn: policyArn, VersionId: versionId })),
    );
  };

  return {
    async getUser(name) {
      const out = await aws.find('GetUser', `user ${name}`, notFound, () => client.send(new GetUserCommand({ UserName: name })));
      return entity(out?.User, name);
    },

    async getGroup(name) {
      // MaxItems bounds the member list GetGroup also returns; we only need the group itself.
      const out = await aws.find('GetGroup', `group ${name}`, notFound, () => client.send(new GetGroupCommand({ GroupName: name, MaxItems: 1 })));
      return entity(out?.Group, name);
    },

    async getRole(name) {
      const out = await aws.find('GetRole', `role ${name}`, notFound, () => client.send(new GetRoleCommand({ RoleName: name })));
      if (!out?.Role) return undefined;
      const role = out.Role;
      return {
        name,
        arn: role.Arn ?? '',
        path: role.Path ?? '/',
        trustPolicy: parsePolicyDocument(role.AssumeRolePolicyDocument ?? ''),
        tags: fromTagList(role.Tags),
      };
    },

    listUsers: (limit = DEFAULT_LIST_LIMIT) =>
      aws.run('ListUsers', undefined, () =>
        collectPages(async (Marker) => {
          const out = await client.send(new ListUsersCommand({ Marker }));
          return { items: (out.Users ?? []).map((u) => toEntity(u.UserName, u.Arn, u.Path)), nextMarker: next(out) };
        }, limit),
      ),

    listGroups: (limit = DEFAULT_LIST_LIMIT) =>
      aws.run('ListGroups', undefined, () =>
        collectPages(async (Marker) => {
          const out = await client.send(new ListGroupsCommand({ Marker }));
          return { items: (out.Groups ?? []).map((g) => toEntity(g.GroupName, g.Arn, g.Path)), nextMarker: next(out) };
        }, limit),
      ),

    listRoles: (limit = DEFAULT_LIST_LIMIT) =>
      aws.run('ListRoles', undefined, () =>
        collectPages(async (Marker) => {
          const out = await client.send(new ListRolesCommand({ Marker }));
          return { items: (out.Roles ?? []).map((r) => toEntity(r.RoleName, r.Arn, r.Path)), nextMarker: next(out) };
        }, limit),
      ),

    async getPolicy(policyArn) {
      const out = await aws.find('GetPolicy', `policy ${policyArn}`, notFound, () => client.send(new GetPolicyCommand({ PolicyArn: policyArn })));
      if (!out?.Policy) return undefined;
      const policy = out.Policy;
      return {
        arn: policy.Arn ?? policyArn,
        name: policy.PolicyName ?? '',
        defaultVersionId: policy.DefaultVersionId ?? '',
        tags: fromTagList(policy.Tags),
      };
    },

    async getPolicyVersionDocument(policyArn, versionId) {
      const out = await aws.find('GetPolicyVersion', `version ${versionId} of policy ${policyArn}`, notFound, () =>
        client.send(new GetPolicyVersionCommand({ PolicyArn: policyArn, VersionId: versionId })),
      );
      const document = out?.PolicyVersion?.Document;
      return document === undefined ? undefined : parsePolicyDocument(document);
    },

    listPolicyVersions: (policyArn) => aws.run('ListPolicyVersions', `policy ${policyArn}`, () => listVersions(policyArn)),

    listAttachedPolicyArns: (principal) => listAttached(client, aws, principal),

    async getRolePolicy(roleName, policyName) {
      const out = await aws.find('GetRolePolicy', `inline policy ${policyName} of role ${roleName}`, notFound, () =>
        client.send(new GetRolePolicyCommand({ RoleName: roleName, PolicyName: policyName })),
      );
      return out?.PolicyDocument === undefined ? undefined : parsePolicyDocument(out.PolicyDocument);
    },

    async createPolicy({ name, path, description, document, tags }) {
      const out = await aws.run('CreatePolicy', `policy ${name}`, () =>
        client.send(
          new CreatePolicyCommand({ PolicyName: name, Path: path, Description: description, PolicyDocument: serializePolicyDocument(document), Tags: toTagList(tags) }),
        ),
      );
      return out.Policy?.Arn ?? '';
    },

    async createPolicyVersion(policyArn, document, setAsDefault) {
      const out = await aws.run('CreatePolicyVersion', `policy ${policyArn}`, () =>
        client.send(new CreatePolicyVersionCommand({ PolicyArn: policyArn, PolicyDocument: serializePolicyDocument(document), SetAsDefault: setAsDefault })),
      );
      return out.PolicyVersion?.VersionId ?? '';
    },

    deletePolicyVersion,

    async setDefaultPolicyVersion(policyArn, versionId) {
      await aws.run('SetDefaultPolicyVersion', `policy ${policyArn}`, () => client.send(new SetDefaultPolicyVersionCommand({ PolicyArn: policyArn, VersionId: versionId })));
    },

    async deletePolicy(policyArn) {
      // IAM refuses DeletePolicy while non-default versions exist.
      const versions = await aws.find('ListPolicyVersions', `policy ${policyArn}`, notFound, () => listVersions(policyArn));
      if (versions === undefined) return; // already gone
      for (const version of versions.filter((v) => !v.isDefault)) {
        await deletePolicyVersion(policyArn, version.versionId);
      }
      await aws.find('DeletePolicy', `policy ${policyArn}`, notFound, () => client.send(new DeletePolicyCommand({ PolicyArn: policyArn })));
    },

    attachPolicy: (principal, policyArn) => attachOrDetach(client, aws, 'Attach', principal, policyArn, onNewRole),
    detachPolicy: (principal, policyArn) => attachOrDetach(client, aws, 'Detach', principal, policyArn, onNewRole),

    async createRole({ name, path, description, trustPolicy, tags }) {
      const out = await aws.run('CreateRole', `role ${name}`, () =>
        client.send(
          new CreateRoleCommand({
            RoleName: name,
            Path: path,
            Description: description,
            AssumeRolePolicyDocument: serializePolicyDocument(trustPolicy),
            Tags: toTagList(tags),
          }),
        ),
      );
      await waitForCreatedRole({
        roleName: name,
        maxWaitSeconds: options.maxRoleWaitSeconds ?? 60,
        wait: (maxWaitTime) => waitUntilRoleExists({ client, maxWaitTime, minDelay: 1, maxDelay: 5 }, { RoleName: name }),
        removeRole: () => client.send(new DeleteRoleCommand({ RoleName: name })).then(() => undefined),
        profile: options.profile,
      });
      return out.Role?.Arn ?? '';
    },

    async updateAssumeRolePolicy(roleName, document) {
      await aws.run('UpdateAssumeRolePolicy', `role ${roleName}`, () =>
        client.send(new UpdateAssumeRolePolicyCommand({ RoleName: roleName, PolicyDocument: serializePolicyDocument(document) })),
      );
    },

    async deleteRole(roleName) {
      await aws.find('DeleteRole', `role ${roleName}`, notFound, () => client.send(new DeleteRoleCommand({ RoleName: roleName })));
    },

    async putRolePolicy(roleName, policyName, document) {
      await aws.run(
        'PutRolePolicy',
        `role ${roleName}`,
        onNewRole({ kind: 'role', name: roleName }, () =>
          client.send(new PutRolePolicyCommand({ RoleName: roleName, PolicyName: policyName, PolicyDocument: serializePolicyDocument(document) })),
        ),
      );
    },

    async deleteRolePolicy(roleName, policyName) {
      await aws.find('DeleteRolePolicy', `inline policy ${policyName} of role ${roleName}`, notFound, () =>
        client.send(new DeleteRolePolicyCommand({ RoleName: roleName, PolicyName: policyName })),
      );
    },
  };
}

function toEntity(name: string | undefined, arn: string | undefined, path: string | undefined): IamEntity {
  return { name: name ?? '', arn: arn ?? '', path: path ?? '/' };
}

/** IAM's pagination: `Marker` is meaningful only while `IsTruncated`. */
function next(page: { IsTruncated?: boolean | undefined; Marker?: string | undefined }): string | undefined {
  return page.IsTruncated ? page.Marker : undefined;
}

function listAttached(client: IAMClient, aws: Caller, principal: PrincipalRef): Promise<string[]> {
  const fetchPage = async (Marker: string | undefined) => {
    const out = await sendListAttached(client, principal, Marker);
    const items = (out.AttachedPolicies ?? []).flatMap((p: AttachedPolicy) => (p.PolicyArn ? [p.PolicyArn] : []));
    return { items, nextMarker: next(out) };
  };
  const operation = `ListAttached${kindName(principal)}Policies`;
  return aws.run(operation, `${principal.kind} ${principal.name}`, () => collectPages(fetchPage));
}

function sendListAttached(client: IAMClient, principal: PrincipalRef, Marker: string | undefined) {
  switch (principal.kind) {
    case 'user':
      return client.send(new ListAttachedUserPoliciesCommand({ UserName: principal.name, Marker }));
    case 'group':
      return client.send(new ListAttachedGroupPoliciesCommand({ GroupName: principal.name, Marker }));
    case 'role':
      return client.send(new ListAttachedRolePoliciesCommand({ RoleName: principal.name, Marker }));
  }
}

type RetryOnNewRole = <T>(principal: PrincipalRef, send: () => Promise<T>) => () => Promise<T>;

async function attachOrDetach(
  client: IAMClient,
  aws: Caller,
  verb: 'Attach' | 'Detach',
  principal: PrincipalRef,
  policyArn: string,
  onNewRole: RetryOnNewRole,
): Promise<void> {
  const operation = `${verb}${kindName(principal)}Policy`;
  const resource = `${principal.kind} ${principal.name}`;
  const send = () => {
    const { name } = principal;
    if (verb === 'Attach') {
      switch (principal.kind) {
        case 'user':
          return client.send(new AttachUserPolicyCommand({ UserName: name, PolicyArn: policyArn }));
        case 'group':
          return client.send(new AttachGroupPolicyCommand({ GroupName: name, PolicyArn: policyArn }));
        case 'role':
          return client.send(new AttachRolePolicyCommand({ RoleName: name, PolicyArn: policyArn }));
      }
    }
    switch (principal.kind) {
      case 'user':
        return client.send(new DetachUserPolicyCommand({ UserName: name, PolicyArn: policyArn }));
      case 'group':
        return client.send(new DetachGroupPolicyCommand({ GroupName: name, PolicyArn: policyArn }));
      case 'role':
        return client.send(new DetachRolePolicyCommand({ RoleName: name, PolicyArn: policyArn }));
    }
  };
  if (verb === 'Attach') {
    await aws.run(operation, resource, onNewRole(principal, send));
  } else {
    // Detaching what is no longer attached (or no longer exists) leaves the state asked for.
    await aws.find(operation, resource, NOT_FOUND.iam, send);
  }
}

function kindName(principal: PrincipalRef): 'User' | 'Group' | 'Role' {
  return principal.kind === 'user' ? 'User' : principal.kind === 'group' ? 'Group' : 'Role';
}
