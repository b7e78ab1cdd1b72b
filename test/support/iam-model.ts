/**
 * IAM state operations shared by the command handlers and the seeding methods: inserting
 * entities, resolving policy ARNs, input validation and tag conversion. Seeding calls the insert
 * functions directly (no AWS validation, no call log); handlers validate first.
 */
import type { AccountState, ManagedPolicyState, PrincipalKind, PrincipalState, RoleState } from './account-state.js';
import { findPrincipal, iamArn, newIamId, principalMap, tick } from './account-state.js';
import { iamError } from './fake-errors.js';

export interface TagInput {
  Key?: string | undefined;
  Value?: string | undefined;
}

const NAME_PATTERN = /^[\w+=,.@-]+$/;
const PATH_PATTERN = /^\/$|^\/[\u0021-\u007E]+\/$/;

/** IAM's ValidationError for names (`[\w+=,.@-]+`, 1..max characters). */
export function checkName(value: string | undefined, field: string, max: number): string {
  if (value === undefined || value.length < 1 || value.length > max || !NAME_PATTERN.test(value)) {
    throw iamError.validation(
      `1 validation error detected: Value '${String(value)}' at '${field}' failed to satisfy constraint: ` +
        `Member must satisfy regular expression pattern: [\\w+=,.@-]+ and have length between 1 and ${max}`,
    );
  }
  return value;
}

export function checkPath(value: string | undefined): string {
  const path = value ?? '/';
  if (path.length > 512 || !PATH_PATTERN.test(path)) {
    throw iamError.validation(
      `1 validation error detected: Value '${path}' at 'path' failed to satisfy constraint: ` +
        'Member must satisfy regular expression pattern: (\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)',
    );
  }
  return path;
}

export function insertPrincipal(state: AccountState, kind: 'user' | 'group', name: string, path: string): PrincipalState {
  assertFree(state, kind, name);
  const principal: PrincipalState = {
    kind,
    name,
    path,
    arn: iamArn(state, `${kind}${path}${name}`),
    id: newIamId(state, kind === 'user' ? 'AIDA' : 'AGPA'),
    createDate: tick(state),
    attached: [],
    tags: {},
  };
  principalMap(state, kind).set(name.toLowerCase(), principal);
  return principal;
}

export function insertRole(
  state: AccountState,
  input: { name: string; path: string; trustPolicy: string; description?: string | undefined; maxSessionDuration?: number | undefined; tags: Record<string, string>; createdAtCall?: number },
): RoleState {
  assertFree(state, 'role', input.name);
  const role: RoleState = {
    kind: 'role',
    name: input.name,
    path: input.path,
    arn: iamArn(state, `role${input.path}${input.name}`),
    id: newIamId(state, 'AROA'),
    createDate: tick(state),
    attached: [],
    tags: { ...input.tags },
    trustPolicy: input.trustPolicy,
    maxSessionDuration: input.maxSessionDuration ?? 3600,
    inline: new Map(),
    ...(input.description !== undefined ? { description: input.description } : {}),
    ...(input.createdAtCall !== undefined ? { createdAtCall: input.createdAtCall } : {}),
  };
  state.roles.set(input.name.toLowerCase(), role);
  return role;
}

export function insertPolicy(
  state: AccountState,
  input: { name: string; path: string; document: string; description?: string | undefined; tags: Record<string, string>; awsManaged?: boolean },
): ManagedPolicyState {
  const owner = input.awsManaged ? 'aws' : state.account;
  const arn = `arn:${state.partition}:iam::${owner}:policy${input.path}${input.name}`;
  if (state.policies.has(arn)) throw new Error(`FakeAccount: policy ${arn} already exists`);
  const createDate = tick(state);
  const policy: ManagedPolicyState = {
    arn,
    name: input.name,
    path: input.path,
    id: newIamId(state, 'ANPA'),
    awsManaged: input.awsManaged ?? false,
    versions: [{ id: 'v1', document: input.document, createDate }],
    defaultVersionId: 'v1',
    lastVersionNumber: 1,
    tags: { ...input.tags },
    createDate,
    updateDate: createDate,
    ...(input.description !== undefined ? { description: input.description } : {}),
  };
  state.policies.set(arn, policy);
  return policy;
}

