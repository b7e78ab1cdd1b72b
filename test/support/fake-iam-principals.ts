/** IAM users, groups and roles, and roles' inline policies. */
import type {
  CreateRoleCommandInput,
  DeleteRoleCommandInput,
  DeleteRolePolicyCommandInput,
  GetGroupCommandInput,
  GetRoleCommandInput,
  GetRolePolicyCommandInput,
  GetUserCommandInput,
  ListGroupsCommandInput,
  ListRolePoliciesCommandInput,
  ListRolesCommandInput,
  ListUsersCommandInput,
  PutRolePolicyCommandInput,
  TagRoleCommandInput,
  UpdateAssumeRolePolicyCommandInput,
} from '@aws-sdk/client-iam';
import type { AccountState, PrincipalState, RoleState } from './account-state.js';
import { findRole } from './account-state.js';
import { nonWhitespaceLength, urlEncode } from './documents.js';
import { iamError } from './fake-errors.js';
import type { CallContext, HandlerTable } from './handler-types.js';
import { assertModifiable, checkName, checkPath, insertRole, mergeTags, requirePrincipal, requireRole, tagsOutput } from './iam-model.js';
import { paginate } from './pagination.js';
import { identityPolicyProblem, trustPolicyProblem } from './policy-validation.js';

const TRUST_POLICY_QUOTA = 2048;
const INLINE_ROLE_POLICIES_QUOTA = 10240;

export const iamPrincipalHandlers: HandlerTable = {
  GetUser: (input: GetUserCommandInput, { state }: CallContext) => {
    const name = input.UserName ?? callerUserName(state);
    const user = requirePrincipal(state, 'user', name);
    return { User: { ...entityShape(user, 'User'), ...tagsOutput(user.tags) } };
  },

  GetGroup: (input: GetGroupCommandInput, { state }: CallContext) => {
    const group = requirePrincipal(state, 'group', input.GroupName);
    return { Group: entityShape(group, 'Group'), Users: [], IsTruncated: false };
  },

  GetRole: (input: GetRoleCommandInput, { state }: CallContext) => {
    const role = requireRole(state, input.RoleName);
    return { Role: { ...roleShape(role), ...tagsOutput(role.tags), RoleLastUsed: {} } };
  },

  ListUsers: (input: ListUsersCommandInput, { state }: CallContext) =>
    listEntities(state.users, input, 'Users', (u) => entityShape(u, 'User')),

  ListGroups: (input: ListGroupsCommandInput, { state }: CallContext) =>
    listEntities(state.groups, input, 'Groups', (g) => entityShape(g, 'Group')),

  ListRoles: (input: ListRolesCommandInput, { state }: CallContext) =>
    listEntities(state.roles, input, 'Roles', (r) => roleShape(r as RoleState)),

  CreateRole: (input: CreateRoleCommandInput, ctx: CallContext) => {
    const name = checkName(input.RoleName, 'roleName', 64);
    const path = checkPath(input.Path);
    if (findRole(ctx.state, name)) throw iamError.entityAlreadyExists(`Role with name ${name} already exists.`);
    const trustPolicy = checkTrustPolicy(ctx.state, input.AssumeRolePolicyDocument);
    const maxSessionDuration = input.MaxSessionDuration ?? 3600;
    if (maxSessionDuration < 3600 || maxSessionDuration > 43200) {
      throw iamError.validation(`1 validation error detected: Value '${maxSessionDuration}' at 'maxSessionDuration' failed to satisfy constraint.`);
    }
    const tags = mergeTags({}, input.Tags, 'TagsPerRole');
    const role = insertRole(ctx.state, {
      name,
      path,
      trustPolicy,
      description: input.Description,
      maxSessionDuration,
      tags,
      createdAtCall: ctx.callIndex,
    });
    return { Role: { ...roleShape(role), ...tagsOutput(role.tags) } };
  },

  UpdateAssumeRolePolicy: (input: UpdateAssumeRolePolicyCommandInput, { state }: CallContext) => {
    const role = requireRole(state, input.RoleName);
    assertModifiable(role);
    role.trustPolicy = checkTrustPolicy(state, input.PolicyDocument);
    return {};
  },

  DeleteRole: (input: DeleteRoleCommandInput, { state }: CallContext) => {
    const role = requireRole(state, input.RoleName);
    assertModifiable(role);
    if (role.attached.length > 0) throw iamError.deleteConflict('Cannot delete entity, must detach all policies first.');
    if (role.inline.size > 0) throw iamError.deleteConflict('Cannot delete entity, must delete policies first.');
    state.roles.delete(role.name.toLowerCase());
    return {};
  },

  TagRole: (input: TagRoleCommandInput, { state }: CallContext) => {
    const role = requireRole(state, input.RoleName);
    assertModifiable(role);
    role.tags = mergeTags(role.tags, input.Tags, 'TagsPerRole');
    return {};
  },

  PutRolePolicy: (input: PutRolePolicyCommandInput, { state }: CallContext) => {
    const policyName = checkName(input.PolicyName, 'policyName', 128);
    const role = requireRole(state, input.RoleName);
    assertModifiable(role);
    const document = input.PolicyDocument ?? '';
    const problem = identityPolicyProblem(document);
    if (problem) throw iamError.malformedPolicyDocument(problem);
    const others = [...role.inline].filter(([name]) => name !== policyName).map(([, text]) => text);
    const total = [...others, document].reduce((sum, text) => sum + nonWhitespaceLength(text), 0);
    if (total > INLINE_ROLE_POLICIES_QUOTA) {
      throw iamError.limitExceeded(`Maximum policy size of ${INLINE_ROLE_POLICIES_QUOTA} bytes exceeded for role ${role.name}`);
    }
    role.inline.set(policyName, document);
    return {};
  },

  GetRolePolicy: (input: GetRolePolicyCommandInput, { state }: CallContext) => {
    const role = requireRole(state, input.RoleName);
    const document = role.inline.get(input.PolicyName ?? '');
    if (document === undefined) throw noSuchRolePolicy(input.PolicyName);
    return { RoleName: role.name, PolicyName: input.PolicyName, PolicyDocument: urlEncode(document) };
  },

  DeleteRolePolicy: (input: DeleteRolePolicyCommandInput, { state }: CallContext) => {
    const role = requireRole(state, input.RoleName);
    assertModifiable(role);
    if (!role.inline.delete(input.PolicyName ?? '')) throw noSuchRolePolicy(input.PolicyName);
    return {};
  },

  ListRolePolicies: (input: ListRolePoliciesCommandInput, { state }: CallContext) => {
    const role = requireRole(state, input.RoleName);
    const names = [...role.inline.keys()].sort();
    const page = paginate(names, { marker: input.Marker, size: input.MaxItems }, IAM_PAGES);
    return { PolicyNames: page.items, IsTruncated: page.nextMarker !== undefined, ...markerOutput(page.nextMarker) };
  },
};

