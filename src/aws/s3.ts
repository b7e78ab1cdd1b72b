/**
 * The S3 calls this tool makes. Every bucket-scoped call that accepts it carries
 * `ExpectedBucketOwner`, so we never read or change a same-named bucket in another account.
 */
import {
  CreateBucketCommand,
  DeleteBucketCommand,
  DeleteBucketPolicyCommand,
  GetBucketEncryptionCommand,
  GetBucketPolicyCommand,
  GetBucketTaggingCommand,
  HeadBucketCommand,
  ListBucketsCommand,
  PutBucketEncryptionCommand,
  PutBucketPolicyCommand,
  PutBucketTaggingCommand,
  PutPublicAccessBlockCommand,
} from '@aws-sdk/client-s3';
import type { BucketLocationConstraint, S3Client } from '@aws-sdk/client-s3';
import { AwsError } from '../errors.js';
import type { S3Api } from './api.js';
import { createCaller, isAwsErrorNamed } from './call.js';
import { fromTagList, parsePolicyDocument, serializePolicyDocument, toTagList } from './documents.js';
import { isInvalidPrincipal, retryWhilePropagating } from './retry-while-propagating.js';
import type { Sleep } from './retry-while-propagating.js';

export interface S3ApiOptions {
  /** Waits between PutBucketPolicy retries; injected so tests never wait. */
  sleep: Sleep;
  profile?: string;
}

const NO_BUCKET = ['NoSuchBucket', 'NotFound'] as const;

export function createS3Api(client: S3Client, options: S3ApiOptions): S3Api {
  const aws = createCaller('s3', options.profile);
  const where = (bucket: string) => `bucket ${bucket}`;

  return {
    async headBucket(bucket, expectedOwner) {
      try {
        const out = await client.send(new HeadBucketCommand({ Bucket: bucket, ExpectedBucketOwner: expectedOwner }));
        return out.BucketRegion === undefined ? {} : { region: out.BucketRegion };
      } catch (error) {
        if (isAwsErrorNamed(error, NO_BUCKET)) return undefined;
        if (httpStatus(error) === 403) throw notOurs(bucket, error);
        throw aws.translate(error, 'HeadBucket', where(bucket));
      }
    },

    async getBucketPolicy(bucket, expectedOwner) {
      const out = await aws.find('GetBucketPolicy', where(bucket), ['NoSuchBucketPolicy', ...NO_BUCKET], () =>
        client.send(new GetBucketPolicyCommand({ Bucket: bucket, ExpectedBucketOwner: expectedOwner })),
      );
      return out?.Policy === undefined ? undefined : parsePolicyDocument(out.Policy);
    },

    async putBucketPolicy(bucket, expectedOwner, document) {
      const put = () => client.send(new PutBucketPolicyCommand({ Bucket: bucket, ExpectedBucketOwner: expectedOwner, Policy: serializePolicyDocument(document) }));
      await aws.run('PutBucketPolicy', where(bucket), () =>
        retryWhilePropagating(put, (error) => isInvalidPrincipal(error, ['MalformedPolicy']), options.sleep),
      );
    },

    async deleteBucketPolicy(bucket, expectedOwner) {
      await aws.find('DeleteBucketPolicy', where(bucket), ['NoSuchBucketPolicy', ...NO_BUCKET], () =>
        client.send(new DeleteBucketPolicyCommand({ Bucket: bucket, ExpectedBucketOwner: expectedOwner })),
      );
    },

    async getBucketEncryption(bucket, expectedOwner) {
      const out = await aws.find('GetBucketEncryption', where(bucket), ['ServerSideEncryptionConfigurationNotFoundError', ...NO_BUCKET], () =>
        client.send(new GetBucketEncryptionCommand({ Bucket: bucket, ExpectedBucketOwner: expectedOwner })),
      );
      const rule = out?.ServerSideEncryptionConfiguration?.Rules?.[0];
      const byDefault = rule?.ApplyServerSideEncryptionByDefault;
      if (!byDefault?.SSEAlgorithm) return undefined;
      return {
        algorithm: byDefault.SSEAlgorithm,
        ...(byDefault.KMSMasterKeyID ? { kmsKeyId: byDefault.KMSMasterKeyID } : {}),
        ...(rule?.BucketKeyEnabled === undefined ? {} : { bucketKeyEnabled: rule.BucketKeyEnabled }),
      };
    },

    async getBucketTags(bucket, expectedOwner) {
      const out = await aws.find('GetBucketTagging', where(bucket), ['NoSuchTagSet', ...NO_BUCKET], () =>
        client.send(new GetBucketTaggingCommand({ Bucket: bucket, ExpectedBucketOwner: expectedOwner })),
      );
      return fromTagList(out?.TagSet);
    },

    async createBucket({ bucket, region, tags }) {
      await aws.run('CreateBucket', where(bucket), () =>
        client.send(
          new CreateBucketCommand({
            Bucket: bucket,
            // No ObjectOwnership: new buckets already default to BucketOwnerEnforced (ACLs off), and
            // naming it would also require s3:PutBucketOwnershipControls of whoever runs the tool.
            // us-east-1 is S3's default location and rejects being named as a LocationConstraint.
            ...(region === 'us-east-1' ? {} : { CreateBucketConfiguration: { LocationConstraint: region as BucketLocationConstraint } }),
          }),
        ),
      );
      try {
        await aws.run('PutPublicAccessBlock', where(bucket), () =>
          client.send(
            new PutPublicAccessBlockCommand({
              Bucket: bucket,
              PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true },
            }),
          ),
        );
        await aws.run('PutBucketEncryption', where(bucket), () =>
          client.send(
            new PutBucketEncryptionCommand({
              Bucket: bucket,
              ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' }, BucketKeyEnabled: true }] },
            }),
          ),
        );
        await aws.run('PutBucketTagging', where(bucket), () => client.send(new PutBucketTaggingCommand({ Bucket: bucket, Tagging: { TagSet: toTagList(tags) } })));
      } catch (error) {
        // A bucket without Block Public Access or encryption must not outlive a failed create.
        await client.send(new DeleteBucketCommand({ Bucket: bucket })).catch(() => undefined);
        throw error;
      }
    },

    async deleteBucket(bucket, expectedOwner) {
      await aws.find('DeleteBucket', where(bucket), NO_BUCKET, () => client.send(new DeleteBucketCommand({ Bucket: bucket, ExpectedBucketOwner: expectedOwner })));
    },

    listBucketNames: () =>
      aws.run('ListBuckets', undefined, async () => {
        const names: string[] = [];
        let token: string | undefined;
        do {
          const out = await client.send(new ListBucketsCommand(token === undefined ? {} : { ContinuationToken: token }));
          names.push(...(out.Buckets ?? []).flatMap((b) => (b.Name ? [b.Name] : [])));
          token = out.ContinuationToken;
        } while (token);
        return names;
      }),
  };
}

function httpStatus(error: unknown): number | undefined {
  return (error as { $metadata?: { httpStatusCode?: number } } | undefined)?.$metadata?.httpStatusCode;
}

/** HeadBucket answers 403 (no body, so no error code) for a bucket we may not see. */
function notOurs(bucket: string, error: unknown): AwsError {
  const code = error instanceof Error && error.name !== 'Unknown' ? error.name : 'Forbidden';
  return new AwsError(
    `Bucket ${bucket} exists but belongs to another AWS account, or you lack s3:ListBucket on it: choose another name with --bucket, or grant s3:ListBucket to the identity running personalize-setup.`,
    code,
    's3:HeadBucket',
  );
}
