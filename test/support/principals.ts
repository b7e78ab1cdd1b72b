/**
 * Whether an `AWS` principal in a resource or trust policy names something that exists. IAM, S3
 * and KMS all resolve principals of this account when a policy is saved and reject unknown ones;
 * principals of other accounts cannot be checked here and are accepted.
 */
import type { AccountState } from './account-state.js';
import { findPrincipal, findRole } from './account-state.js';

export interface PrincipalCheck {
  /** Index of the call being served, for the propagation delay. */
  callIndex?: number;
  /** A role created fewer than this many calls ago is not yet visible (IAM propagation). */
  propagationCalls?: number;
}

const PRINCIPAL_ARN = /^arn:([a-z-]+):(iam|sts)::(\d{12}):(.+)$/;

export function isKnownAwsPrincipal(state: AccountState, value: string, check: PrincipalCheck = {}): boolean {
  if (value === '*' || /^\d{12}$/.test(value)) return true;
  const match = PRINCIPAL_ARN.exec(value);
  if (!match) return false;
  const [, partition, service, account, resource = ''] = match;
  if (partition !== state.partition) return false;
  if (account !== state.account) return true;
  if (service === 'iam' && resource === 'root') return true;

  if (service === 'sts') {
    const assumed = /^assumed-role\/([^/]+)\/[^/]+$/.exec(resource);
    const role = assumed ? findRole(state, assumed[1] ?? '') : undefined;
    return role !== undefined && isPropagated(role.createdAtCall, check);
  }
  const entity = /^(user|role)\/(?:.*\/)?([^/]+)$/.exec(resource);
  if (!entity) return false;
  const found = findPrincipal(state, entity[1] as 'user' | 'role', entity[2] ?? '');
  if (!found || found.arn !== value) return false;
  return found.kind !== 'role' || isPropagated(findRole(state, found.name)?.createdAtCall, check);
}

function isPropagated(createdAtCall: number | undefined, check: PrincipalCheck): boolean {
  if (createdAtCall === undefined || !check.propagationCalls || check.callIndex === undefined) return true;
  return check.callIndex - createdAtCall >= check.propagationCalls;
}
