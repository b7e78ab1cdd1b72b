/**
 * The in-memory account behind FakeAccount: plain data, no SDK types. Documents are kept as the
 * exact text AWS was given (IAM, S3 and KMS all return it as stored), parsed only when observed.
 */

export type Partition = 'aws' | 'aws-cn' | 'aws-us-gov';
export type PrincipalKind = 'user' | 'group' | 'role';

/** An IAM user, group or role. */
export interface PrincipalState {
  kind: PrincipalKind;
  name: string;
  path: string;
  arn: string;
  /** AIDA… / AGPA… / AROA… */
  id: string;
  createDate: Date;
  /** ARNs of attached managed policies, in attach order. */
  attached: string[];
  tags: Record<string, string>;
}

export interface RoleState extends PrincipalState {
  kind: 'role';
  trustPolicy: string;
  description?: string;
  maxSessionDuration: number;
  /** Inline policies: name → document text. */
  inline: Map<string, string>;
  /** Index (in the call log) of the CreateRole call; absent for seeded roles. Drives propagation delay. */
  createdAtCall?: number;
}

export interface PolicyVersionState {
  id: string;
  document: string;
  createDate: Date;
}

export interface ManagedPolicyState {
  arn: string;
  name: string;
  path: string;
  /** ANPA… */
  id: string;
  description?: string;
  /** `arn:…:iam::aws:policy/…`: cannot be changed or deleted by the account. */
  awsManaged: boolean;
  /** In creation order. */
  versions: PolicyVersionState[];
  defaultVersionId: string;
  /** Highest version number ever used: IAM never reuses version ids. */
  lastVersionNumber: number;
  tags: Record<string, string>;
  createDate: Date;
  updateDate: Date;
}

export interface PublicAccessBlockState {
  BlockPublicAcls: boolean;
  IgnorePublicAcls: boolean;
  BlockPublicPolicy: boolean;
  RestrictPublicBuckets: boolean;
}

export interface EncryptionState {
  algorithm: string;
  kmsKeyId?: string;
  bucketKeyEnabled: boolean;
}

export interface BucketState {
  name: string;
  region: string;
  ownerAccount: string;
  policy?: string;
  encryption?: EncryptionState;
  tags?: Record<string, string>;
  publicAccessBlock?: PublicAccessBlockState;
  objects: number;
  /** Set when CreateBucket hit an existing us-east-1 bucket: AWS answers 200 and resets its ACL. */
  aclReset: boolean;
  createDate: Date;
}

export interface KeyState {
  keyId: string;
  arn: string;
  region: string;
  keyManager: 'CUSTOMER' | 'AWS';
  policy: string;
  description: string;
  createDate: Date;
}

export interface AliasState {
  /** `alias/NAME` */
  name: string;
  region: string;
  targetKeyId: string;
  createDate: Date;
}

export interface AccountState {
  account: string;
  partition: Partition;
  /** Default region: where seeded buckets and keys live unless told otherwise. */
  region: string;
  callerArn: string;
  /** Keyed by lower-cased name: IAM names are unique regardless of case. */
  users: Map<string, PrincipalState>;
  groups: Map<string, PrincipalState>;
  roles: Map<string, RoleState>;
  /** Keyed by ARN (customer and AWS managed). */
  policies: Map<string, ManagedPolicyState>;
  /** Bucket names are global, so foreign buckets live here too (ownerAccount differs). */
  buckets: Map<string, BucketState>;
  keys: Map<string, KeyState>;
  /** Keyed by `${region}/${aliasName}`. */
  aliases: Map<string, AliasState>;
  /** Deterministic ids and timestamps, so snapshots and listings are reproducible. */
  nextId: number;
  clockSeconds: number;
}

const EPOCH = Date.UTC(2024, 0, 1);

export function createAccountState(input: { account: string; partition: Partition; region: string; callerArn: string }): AccountState {
  return {
    ...input,
    users: new Map(),
    groups: new Map(),
    roles: new Map(),
    policies: new Map(),
    buckets: new Map(),
    keys: new Map(),
    aliases: new Map(),
    nextId: 1,
    clockSeconds: 0,
  };
}

/** A fresh timestamp, one second after the previous one, so "oldest" is always well defined. */
export function tick(state: AccountState): Date {
  state.clockSeconds += 1;
  return new Date(EPOCH + state.clockSeconds * 1000);
}

/** IAM unique ids: a 4-letter prefix and 17 upper-case alphanumerics. */
export function newIamId(state: AccountState, prefix: 'AIDA' | 'AGPA' | 'AROA' | 'ANPA'): string {
  return prefix + String(state.nextId++).padStart(17, '0');
}

/** KMS key ids are UUIDs. */
export function newKeyId(state: AccountState): string {
  return `f4ce0000-0000-4000-8000-${(state.nextId++).toString(16).padStart(12, '0')}`;
}

export function principalMap(state: AccountState, kind: PrincipalKind): Map<string, PrincipalState> {
  if (kind === 'user') return state.users;
  if (kind === 'group') return state.groups;
  return state.roles;
}

export function findPrincipal(state: AccountState, kind: PrincipalKind, name: string): PrincipalState | undefined {
  return principalMap(state, kind).get(name.toLowerCase());
}

export function findRole(state: AccountState, name: string): RoleState | undefined {
  return state.roles.get(name.toLowerCase());
}

export function iamArn(state: AccountState, resource: string): string {
  return `arn:${state.partition}:iam::${state.account}:${resource}`;
}

/** How many users, groups and roles have the policy attached (IAM's AttachmentCount). */
export function attachmentCount(state: AccountState, policyArn: string): number {
  let count = 0;
  for (const map of [state.users, state.groups, state.roles] as Map<string, PrincipalState>[]) {
    for (const principal of map.values()) if (principal.attached.includes(policyArn)) count++;
  }
  return count;
}

export function defaultVersion(policy: ManagedPolicyState): PolicyVersionState {
  const version = policy.versions.find((v) => v.id === policy.defaultVersionId);
  if (!version) throw new Error(`FakeAccount invariant: ${policy.arn} has no default version`);
  return version;
}
