/** S3 buckets: existence, ownership, region, policy, encryption, tags and Block Public Access. */
import type {
  CreateBucketCommandInput,
  ListBucketsCommandInput,
  PutBucketEncryptionCommandInput,
  PutBucketPolicyCommandInput,
  PutBucketTaggingCommandInput,
  PutPublicAccessBlockCommandInput,
} from '@aws-sdk/client-s3';
import type { BucketState } from './account-state.js';
import { tick } from './account-state.js';
import { parseObject, principalValues, statementsOf } from './documents.js';
import { okMetadata, s3Error } from './fake-errors.js';
import type { CallContext, HandlerTable } from './handler-types.js';
import { paginate } from './pagination.js';
import { bucketPolicyProblem } from './policy-validation.js';

interface BucketInput {
  Bucket?: string;
  ExpectedBucketOwner?: string;
}

/** DELETE and some PUT calls answer 204 No Content. */
const noContent = () => ({ $metadata: okMetadata(204) });

export const s3Handlers: HandlerTable = {
  HeadBucket: (input: BucketInput, ctx: CallContext) => {
    const bucket = ownBucket(input, ctx, true);
    return { BucketRegion: bucket.region, AccessPointAlias: false };
  },

  GetBucketPolicy: (input: BucketInput, ctx: CallContext) => {
    const bucket = ownBucket(input, ctx);
    if (bucket.policy === undefined) {
      throw s3Error.coded('NoSuchBucketPolicy', 404, 'The bucket policy does not exist', { BucketName: bucket.name });
    }
    return { Policy: bucket.policy };
  },

  /** Replaces the whole policy: S3 has no way to add one statement. */
  PutBucketPolicy: (input: PutBucketPolicyCommandInput, ctx: CallContext) => {
    const bucket = ownBucket(input, ctx);
    const text = input.Policy ?? '';
    const problem = bucketPolicyProblem(ctx.state, bucket.name, text);
    if (problem) throw s3Error.coded('MalformedPolicy', 400, problem);
    if (bucket.publicAccessBlock?.BlockPublicPolicy && grantsPublicAccess(text)) throw s3Error.accessDenied();
    bucket.policy = text;
    return noContent();
  },

  DeleteBucketPolicy: (input: BucketInput, ctx: CallContext) => {
    delete ownBucket(input, ctx).policy;
    return noContent();
  },

  GetBucketEncryption: (input: BucketInput, ctx: CallContext) => {
    const { encryption } = ownBucket(input, ctx);
    if (!encryption) {
      throw s3Error.coded('ServerSideEncryptionConfigurationNotFoundError', 404, 'The server side encryption configuration was not found');
    }
    const byDefault = { SSEAlgorithm: encryption.algorithm, ...(encryption.kmsKeyId ? { KMSMasterKeyID: encryption.kmsKeyId } : {}) };
    return { ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: byDefault, BucketKeyEnabled: encryption.bucketKeyEnabled }] } };
  },

  PutBucketEncryption: (input: PutBucketEncryptionCommandInput, ctx: CallContext) => {
    const bucket = ownBucket(input, ctx);
    const rule = input.ServerSideEncryptionConfiguration?.Rules?.[0];
    const algorithm = rule?.ApplyServerSideEncryptionByDefault?.SSEAlgorithm;
    if (!algorithm || !['AES256', 'aws:kms', 'aws:kms:dsse'].includes(algorithm)) {
      throw s3Error.coded('MalformedXML', 400, 'The XML you provided was not well-formed or did not validate against our published schema');
    }
    const kmsKeyId = rule?.ApplyServerSideEncryptionByDefault?.KMSMasterKeyID;
    bucket.encryption = { algorithm, bucketKeyEnabled: rule?.BucketKeyEnabled ?? false, ...(kmsKeyId ? { kmsKeyId } : {}) };
    return {};
  },

  GetBucketTagging: (input: BucketInput, ctx: CallContext) => {
    const { tags } = ownBucket(input, ctx);
    if (!tags) throw s3Error.coded('NoSuchTagSet', 404, 'The TagSet does not exist');
    return { TagSet: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })) };
  },

  /** Replaces the whole tag set. */
  PutBucketTagging: (input: PutBucketTaggingCommandInput, ctx: CallContext) => {
    const bucket = ownBucket(input, ctx);
    const tags: Record<string, string> = {};
    for (const { Key = '', Value = '' } of input.Tagging?.TagSet ?? []) {
      if (Key in tags) throw s3Error.coded('InvalidTag', 400, 'Cannot provide multiple Tags with the same key');
      if (Key.toLowerCase().startsWith('aws:')) throw s3Error.coded('InvalidTag', 400, 'System tags cannot be added/updated by requester');
      tags[Key] = Value;
    }
    if (Object.keys(tags).length > 50) throw s3Error.coded('BadRequest', 400, 'Object tags cannot be greater than 50');
    if (Object.keys(tags).length > 0) bucket.tags = tags;
    else delete bucket.tags;
    return noContent();
  },

  PutPublicAccessBlock: (input: PutPublicAccessBlockCommandInput, ctx: CallContext) => {
    const bucket = ownBucket(input, ctx);
    const c = input.PublicAccessBlockConfiguration ?? {};
    bucket.publicAccessBlock = {
      BlockPublicAcls: c.BlockPublicAcls ?? false,
      IgnorePublicAcls: c.IgnorePublicAcls ?? false,
      BlockPublicPolicy: c.BlockPublicPolicy ?? false,
      RestrictPublicBuckets: c.RestrictPublicBuckets ?? false,
    };
    return {};
  },

  CreateBucket: (input: CreateBucketCommandInput, ctx: CallContext) => {
    const name = input.Bucket ?? '';
    if (!isValidBucketName(name)) throw s3Error.coded('InvalidBucketName', 400, 'The specified bucket is not valid.', { BucketName: name });
    checkLocationConstraint(ctx.region, input.CreateBucketConfiguration?.LocationConstraint);
    const location = ctx.region === 'us-east-1' ? `/${name}` : `http://${name}.s3.amazonaws.com/`;
    const existing = ctx.state.buckets.get(name);
    if (existing && existing.ownerAccount !== ctx.state.account) throw s3Error.bucketAlreadyExists(name);
    if (existing) {
      // The us-east-1 legacy: "success" for your own bucket, and its ACL is reset to private.
      if (ctx.region !== 'us-east-1' || existing.region !== 'us-east-1') throw s3Error.bucketAlreadyOwnedByYou(name);
      existing.aclReset = true;
      return { Location: location };
    }
    // Since 2023 every new bucket has SSE-S3 encryption and Block Public Access on by default.
    ctx.state.buckets.set(name, {
      name,
      region: ctx.region,
      ownerAccount: ctx.state.account,
      objects: 0,
      aclReset: false,
      encryption: { algorithm: 'AES256', bucketKeyEnabled: false },
      publicAccessBlock: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true },
      createDate: tick(ctx.state),
    });
    return { Location: location };
  },

  /** S3 never deletes data with the bucket: it must be empty. */
  DeleteBucket: (input: BucketInput, ctx: CallContext) => {
    const bucket = ownBucket(input, ctx);
    if (bucket.objects > 0) {
      throw s3Error.coded('BucketNotEmpty', 409, 'The bucket you tried to delete is not empty', { BucketName: bucket.name });
    }
    ctx.state.buckets.delete(bucket.name);
    return noContent();
  },

  ListBuckets: (input: ListBucketsCommandInput, { state }: CallContext) => {
    const own = [...state.buckets.values()]
      .filter((b) => b.ownerAccount === state.account)
      .filter((b) => !input.Prefix || b.name.startsWith(input.Prefix))
      .filter((b) => !input.BucketRegion || b.region === input.BucketRegion)
      .sort((a, b) => (a.name < b.name ? -1 : 1));
    const page = paginate(
      own,
      { marker: input.ContinuationToken, size: input.MaxBuckets },
      { defaultSize: 10000, maxSize: 10000, invalid: (message) => s3Error.coded('InvalidArgument', 400, message) },
    );
    return {
      Buckets: page.items.map((b) => ({ Name: b.name, CreationDate: b.createDate, BucketRegion: b.region })),
      Owner: { ID: canonicalUserId(state.account) },
      ...(page.nextMarker !== undefined ? { ContinuationToken: page.nextMarker } : {}),
      ...(input.Prefix !== undefined ? { Prefix: input.Prefix } : {}),
    };
  },
};

