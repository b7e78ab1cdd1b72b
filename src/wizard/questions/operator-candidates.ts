/**
 * Discovers who could operate Personalize: the account's users, groups and roles, read in
 * parallel. A list the caller may not read (AccessDenied) is left out with a warning instead of
 * stopping the wizard: the user can still pick from the others or type names.
 */
import type { Aws, IamEntity } from '../../aws/api.js';
import type { PrincipalKind, PrincipalRef } from '../../config/setup-config.js';
import type { Io } from '../../io.js';

/**
 * Roles that IAM or AWS own and that cannot take our policy: service-linked roles, and the
 * roles IAM Identity Center manages (their permission set must be changed in Identity Center).
 */
const UNMODIFIABLE_ROLE_PATHS = ['/aws-service-role/', '/aws-reserved/'];

/** `serviceRoleName` is left out too: that role is for Personalize itself, not for people. */
export async function listOperatorCandidates(aws: Aws, io: Io, serviceRoleName: string): Promise<PrincipalRef[]> {
  const [users, groups, roles] = await Promise.all([
    listOrWarn(io, 'users', () => aws.iam.listUsers()),
    listOrWarn(io, 'groups', () => aws.iam.listGroups()),
    listOrWarn(io, 'roles', () => aws.iam.listRoles()),
  ]);
  const attachableRoles = roles.filter(
    (role) => role.name !== serviceRoleName && !UNMODIFIABLE_ROLE_PATHS.some((path) => role.path.startsWith(path)),
  );
  return [...refs('user', users), ...refs('group', groups), ...refs('role', attachableRoles)];
}

/** `user:alice`, the same syntax as `--attach-to`. */
export function formatPrincipal(ref: PrincipalRef): string {
  return `${ref.kind}:${ref.name}`;
}

export function samePrincipal(a: PrincipalRef, b: PrincipalRef): boolean {
  return a.kind === b.kind && a.name === b.name;
}

function refs(kind: PrincipalKind, entities: IamEntity[]): PrincipalRef[] {
  return entities.map((entity) => ({ kind, name: entity.name }));
}

async function listOrWarn(io: Io, what: string, list: () => Promise<IamEntity[]>): Promise<IamEntity[]> {
  try {
    return await list();
  } catch (error) {
    io.warn(`Could not list IAM ${what} (${error instanceof Error ? error.message : String(error)}); they are left out of the pick list.`);
    return [];
  }
}