export function appendVersion(state: AccountState, policy: ManagedPolicyState, document: string, setAsDefault: boolean): string {
  policy.lastVersionNumber += 1;
  const id = `v${policy.lastVersionNumber}`;
  const createDate = tick(state);
  policy.versions.push({ id, document, createDate });
  if (setAsDefault) {
    policy.defaultVersionId = id;
    policy.updateDate = createDate;
  }
  return id;
}

/** A customer managed policy name is unique in the account whatever its path (case-insensitive). */
export function customerPolicyNamed(state: AccountState, name: string): ManagedPolicyState | undefined {
  return [...state.policies.values()].find((p) => !p.awsManaged && p.name.toLowerCase() === name.toLowerCase());
}

/** The policy an ARN names, or the error IAM gives for a malformed, foreign-partition or unknown ARN. */
export function resolvePolicy(state: AccountState, arn: string | undefined): ManagedPolicyState {
  const match = /^arn:([a-z-]+):iam::(\d{12}|aws):policy\/(.+)$/.exec(arn ?? '');
  if (!match) throw iamError.invalidInput(`ARN ${String(arn)} is not valid.`);
  if (match[1] !== state.partition) throw iamError.invalidInput(`Partition "${match[1]}" is not valid for resource "${arn}".`);
  const policy = state.policies.get(arn ?? '');
  if (!policy) throw iamError.noSuchEntity(`Policy ${arn} does not exist or is not attachable.`);
  return policy;
}

/** AWS managed policies belong to AWS: the account cannot change them. */
export function assertCustomerManaged(policy: ManagedPolicyState, action: string): void {
  if (policy.awsManaged) {
    throw iamError.accessDenied(`User is not authorized to perform: iam:${action} on resource: policy ${policy.arn}`);
  }
}

export function requirePrincipal(state: AccountState, kind: PrincipalKind, name: string | undefined): PrincipalState {
  const principal = findPrincipal(state, kind, name ?? '');
  if (!principal) throw iamError.noSuchEntity(`The ${kind} with name ${String(name)} cannot be found.`);
  return principal;
}

export function requireRole(state: AccountState, name: string | undefined): RoleState {
  return requirePrincipal(state, 'role', name) as RoleState;
}

/** IAM Identity Center and service-linked roles can only be changed by AWS. */
export function assertModifiable(principal: PrincipalState): void {
  if (principal.kind === 'role' && /^\/(aws-reserved|aws-service-role)\//.test(principal.path)) {
    throw iamError.unmodifiableEntity(
      `Cannot perform the operation on the protected role '${principal.name}' - this role is only modifiable by AWS`,
    );
  }
}

/** Merges tags as TagRole/TagPolicy do: keys are case-insensitive, a new value replaces the old. */
export function mergeTags(current: Record<string, string>, input: TagInput[] | undefined, quotaName: string): Record<string, string> {
  const merged = { ...current };
  const seen = new Set<string>();
  for (const tag of input ?? []) {
    const key = tag.Key ?? '';
    if (key.length < 1 || key.length > 128 || (tag.Value ?? '').length > 256) {
      throw iamError.validation(`1 validation error detected: Value '${key}' at 'tags' failed to satisfy constraint.`);
    }
    if (seen.has(key.toLowerCase())) {
      throw iamError.invalidInput('Duplicate tag keys found. Please note that Tag keys are case insensitive.');
    }
    seen.add(key.toLowerCase());
    for (const existing of Object.keys(merged)) if (existing.toLowerCase() === key.toLowerCase()) delete merged[existing];
    merged[key] = tag.Value ?? '';
  }
  if (Object.keys(merged).length > 50) throw iamError.limitExceeded(`Cannot exceed quota for ${quotaName}: 50`);
  return merged;
}

/** `Tags` as IAM returns them: absent when there are none. */
export function tagsOutput(tags: Record<string, string>): { Tags?: { Key: string; Value: string }[] } {
  const list = Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
  return list.length > 0 ? { Tags: list } : {};
}

function assertFree(state: AccountState, kind: PrincipalKind, name: string): void {
  if (findPrincipal(state, kind, name)) throw new Error(`FakeAccount: ${kind} ${name} already exists`);
}
