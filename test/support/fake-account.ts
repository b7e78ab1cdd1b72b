/**
 * A small stateful AWS account behind aws-sdk-client-mock: every IAM, S3, KMS and STS command
 * the product sends is served from in-memory state with AWS's own rules, response shapes and
 * error classes. Commands it does not implement reject loudly. Test code only.
 *
 *   const aws = FakeAccount.install({ region: 'eu-west-1' });
 *   aws.addBucket('my-data');
 *   const before = aws.snapshot();
 *   … run the product …
 *   expect(aws.snapshot()).toEqual(before);
 *   aws.uninstall();
 */
import type { AccountState, Partition, PrincipalKind } from './account-state.js';
import { attachmentCount, createAccountState, findPrincipal, findRole } from './account-state.js';
import { seedAwsManagedPolicies } from './aws-managed-policies.js';
import type { FakeCall } from './call-log.js';
import { CallLog, isMutating } from './call-log.js';
import { documentText, parseStored } from './documents.js';
import { seedAttachment } from './fake-iam-attachments.js';
import { defaultKeyPolicy, insertKey } from './fake-kms.js';
import type { FaultPredicate } from './faults.js';
import { Faults } from './faults.js';
import { appendVersion, insertPolicy, insertPrincipal, insertRole } from './iam-model.js';
import { installMocks } from './install-mocks.js';
import type { AccountSnapshot } from './snapshot.js';
import { takeSnapshot } from './snapshot.js';

export type { AccountSnapshot } from './snapshot.js';
export type { FakeCall } from './call-log.js';

export interface FakeAccountOptions {
  /** Default `123456789012`. */
  account?: string;
  /** Default: from the region (`cn-*` → aws-cn, `us-gov-*` → aws-us-gov, else aws). */
  partition?: Partition;
  /** Where seeded buckets and keys live. Default `eu-west-1`. */
  region?: string;
  /**
   * Identity of the caller. Default `arn:${p}:iam::${account}:user/admin`. A user or assumed-role
   * caller is created in IAM; the root ARN creates nothing.
   */
  callerArn?: string;
  /** Path of the caller's role when `callerArn` is an assumed-role ARN (which does not show it). Default `/`. */
  callerPath?: string;
  /** Simulated latency of every call, in ms. Default 0 (calls still complete asynchronously). */
  latencyMs?: number;
  /** KMS rejects, as an invalid principal, a role created fewer than this many calls ago. Default 0. */
  principalPropagationCalls?: number;
}

/** A parsed view of a role, for assertions. */
export interface RoleView {
  arn: string;
  path: string;
  trustPolicy: object;
  attached: string[];
  inline: Record<string, object>;
  tags: Record<string, string>;
}

/** A parsed view of a managed policy, for assertions. */
export interface PolicyView {
  defaultVersionId: string;
  versions: { id: string; document: object; isDefault: boolean }[];
  tags: Record<string, string>;
  attachments: number;
}

export class FakeAccount {
  private readonly state: AccountState;
  private readonly log = new CallLog();
  private readonly faults = new Faults();
  private readonly latencyMs: number;
  private readonly propagationCalls: number;
  private restoreMocks: () => void = () => {};

  private constructor(options: FakeAccountOptions) {
    const region = options.region ?? 'eu-west-1';
    const account = options.account ?? '123456789012';
    const partition = options.partition ?? partitionOf(region);
    const callerArn = options.callerArn ?? `arn:${partition}:iam::${account}:user/admin`;
    this.state = createAccountState({ account, partition, region, callerArn });
    this.latencyMs = options.latencyMs ?? 0;
    this.propagationCalls = options.principalPropagationCalls ?? 0;
    seedAwsManagedPolicies(this.state);
    this.seedCaller(options.callerPath ?? '/');
  }

  /** Mocks IAMClient, S3Client, KMSClient and STSClient (every instance) with a fresh account. */
  static install(options: FakeAccountOptions = {}): FakeAccount {
    const fake = new FakeAccount(options);
    fake.restoreMocks = installMocks({
      state: fake.state,
      log: fake.log,
      faults: fake.faults,
      latencyMs: fake.latencyMs,
      propagationCalls: fake.propagationCalls,
    });
    return fake;
  }

