/**
 * "Attach this managed policy to these principals unless it already is": shared by the
 * operator-access, cloudwatch and service-role steps.
 */
import type { IamApi } from '../aws/api.js';
import type { PrincipalRef } from '../config/setup-config.js';
import type { Change, StepId } from './types.js';

export interface AttachRequest {
  step: StepId;
  /** Id prefix; each change's id is `<prefix>/<kind>:<name>`, e.g. `operator-access/attach/user:alice`. */
  idPrefix: string;
  policyArn: string;
  principals: readonly PrincipalRef[];
}

/**
 * One change per principal, in the given order: `attach` when the policy is not attached yet,
 * `noop` when it is. Reads every principal's attached policies in parallel.
 */
export async function planAttachments(iam: IamApi, request: AttachRequest): Promise<Change[]> {
  const { principals, policyArn } = request;
  const attachedLists = await Promise.all(principals.map((principal) => iam.listAttachedPolicyArns(principal)));
  return principals.map((principal, index) => attachmentChange(request, principal, attachedLists[index]!.includes(policyArn)));
}

/** The change for one principal: `noop` when the policy is already attached, else `attach`. */
export function attachmentChange(
  request: Omit<AttachRequest, 'principals'>,
  principal: PrincipalRef,
  alreadyAttached: boolean,
): Change {
  const { step, idPrefix, policyArn } = request;
  const policyName = policyNameFromArn(policyArn);
  const base = { id: `${idPrefix}/${principal.kind}:${principal.name}`, step, resource: policyArn };
  if (alreadyAttached) {
    return { ...base, action: 'noop', summary: `${policyName} is already attached to ${describePrincipal(principal)}` };
  }
  return {
    ...base,
    action: 'attach',
    summary: `Attach ${policyName} to ${describePrincipal(principal)}`,
    operation: { kind: 'attachPolicy', principal, policyArn },
  };
}

/** `user alice`, `group ml-team`, `role Admin`: how summaries and messages name a principal. */
export function describePrincipal(principal: PrincipalRef): string {
  return `${principal.kind} ${principal.name}`;
}

/** The policy name is the last segment of its ARN (`…:policy/service-role/NAME` → `NAME`). */
export function policyNameFromArn(policyArn: string): string {
  return policyArn.slice(policyArn.lastIndexOf('/') + 1);
}