/**
 * The bucket a command names, after the checks S3 makes before any other: existence, owner
 * (other accounts' buckets and a wrong ExpectedBucketOwner are 403), and region (301 unless the
 * client follows redirects). HEAD responses have no body, so the SDK sees only the status.
 */
function ownBucket(input: BucketInput, ctx: CallContext, head = false): BucketState {
  const name = input.Bucket ?? '';
  const bucket = ctx.state.buckets.get(name);
  if (!bucket) throw head ? s3Error.headNotFound() : s3Error.noSuchBucket(name);
  const ownerMismatch = input.ExpectedBucketOwner !== undefined && input.ExpectedBucketOwner !== bucket.ownerAccount;
  if (bucket.ownerAccount !== ctx.state.account || ownerMismatch) throw head ? s3Error.headForbidden() : s3Error.accessDenied();
  if (bucket.region !== ctx.region && !ctx.followRegionRedirects) {
    if (head) throw s3Error.headMovedPermanently();
    throw s3Error.coded(
      'PermanentRedirect',
      301,
      'The bucket you are attempting to access must be addressed using the specified endpoint. Please send all future requests to this endpoint.',
      { Bucket: name, Endpoint: `${name}.s3.${bucket.region}.amazonaws.com` },
    );
  }
  return bucket;
}

function checkLocationConstraint(region: string, constraint: string | undefined): void {
  // us-east-1 is the one region that must NOT be named.
  if (constraint === 'us-east-1') {
    throw s3Error.coded('InvalidLocationConstraint', 400, 'The specified location-constraint is not valid', { LocationConstraint: constraint });
  }
  if (constraint === undefined ? region !== 'us-east-1' : constraint !== region) {
    throw s3Error.coded(
      'IllegalLocationConstraintException',
      400,
      `The ${constraint ?? 'unspecified'} location constraint is incompatible for the region specific endpoint this request was sent to.`,
    );
  }
}

/** S3 general purpose bucket naming rules. */
export function isValidBucketName(name: string): boolean {
  return (
    /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(name) &&
    !name.includes('..') &&
    !/^\d+\.\d+\.\d+\.\d+$/.test(name) &&
    !/^(xn--|sthree-|amzn-s3-demo-)/.test(name) &&
    !/(-s3alias|--ol-s3|\.mrap|--x-s3)$/.test(name)
  );
}

/** With BlockPublicPolicy, S3 refuses an Allow to everyone that no condition narrows. */
function grantsPublicAccess(text: string): boolean {
  const statements = statementsOf(parseObject(text) ?? {}) ?? [];
  return statements.some((s) => s.Effect === 'Allow' && principalValues(s.Principal, 'AWS').includes('*') && s.Condition === undefined);
}

function canonicalUserId(account: string): string {
  return Buffer.from(`canonical-${account}`).toString('hex').padEnd(64, '0').slice(0, 64);
}
