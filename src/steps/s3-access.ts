/**
 * Step 4, S3 access: the bucket (created on request), a bucket-policy statement for the
 * Personalize service principal, and the inline role policy `PersonalizeS3Access`.
 * Plan only: reads the account, writes nothing.
 */
import type { Aws, BucketEncryption, KmsKey } from '../aws/api.js';
import { DEFAULTS } from '../config/setup-config.js';
import { AwsError } from '../errors.js';
import {
  bucketArn,
  bucketPolicyStatements,
  PERSONALIZE_SERVICE_PRINCIPAL,
  roleS3Policy,
  SIDS,
  vpcRestrictedStatements,
} from '../policies/index.js';
import type { PolicyDocument, Statement } from '../policies/types.js';
import { mergeResourcePolicy, resourcePolicyChange, statementLabel } from './resource-policy-changes.js';
import type { WantedStatement } from './resource-policy-changes.js';
import { planRoleInlinePolicy } from './role-inline-policy-change.js';
import type { StepContext } from './step-context.js';
import type { Change, StepPlan } from './types.js';

const STEP = 's3-access';

/** What the bucket looks like now; `exists: false` means HeadBucket found nothing. */
type BucketState =
  | { exists: false }
  | { exists: true; region: string | undefined; policy: PolicyDocument | undefined; encryption: BucketEncryption | undefined };

export async function planS3Access(ctx: StepContext): Promise<StepPlan> {
  const plan: StepPlan = { step: STEP, title: 'S3 access', changes: [], notes: [], warnings: [], errors: [] };
  const bucket = ctx.config.bucket;
  if (bucket === undefined) return plan;

  const rolePolicy = roleS3Policy({ partition: ctx.partition, bucket, access: ctx.config.s3Access });
  // The role's inline policy does not depend on the bucket: read it alongside the bucket.
  const [state, role] = await Promise.all([
    readBucket(ctx.aws, bucket, ctx.account).catch(asPlanError),
    planRoleInlinePolicy(ctx, { step: STEP, policyName: DEFAULTS.s3PolicyName, document: rolePolicy }),
  ]);
  if (typeof state === 'string') return { ...plan, errors: [state] };

  if (!state.exists && !ctx.config.createBucket) {
    return { ...plan, errors: [`Bucket ${bucket} does not exist: create it, pass --create-bucket, or fix --bucket.`] };
  }
  if (!state.exists) plan.changes.push(createBucketChange(ctx, bucket));
  if (state.exists) {
    if (ctx.config.createBucket) {
      plan.notes.push(`Bucket ${bucket} already exists in account ${ctx.account}; it will not be created again.`);
    }
    checkRegion(ctx, bucket, state.region, plan);
    checkVpcRestriction(bucket, state.policy, plan);
    await checkEncryption(ctx, bucket, state.encryption, plan);
  }

  const existing = state.exists ? state.policy : undefined;
  const merge = mergeResourcePolicy(existing, wantedBucketStatements(ctx, bucket));
  plan.notes.push(...merge.notes);
  const policy = resourcePolicyChange({
    id: `${STEP}/bucket-policy`,
    step: STEP,
    resource: bucketArn(ctx.partition, bucket),
    policyLabel: `the bucket policy of ${bucket}`,
    kind: 'bucket',
    existing,
    merge,
    upToDateSummary: `Bucket policy of ${bucket} already grants Amazon Personalize access`,
    operation: (document) => ({ kind: 'putBucketPolicy', bucket, expectedOwner: ctx.account, document, before: existing }),
  });
  plan.changes.push(policy.change, role.change);
  for (const error of [policy.error, role.error]) if (error !== undefined) plan.errors.push(error);
  return plan;
}

/**
 * The KMS key a bucket's default encryption uses, as S3 reports it (key id, key ARN or alias),
 * for the wizard to offer as `--kms-key`. `undefined` for SSE-S3, for the AWS managed `aws/s3`
 * key (its policy cannot be changed), and for a bucket that does not exist.
 */
export async function detectBucketKey(aws: Aws, bucket: string, account: string): Promise<string | undefined> {
  return customerKeyOf(await aws.s3.getBucketEncryption(bucket, account));
}