export const IAM_PAGES = { defaultSize: 100, maxSize: 1000, invalid: (message: string) => iamError.validation(message) };

export function markerOutput(nextMarker: string | undefined): { Marker?: string } {
  return nextMarker !== undefined ? { Marker: nextMarker } : {};
}

function listEntities<T extends PrincipalState>(
  map: Map<string, T>,
  input: { PathPrefix?: string | undefined; Marker?: string | undefined; MaxItems?: number | undefined },
  key: 'Users' | 'Groups' | 'Roles',
  shape: (entity: T) => object,
): object {
  const prefix = input.PathPrefix ?? '/';
  const entities = [...map.values()]
    .filter((e) => e.path.startsWith(prefix))
    .sort((a, b) => a.name.toLowerCase().localeCompare(b.name.toLowerCase()));
  const page = paginate(entities, { marker: input.Marker, size: input.MaxItems }, IAM_PAGES);
  return { [key]: page.items.map(shape), IsTruncated: page.nextMarker !== undefined, ...markerOutput(page.nextMarker) };
}

function entityShape(entity: PrincipalState, noun: 'User' | 'Group' | 'Role'): object {
  return { Path: entity.path, [`${noun}Name`]: entity.name, [`${noun}Id`]: entity.id, Arn: entity.arn, CreateDate: entity.createDate };
}

function roleShape(role: RoleState): object {
  return {
    ...entityShape(role, 'Role'),
    AssumeRolePolicyDocument: urlEncode(role.trustPolicy),
    ...(role.description !== undefined ? { Description: role.description } : {}),
    MaxSessionDuration: role.maxSessionDuration,
  };
}

function checkTrustPolicy(state: AccountState, document: string | undefined): string {
  const text = document ?? '';
  const problem = trustPolicyProblem(state, text);
  if (problem) throw iamError.malformedPolicyDocument(problem);
  if (nonWhitespaceLength(text) > TRUST_POLICY_QUOTA) {
    throw iamError.limitExceeded(`Cannot exceed quota for ACLSizePerRole: ${TRUST_POLICY_QUOTA}`);
  }
  return text;
}

/** GetUser without a name describes the calling user; other identities must name one. */
function callerUserName(state: AccountState): string {
  const match = /:user\/(?:.*\/)?([^/]+)$/.exec(state.callerArn);
  if (!match?.[1]) throw iamError.validation('Must specify userName when calling with non-User credentials');
  return match[1];
}

function noSuchRolePolicy(name: string | undefined): Error {
  return iamError.noSuchEntity(`The role policy with name ${String(name)} cannot be found.`);
}
