/** Attaching managed policies to users, groups and roles (the same rules for all three). */
import type { AccountState, ManagedPolicyState, PrincipalKind } from './account-state.js';
import { iamError } from './fake-errors.js';
import { IAM_PAGES, markerOutput } from './fake-iam-principals.js';
import type { CallContext, Handler, HandlerTable } from './handler-types.js';
import { assertModifiable, requirePrincipal, resolvePolicy } from './iam-model.js';
import { paginate } from './pagination.js';

const MANAGED_POLICIES_PER_PRINCIPAL = 10;

interface AttachmentInput {
  UserName?: string;
  GroupName?: string;
  RoleName?: string;
  PolicyArn?: string;
  PathPrefix?: string;
  Marker?: string;
  MaxItems?: number;
}

const KINDS: { kind: PrincipalKind; noun: 'User' | 'Group' | 'Role' }[] = [
  { kind: 'user', noun: 'User' },
  { kind: 'group', noun: 'Group' },
  { kind: 'role', noun: 'Role' },
];

export const iamAttachmentHandlers: HandlerTable = Object.fromEntries(
  KINDS.flatMap(({ kind, noun }) => [
    [`Attach${noun}Policy`, attach(kind, noun)],
    [`Detach${noun}Policy`, detach(kind, noun)],
    [`ListAttached${noun}Policies`, listAttached(kind, noun)],
  ]),
);

function nameOf(input: AttachmentInput, noun: 'User' | 'Group' | 'Role'): string | undefined {
  return input[`${noun}Name`];
}

function attach(kind: PrincipalKind, noun: 'User' | 'Group' | 'Role'): Handler {
  return (input: AttachmentInput, { state }: CallContext) => {
    const principal = requirePrincipal(state, kind, nameOf(input, noun));
    const policy = resolvePolicy(state, input.PolicyArn);
    assertModifiable(principal);
    // Attaching an attached policy again succeeds and changes nothing.
    if (principal.attached.includes(policy.arn)) return {};
    if (principal.attached.length >= MANAGED_POLICIES_PER_PRINCIPAL) {
      throw iamError.limitExceeded(`Cannot exceed quota for PoliciesPer${noun}: ${MANAGED_POLICIES_PER_PRINCIPAL}`);
    }
    principal.attached.push(policy.arn);
    return {};
  };
}

function detach(kind: PrincipalKind, noun: 'User' | 'Group' | 'Role'): Handler {
  return (input: AttachmentInput, { state }: CallContext) => {
    const principal = requirePrincipal(state, kind, nameOf(input, noun));
    assertModifiable(principal);
    if (!principal.attached.includes(input.PolicyArn ?? '')) {
      throw iamError.noSuchEntity(`Policy ${String(input.PolicyArn)} was not found.`);
    }
    principal.attached = principal.attached.filter((arn) => arn !== input.PolicyArn);
    return {};
  };
}

function listAttached(kind: PrincipalKind, noun: 'User' | 'Group' | 'Role'): Handler {
  return (input: AttachmentInput, { state }: CallContext) => {
    const principal = requirePrincipal(state, kind, nameOf(input, noun));
    const prefix = input.PathPrefix ?? '/';
    const attached = principal.attached
      .map((arn) => state.policies.get(arn))
      .filter((p): p is ManagedPolicyState => p !== undefined && p.path.startsWith(prefix))
      .map((p) => ({ PolicyName: p.name, PolicyArn: p.arn }));
    const page = paginate(attached, { marker: input.Marker, size: input.MaxItems }, IAM_PAGES);
    return { AttachedPolicies: page.items, IsTruncated: page.nextMarker !== undefined, ...markerOutput(page.nextMarker) };
  };
}

/** Seeding: attach without the call log or quota checks, but loudly refuse unknown names. */
export function seedAttachment(state: AccountState, kind: PrincipalKind, name: string, policyArn: string): void {
  const principal = requirePrincipal(state, kind, name);
  if (!state.policies.has(policyArn)) throw new Error(`FakeAccount: no managed policy ${policyArn} to attach`);
  if (!principal.attached.includes(policyArn)) principal.attached.push(policyArn);
}