// HeadBucket first and alone: whether the bucket exists decides everything else, and it must
// not be "created" when it exists (in us-east-1 CreateBucket on your own bucket resets its ACLs).
async function readBucket(aws: Aws, bucket: string, account: string): Promise<BucketState> {
  const head = await aws.s3.headBucket(bucket, account);
  if (head === undefined) return { exists: false };
  const [policy, encryption] = await Promise.all([
    aws.s3.getBucketPolicy(bucket, account),
    aws.s3.getBucketEncryption(bucket, account),
  ]);
  return { exists: true, region: head.region, policy, encryption };
}

/** A bucket owned by another account (or one we may not inspect) blocks the plan with the adapter's sentence. */
function asPlanError(error: unknown): string {
  if (error instanceof AwsError) return error.message;
  throw error;
}

function createBucketChange(ctx: StepContext, bucket: string): Change {
  return {
    id: `${STEP}/create-bucket`,
    step: STEP,
    action: 'create',
    resource: bucketArn(ctx.partition, bucket),
    summary: `Create bucket ${bucket} in ${ctx.region} (Block Public Access on, default encryption on)`,
    operation: { kind: 'createBucket', bucket, region: ctx.region, tags: ctx.tags },
  };
}

function wantedBucketStatements(ctx: StepContext, bucket: string): WantedStatement[] {
  const statements = bucketPolicyStatements({
    partition: ctx.partition,
    bucket,
    access: ctx.config.s3Access,
    denyInsecureTransport: ctx.config.denyInsecureTransport,
  });
  const access = bySid(statements, SIDS.bucketAccess);
  const wanted: WantedStatement[] = [
    {
      statement: access,
      alreadyInPlace: (label) =>
        `Access already in place: statement ${label} grants ${PERSONALIZE_SERVICE_PRINCIPAL} ` +
        `${list(access.Action).join(', ')} on ${list(access.Resource).join(' and ')}; nothing is added to the bucket policy for it.`,
    },
  ];
  const deny = statements.find((s) => s.Sid === SIDS.denyInsecureTransport);
  if (deny !== undefined) {
    wanted.push({
      statement: deny,
      findEquivalent: (doc) => findSecureTransportDeny(doc, list(deny.Resource)),
      alreadyInPlace: (label) =>
        `Already in place: statement ${label} denies requests to ${bucket} that do not use TLS; ${SIDS.denyInsecureTransport} is not added.`,
    });
  }
  return wanted;
}

/**
 * An existing "deny insecure transport" statement someone else wrote makes ours redundant when it
 * denies at least as much: Deny, every principal, `s3:*` (or `*`), our resources (exactly or by
 * wildcard), and `Bool aws:SecureTransport false` as its only condition (an extra condition
 * would narrow it).
 */
export function findSecureTransportDeny(doc: PolicyDocument, resources: string[]): Statement | undefined {
  return doc.Statement.find((s) => {
    if (s.Effect !== 'Deny' || s.NotPrincipal || s.NotAction || s.NotResource) return false;
    const everyone = s.Principal === '*' || (s.Principal !== undefined && list(s.Principal['AWS']).includes('*'));
    const allS3 = list(s.Action).some((a) => a === '*' || a.toLowerCase() === 's3:*');
    const patterns = list(s.Resource);
    const allResources = resources.every((r) => patterns.some((p) => globMatches(p, r)));
    return everyone && allS3 && allResources && onlyInsecureTransportCondition(s.Condition);
  });
}

function onlyInsecureTransportCondition(condition: Statement['Condition']): boolean {
  if (condition === undefined) return false;
  const operators = Object.entries(condition);
  if (operators.length !== 1) return false;
  const [operator, keys] = operators[0]!;
  const entries = Object.entries(keys);
  if (operator !== 'Bool' || entries.length !== 1) return false;
  const [key, value] = entries[0]!;
  // Condition keys are case-insensitive; JSON may carry the boolean unquoted.
  return key.toLowerCase() === 'aws:securetransport' && list(value).map((v) => String(v)).join() === 'false';
}

