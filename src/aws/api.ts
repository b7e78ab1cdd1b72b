/**
 * The narrow surface of AWS this tool uses. `create-aws.ts` implements it over the real SDK v3
 * clients (always through `client.send`, so aws-sdk-client-mock intercepts every call).
 *
 * Conventions for every method:
 * - "not found" (NoSuchEntity, NoSuchBucketPolicy, NotFoundException, 404) resolves to `undefined`;
 * - documents are returned decoded and parsed (IAM sends them URL-encoded);
 * - any other failure rejects with an `AwsError` (src/errors.ts) whose message is one sentence
 *   that says what to do.
 * This file imports no @aws-sdk package, so steps and the engine can depend on it freely.
 */
import type { PrincipalRef } from '../config/setup-config.js';
import type { Partition, PolicyDocument } from '../policies/types.js';

export interface CallerIdentity {
  account: string;
  /** e.g. arn:aws:sts::123456789012:assumed-role/Admin/alice */
  arn: string;
  userId: string;
  /** Parsed from `arn`. */
  partition: Partition;
}

export interface IamEntity {
  name: string;
  arn: string;
  path: string;
}

export interface IamRole extends IamEntity {
  trustPolicy: PolicyDocument;
  tags: Record<string, string>;
}

export interface ManagedPolicy {
  arn: string;
  name: string;
  defaultVersionId: string;
  tags: Record<string, string>;
}

export interface PolicyVersion {
  versionId: string;
  isDefault: boolean;
  /** ISO date; used to find the oldest non-default version. */
  createDate: string;
}

export interface IamApi {
  getUser(name: string): Promise<IamEntity | undefined>;
  getGroup(name: string): Promise<IamEntity | undefined>;
  getRole(name: string): Promise<IamRole | undefined>;
  /** Names for the wizard's pick lists (paginated internally, capped at `limit`, default 1000). */
  listUsers(limit?: number): Promise<IamEntity[]>;
  listGroups(limit?: number): Promise<IamEntity[]>;
  listRoles(limit?: number): Promise<IamEntity[]>;

  getPolicy(policyArn: string): Promise<ManagedPolicy | undefined>;
  getPolicyVersionDocument(policyArn: string, versionId: string): Promise<PolicyDocument | undefined>;
  listPolicyVersions(policyArn: string): Promise<PolicyVersion[]>;
  /** ARNs of the managed policies attached to a user, group or role (paginated internally). */
  listAttachedPolicyArns(principal: PrincipalRef): Promise<string[]>;
  getRolePolicy(roleName: string, policyName: string): Promise<PolicyDocument | undefined>;

  createPolicy(input: { name: string; path: string; description: string; document: PolicyDocument; tags: Record<string, string> }): Promise<string /* arn */>;
  createPolicyVersion(policyArn: string, document: PolicyDocument, setAsDefault: boolean): Promise<string /* versionId */>;
  deletePolicyVersion(policyArn: string, versionId: string): Promise<void>;
  setDefaultPolicyVersion(policyArn: string, versionId: string): Promise<void>;
  /** Deletes every non-default version first, as IAM requires. */
  deletePolicy(policyArn: string): Promise<void>;
  attachPolicy(principal: PrincipalRef, policyArn: string): Promise<void>;
  detachPolicy(principal: PrincipalRef, policyArn: string): Promise<void>;

  /** Creates the role, then waits (waitUntilRoleExists, explicit maxWaitTime) until IAM returns it. */
  createRole(input: { name: string; path: string; description: string; trustPolicy: PolicyDocument; tags: Record<string, string> }): Promise<string /* arn */>;
  updateAssumeRolePolicy(roleName: string, document: PolicyDocument): Promise<void>;
  deleteRole(roleName: string): Promise<void>;
  putRolePolicy(roleName: string, policyName: string, document: PolicyDocument): Promise<void>;
  deleteRolePolicy(roleName: string, policyName: string): Promise<void>;
}

export interface BucketEncryption {
  /** `AES256`, `aws:kms` or `aws:kms:dsse`. */
  algorithm: string;
  /** Key id or ARN when the bucket uses a KMS key. */
  kmsKeyId?: string;
  bucketKeyEnabled?: boolean;
}

export interface S3Api {
  /** `undefined` when the bucket does not exist; rejects (AwsError) when it exists but is not ours. */
  headBucket(bucket: string, expectedOwner: string): Promise<{ region?: string } | undefined>;
  getBucketPolicy(bucket: string, expectedOwner: string): Promise<PolicyDocument | undefined>;
  putBucketPolicy(bucket: string, expectedOwner: string, document: PolicyDocument): Promise<void>;
  deleteBucketPolicy(bucket: string, expectedOwner: string): Promise<void>;
  getBucketEncryption(bucket: string, expectedOwner: string): Promise<BucketEncryption | undefined>;
  getBucketTags(bucket: string, expectedOwner: string): Promise<Record<string, string>>;
  /**
   * CreateBucket (LocationConstraint omitted in us-east-1), then Block Public Access on,
   * default encryption (SSE-S3) on, and the tags.
   */
  createBucket(input: { bucket: string; region: string; tags: Record<string, string> }): Promise<void>;
  /** Fails (AwsError BucketNotEmpty) when the bucket holds objects: we never delete data. */
  deleteBucket(bucket: string, expectedOwner: string): Promise<void>;
  listBucketNames(): Promise<string[]>;
}

export interface KmsKey {
  keyId: string;
  arn: string;
  /** `CUSTOMER` or `AWS`: AWS managed keys' policies cannot be changed. */
  keyManager: string;
  keyState: string;
}

export interface KmsApi {
  /** Accepts a key id, key ARN, `alias/NAME` or alias ARN. */
  describeKey(keyIdOrAlias: string): Promise<KmsKey | undefined>;
  getKeyPolicy(keyId: string): Promise<PolicyDocument | undefined>;
  /**
   * PolicyName `default`, never BypassPolicyLockoutSafetyCheck. Retries with back-off for up to
   * about a minute while KMS rejects a just-created principal (MalformedPolicyDocumentException).
   */
  putKeyPolicy(keyId: string, document: PolicyDocument): Promise<void>;
  listAliases(): Promise<{ aliasName: string; targetKeyId?: string }[]>;
}

export interface StsApi {
  getCallerIdentity(): Promise<CallerIdentity>;
}

export interface Aws {
  region: string;
  iam: IamApi;
  s3: S3Api;
  kms: KmsApi;
  sts: StsApi;
}
