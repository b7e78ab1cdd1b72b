/**
 * Step 4 of the guide, part one: which bucket holds the data. Existing buckets are offered with
 * those named "personalize" first, plus creating a new one or skipping S3 for now.
 */
import type { SetupConfig } from '../../config/setup-config.js';
import { validateBucketName } from '../../config/validators.js';
import type { Choice } from '../prompter.js';
import { PICK_LIST_LIMIT } from './operator-targets.js';
import { promptRule } from './prompt-rule.js';
import { shouldAsk, type SectionContext } from './section.js';

export const BUCKET_MESSAGE = 'Which S3 bucket holds your Personalize data?';
export const NEW_BUCKET_MESSAGE = 'Name of the new bucket';
export const createMissingMessage = (bucket: string): string => `Bucket ${bucket} does not exist in this account. Create it?`;

/** What the bucket question can return. */
export type BucketPick = { kind: 'existing'; name: string } | { kind: 'create' } | { kind: 'skip' };

const CREATE: Choice<BucketPick> = { name: 'Create a new bucket', value: { kind: 'create' } };
const SKIP: Choice<BucketPick> = { name: 'Skip S3 for now', value: { kind: 'skip' }, description: 'no bucket access is set up' };

export async function askBucket(ctx: SectionContext, config: SetupConfig): Promise<SetupConfig> {
  if (!shouldAsk(ctx, 'bucket')) return confirmMissingBucket(ctx, config);
  const buckets = personalizeFirst(await listBucketsOrWarn(ctx));
  const pick = await pickBucket(ctx, buckets);
  if (pick.kind === 'skip') return { ...config, bucket: undefined, createBucket: false };
  if (pick.kind === 'existing') return { ...config, bucket: pick.name, createBucket: false };
  return askNewBucket(ctx, config, buckets);
}

/** Buckets whose name contains "personalize" first; otherwise S3's (alphabetical) order is kept. */
export function personalizeFirst(names: string[]): string[] {
  const isPersonalize = (name: string) => name.toLowerCase().includes('personalize');
  return [...names.filter(isPersonalize), ...names.filter((name) => !isPersonalize(name))];
}

async function pickBucket(ctx: SectionContext, buckets: string[]): Promise<BucketPick> {
  const existing = buckets.map((name): Choice<BucketPick> => ({ name, value: { kind: 'existing', name } }));
  if (existing.length <= PICK_LIST_LIMIT) {
    return ctx.prompter.select({ message: BUCKET_MESSAGE, choices: [...existing, CREATE, SKIP] });
  }
  return ctx.prompter.search({
    message: `${BUCKET_MESSAGE} (type to filter)`,
    source: (term) => {
      const needle = (term ?? '').trim().toLowerCase();
      return [...existing.filter((choice) => choice.name.includes(needle)), CREATE, SKIP];
    },
  });
}

async function askNewBucket(ctx: SectionContext, config: SetupConfig, existing: string[]): Promise<SetupConfig> {
  // Account and region make the suggestion unique in practice and say what the bucket is for.
  let suggestion: string | undefined = `personalize-${ctx.caller.account}-${ctx.aws.region}`;
  for (;;) {
    const bucket = (
      await ctx.prompter.input({
        message: NEW_BUCKET_MESSAGE,
        ...(suggestion ? { default: suggestion } : {}),
        validate: promptRule(validateBucketName),
      })
    ).trim();
    if (existing.includes(bucket)) {
      ctx.io.info(`Bucket ${bucket} already exists in this account: it will be used as it is.`);
      return { ...config, bucket, createBucket: false };
    }
    const owned = await headOrTaken(ctx, bucket);
    if (owned === 'missing') return { ...config, bucket, createBucket: true };
    if (owned === 'ours') {
      ctx.io.info(`Bucket ${bucket} already exists in this account: it will be used as it is.`);
      return { ...config, bucket, createBucket: false };
    }
    // Bucket names are global: someone else's bucket cannot be created or used.
    ctx.io.warn(`The name ${bucket} is already taken by another AWS account; choose another.`);
    suggestion = undefined;
  }
}

/** Whether a typed bucket name is free, already ours, or taken by someone else (HeadBucket). */
async function headOrTaken(ctx: SectionContext, bucket: string): Promise<'missing' | 'ours' | 'taken'> {
  try {
    return (await ctx.aws.s3.headBucket(bucket, ctx.caller.account)) === undefined ? 'missing' : 'ours';
  } catch {
    return 'taken';
  }
}

/** A `--bucket` that does not exist yet: offer to create it rather than let the plan fail. */
async function confirmMissingBucket(ctx: SectionContext, config: SetupConfig): Promise<SetupConfig> {
  if (config.bucket === undefined || config.createBucket || !shouldAsk(ctx, 'createBucket')) return config;
  let exists: boolean;
  try {
    exists = (await ctx.aws.s3.headBucket(config.bucket, ctx.caller.account)) !== undefined;
  } catch {
    return config; // Not ours or not readable: the plan reports it with the adapter's sentence.
  }
  if (exists) return config;
  const createBucket = await ctx.prompter.confirm({ message: createMissingMessage(config.bucket), default: true });
  return { ...config, createBucket };
}

async function listBucketsOrWarn(ctx: SectionContext): Promise<string[]> {
  try {
    return await ctx.aws.s3.listBucketNames();
  } catch (error) {
    ctx.io.warn(`Could not list your buckets (${error instanceof Error ? error.message : String(error)}); you can still create one.`);
    return [];
  }
}