function checkRegion(ctx: StepContext, bucket: string, region: string | undefined, plan: StepPlan): void {
  if (region === undefined || region === ctx.region) return;
  plan.warnings.push(
    `Bucket ${bucket} is in ${region}, but Amazon Personalize runs in ${ctx.region} here and needs the bucket in the same region as its resources: ` +
      `use a bucket in ${ctx.region} or run with --region ${region}.`,
  );
}

function checkVpcRestriction(bucket: string, policy: PolicyDocument | undefined, plan: StepPlan): void {
  const restricted = vpcRestrictedStatements(policy);
  if (policy === undefined || restricted.length === 0) return;
  const labels = restricted.map((s) => statementLabel(policy, s)).join(', ');
  plan.warnings.push(
    `The bucket policy of ${bucket} restricts access to a VPC (statement ${labels} uses aws:SourceVpc or aws:SourceVpce): ` +
      `Amazon Personalize cannot use buckets restricted to a VPC; exempt ${PERSONALIZE_SERVICE_PRINCIPAL} from that condition or use another bucket.`,
  );
}

async function checkEncryption(ctx: StepContext, bucket: string, encryption: BucketEncryption | undefined, plan: StepPlan): Promise<void> {
  if (encryption === undefined || !encryption.algorithm.startsWith('aws:kms')) return;
  const key = customerKeyOf(encryption);
  if (key === undefined) {
    plan.warnings.push(
      `Bucket ${bucket} is encrypted with the AWS managed key aws/s3, whose key policy cannot be changed to let Amazon Personalize use it: ` +
        `switch its default encryption to SSE-S3 or to a customer managed key and pass that key with --kms-key.`,
    );
    return;
  }
  plan.notes.push(`Bucket ${bucket} is encrypted with KMS key ${key}.`);
  const configured = ctx.config.kmsKey;
  if (configured === undefined) {
    plan.warnings.push(
      `Bucket ${bucket} is encrypted with KMS key ${key}: pass --kms-key ${key} so that Amazon Personalize and its role may use that key.`,
    );
  } else if (!(await isSameKey(ctx, key, configured, ctx.key))) {
    plan.warnings.push(
      `Bucket ${bucket} is encrypted with KMS key ${key}, not with --kms-key ${configured}: Amazon Personalize needs access to the bucket's key; pass --kms-key ${key}.`,
    );
  }
}

function customerKeyOf(encryption: BucketEncryption | undefined): string | undefined {
  if (encryption === undefined || !encryption.algorithm.startsWith('aws:kms')) return undefined;
  const key = encryption.kmsKeyId;
  // No key id means S3's default, the AWS managed aws/s3 key.
  if (key === undefined || key === '' || key.endsWith('alias/aws/s3')) return undefined;
  return key;
}

/**
 * S3 reports the key as it was configured: key id, key ARN, alias or alias ARN. Compare the
 * spellings first; only an alias that matches none is resolved (one extra DescribeKey).
 */
async function isSameKey(ctx: StepContext, reported: string, configured: string, resolved: KmsKey | undefined): Promise<boolean> {
  const spellings = new Set([configured, ...(resolved ? [resolved.keyId, resolved.arn] : [])]);
  const matches = (candidate: string): boolean =>
    [...spellings].some((s) => candidate === s || candidate.endsWith(`:${s}`) || candidate.endsWith(`/${s}`) || s.endsWith(`:${candidate}`));
  if (matches(reported)) return true;
  if (resolved === undefined || !reported.includes('alias/')) return false;
  const reportedKey = await ctx.aws.kms.describeKey(reported);
  return reportedKey !== undefined && reportedKey.arn === resolved.arn;
}

function bySid(statements: Statement[], sid: string): Statement {
  const statement = statements.find((s) => s.Sid === sid);
  if (statement === undefined) throw new Error(`bucketPolicyStatements returned no ${sid} statement`);
  return statement;
}

function list<T>(value: T | T[] | undefined): T[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/** IAM resource wildcards: `*` any run of characters, `?` one character. */
function globMatches(pattern: string, value: string): boolean {
  const regex = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${regex}$`).test(value);
}
