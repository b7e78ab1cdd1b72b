/**
 * Who receives the operator policy: the principals named with `--attach-to`, each checked to
 * exist, or else the caller's own identity. Some identities cannot take an IAM policy (the root
 * user, federated users, IAM Identity Center roles); for those we say why up front instead of
 * failing at apply time, and the wizard offers a pick list.
 */
import type { CallerIdentity, IamApi, IamEntity } from '../aws/api.js';
import type { PrincipalKind, PrincipalRef } from '../config/setup-config.js';

/** The outcome of target resolution. */
export interface TargetResolution {
  /** Principals that exist and can take a managed policy, in the order given (duplicates removed). */
  targets: PrincipalRef[];
  /** Why (some of) the wanted principals cannot be used, phrased as what to do. Absent when all is well. */
  problem?: string;
}

const ATTACH_TO_HINT = 'pass --attach-to user:NAME, group:NAME or role:NAME';

/**
 * Resolves `attachTo`, or the caller when it is empty. `caller` may still be in flight: named
 * principals are looked up without waiting for STS, which saves a round trip in `planSetup`.
 */
export async function resolveTargets(
  iam: IamApi,
  attachTo: readonly PrincipalRef[],
  caller: CallerIdentity | Promise<CallerIdentity>,
): Promise<TargetResolution> {
  if (attachTo.length === 0) return resolveCaller(iam, await caller);
  const wanted = uniquePrincipals(attachTo);
  const [entities, identity] = await Promise.all([Promise.all(wanted.map((ref) => lookUp(iam, ref))), caller]);

  const missing = wanted.filter((_, index) => entities[index] === undefined);
  const identityCenter = wanted.filter((ref, index) => ref.kind === 'role' && isIdentityCenterRole(entities[index]));
  const targets = wanted.filter((ref) => !missing.includes(ref) && !identityCenter.includes(ref));

  const problems: string[] = [];
  if (missing.length > 0) {
    const names = joinWithAnd(missing.map(({ kind, name }) => `${kind} ${name}`));
    const verb = missing.length === 1 ? 'does not exist' : 'do not exist';
    const pronoun = missing.length === 1 ? 'it' : 'them';
    problems.push(`${capitalise(names)} ${verb} in account ${identity.account}: create ${pronoun} or fix --attach-to.`);
  }
  for (const role of identityCenter) {
    problems.push(
      `Role ${role.name} is an IAM Identity Center role, which IAM refuses to modify: change its permission set in IAM Identity Center, or name another principal in --attach-to.`,
    );
  }
  return problems.length === 0 ? { targets } : { targets, problem: problems.join(' ') };
}

/** The caller's own identity, parsed from its STS ARN (`arn:PARTITION:SERVICE::ACCOUNT:RESOURCE`). */
async function resolveCaller(iam: IamApi, caller: CallerIdentity): Promise<TargetResolution> {
  const [, , service, , , ...rest] = caller.arn.split(':');
  const resource = rest.join(':');
  const segments = resource.split('/');
  const refused = (problem: string): TargetResolution => ({ targets: [], problem });

  if (service === 'iam' && resource === 'root') {
    return refused(`The account root user cannot take an IAM policy: ${ATTACH_TO_HINT}.`);
  }
  if (service === 'iam' && segments[0] === 'user' && segments.length >= 2) {
    // The ARN carries the path, so no GetUser is needed: the caller exists by definition.
    return { targets: [{ kind: 'user', name: segments[segments.length - 1]! }] };
  }
  if (service === 'sts' && segments[0] === 'assumed-role' && segments.length >= 3) {
    // The session ARN drops the role's path; GetRole tells whether it is an Identity Center role.
    const name = segments[1]!;
    const role = await iam.getRole(name);
    if (role === undefined) {
      return refused(`Role ${name} that you are signed in with was not found in account ${caller.account}: ${ATTACH_TO_HINT}.`);
    }
    if (isIdentityCenterRole(role)) {
      return refused(
        `You are signed in through IAM Identity Center role ${name}, which IAM refuses to modify: change its permission set in IAM Identity Center, or ${ATTACH_TO_HINT}.`,
      );
    }
    return { targets: [{ kind: 'role', name }] };
  }
  if (service === 'sts' && segments[0] === 'federated-user') {
    return refused(`Federated user ${segments.slice(1).join('/')} cannot take an IAM policy: ${ATTACH_TO_HINT}.`);
  }
  return refused(`Cannot tell which IAM user or role ${caller.arn} is: ${ATTACH_TO_HINT}.`);
}

/** IAM Identity Center provisions these roles and IAM refuses to change them. */
export function isIdentityCenterRole(role: IamEntity | undefined): boolean {
  return role !== undefined && role.name.startsWith('AWSReservedSSO_') && role.path.startsWith('/aws-reserved/sso.amazonaws.com/');
}

function lookUp(iam: IamApi, ref: PrincipalRef): Promise<IamEntity | undefined> {
  const readers: Record<PrincipalKind, (name: string) => Promise<IamEntity | undefined>> = {
    user: (name) => iam.getUser(name),
    group: (name) => iam.getGroup(name),
    role: (name) => iam.getRole(name),
  };
  return readers[ref.kind](ref.name);
}

function uniquePrincipals(refs: readonly PrincipalRef[]): PrincipalRef[] {
  const seen = new Set<string>();
  return refs.filter((ref) => {
    const key = `${ref.kind}:${ref.name}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function joinWithAnd(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