  /** Restores the real `send` (unless a later install has replaced our mocks since). */
  uninstall(): void {
    this.restoreMocks();
    this.restoreMocks = () => {};
  }

  // ---- seeding (no call log entries, no AWS validation)

  addUser(name: string, path = '/'): string {
    return insertPrincipal(this.state, 'user', name, path).arn;
  }

  addGroup(name: string, path = '/'): string {
    return insertPrincipal(this.state, 'group', name, path).arn;
  }

  addRole(name: string, opts: { path?: string; trustPolicy?: object; tags?: Record<string, string> } = {}): string {
    const trustPolicy = opts.trustPolicy ?? {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:${this.state.partition}:iam::${this.state.account}:root` }, Action: 'sts:AssumeRole' }],
    };
    return insertRole(this.state, { name, path: opts.path ?? '/', trustPolicy: documentText(trustPolicy), tags: opts.tags ?? {} }).arn;
  }

  /** A customer managed policy (version v1, default). */
  addManagedPolicy(name: string, document: object | string, opts: { path?: string; tags?: Record<string, string>; description?: string } = {}): string {
    return insertPolicy(this.state, { name, path: opts.path ?? '/', document: documentText(document), description: opts.description, tags: opts.tags ?? {} }).arn;
  }

  /** Adds non-default versions (or, with `setAsDefault`, makes the last one the default). At most 5 in all. */
  addPolicyVersions(policyArn: string, documents: (object | string)[], opts: { setAsDefault?: boolean } = {}): void {
    const policy = this.state.policies.get(policyArn);
    if (!policy) throw new Error(`FakeAccount: no managed policy ${policyArn}`);
    if (policy.versions.length + documents.length > 5) throw new Error(`FakeAccount: ${policyArn} would exceed 5 versions`);
    documents.forEach((doc, i) => appendVersion(this.state, policy, documentText(doc), opts.setAsDefault === true && i === documents.length - 1));
  }

  attach(kind: PrincipalKind, name: string, policyArn: string): void {
    seedAttachment(this.state, kind, name, policyArn);
  }

  putRolePolicy(role: string, name: string, document: object | string): void {
    const found = findRole(this.state, role);
    if (!found) throw new Error(`FakeAccount: no role ${role}`);
    found.inline.set(name, documentText(document));
  }

  /** A bucket (in this account unless `ownerAccount` says otherwise), without policy, tags or encryption unless given. */
  addBucket(
    name: string,
    opts: {
      region?: string;
      policy?: object | string;
      encryption?: { algorithm: string; kmsKeyId?: string; bucketKeyEnabled?: boolean };
      objects?: number;
      tags?: Record<string, string>;
      ownerAccount?: string;
      /** All four Block Public Access settings on. Default off (an older bucket). */
      publicAccessBlock?: boolean;
    } = {},
  ): void {
    if (this.state.buckets.has(name)) throw new Error(`FakeAccount: bucket ${name} already exists`);
    const { encryption } = opts;
    this.state.buckets.set(name, {
      name,
      region: opts.region ?? this.state.region,
      ownerAccount: opts.ownerAccount ?? this.state.account,
      objects: opts.objects ?? 0,
      aclReset: false,
      createDate: new Date(Date.UTC(2023, 0, 1)),
      ...(opts.policy !== undefined ? { policy: documentText(opts.policy) } : {}),
      ...(opts.tags ? { tags: { ...opts.tags } } : {}),
      ...(encryption
        ? { encryption: { algorithm: encryption.algorithm, bucketKeyEnabled: encryption.bucketKeyEnabled ?? false, ...(encryption.kmsKeyId ? { kmsKeyId: encryption.kmsKeyId } : {}) } }
        : {}),
      ...(opts.publicAccessBlock
        ? { publicAccessBlock: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true } }
        : {}),
    });
  }

  /** A symmetric key; its policy defaults to the KMS default key policy (the account root has kms:*). */
  addKey(opts: { keyId?: string; aliases?: string[]; policy?: object | string; keyManager?: 'CUSTOMER' | 'AWS'; region?: string } = {}): { keyId: string; arn: string } {
    const key = insertKey(this.state, {
      keyId: opts.keyId,
      region: opts.region ?? this.state.region,
      keyManager: opts.keyManager ?? 'CUSTOMER',
      policy: documentText(opts.policy ?? defaultKeyPolicy(this.state)),
      aliases: opts.aliases ?? [],
    });
    return { keyId: key.keyId, arn: key.arn };
  }

  // ---- observation

  /** Every call served so far, in the order they started (live array). */
  get calls(): readonly FakeCall[] {
    return this.log.calls;
  }

  /** Calls other than Get*, List*, Head* and Describe* (failed ones included). */
  mutatingCalls(): FakeCall[] {
    return this.log.calls.filter((c) => isMutating(c.command));
  }

  /** Longest chain of calls where each starts after the previous ended (sequential round trips). */
  criticalPathLength(): number {
    return this.log.criticalPathLength();
  }

  snapshot(): AccountSnapshot {
    return takeSnapshot(this.state);
  }

  bucketPolicy(name: string): object | undefined {
    const policy = this.requireBucket(name).policy;
    return policy === undefined ? undefined : parseStored(policy);
  }

  /** Everything about a bucket that the snapshot holds. */
  bucket(name: string): AccountSnapshot['buckets'][string] | undefined {
    return this.snapshot().buckets[name];
  }

  keyPolicy(keyIdOrArn: string): object {
    const key = this.state.keys.get(keyIdOrArn.replace(/^arn:.*:key\//, ''));
    if (!key) throw new Error(`FakeAccount: no key ${keyIdOrArn}`);
    return parseStored(key.policy);
  }

  role(name: string): RoleView | undefined {
    const role = findRole(this.state, name);
    if (!role) return undefined;
    const inline = Object.fromEntries([...role.inline].map(([policyName, text]) => [policyName, parseStored(text)]));
    return { arn: role.arn, path: role.path, trustPolicy: parseStored(role.trustPolicy), attached: [...role.attached], inline, tags: { ...role.tags } };
  }

  policy(arn: string): PolicyView | undefined {
    const policy = this.state.policies.get(arn);
    if (!policy) return undefined;
    return {
      defaultVersionId: policy.defaultVersionId,
      versions: policy.versions.map((v) => ({ id: v.id, document: parseStored(v.document), isDefault: v.id === policy.defaultVersionId })),
      tags: { ...policy.tags },
      attachments: attachmentCount(this.state, arn),
    };
  }

  attachedPolicies(kind: PrincipalKind, name: string): string[] {
    const principal = findPrincipal(this.state, kind, name);
    if (!principal) throw new Error(`FakeAccount: no ${kind} ${name}`);
    return [...principal.attached];
  }

  // ---- fault injection

  /** The k-th mutating call from now (1-based) rejects (default: a 503 ServiceUnavailable) and changes nothing. */
  failMutatingCall(k: number, error?: Error): void {
    this.faults.failMutatingCall(k, error);
  }

  /** Every call for which the predicate returns an Error rejects with it and changes nothing (until `clearFaults`). */
  failWhen(predicate: FaultPredicate): void {
    this.faults.failWhen(predicate);
  }

  clearFaults(): void {
    this.faults.clear();
  }

  // ---- internals

  /** The caller exists in its own account: a user at the path its ARN shows, or the role it assumed. */
  private seedCaller(rolePath: string): void {
    const { callerArn } = this.state;
    const user = /:iam::\d{12}:user(\/(?:.*\/)?)([^/]+)$/.exec(callerArn);
    const assumed = /:sts::\d{12}:assumed-role\/([^/]+)\//.exec(callerArn);
    if (user?.[1] && user[2]) this.addUser(user[2], user[1]);
    if (assumed?.[1]) this.addRole(assumed[1], { path: rolePath });
  }

  private requireBucket(name: string) {
    const bucket = this.state.buckets.get(name);
    if (!bucket) throw new Error(`FakeAccount: no bucket ${name}`);
    return bucket;
  }
}

function partitionOf(region: string): Partition {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}
