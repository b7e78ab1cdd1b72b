/**
 * Step 5 of the guide: a customer managed KMS key, picked by alias. When the chosen bucket is
 * encrypted with such a key, Personalize cannot read the data without it, so that key is proposed.
 */
import type { KmsApi } from '../../aws/api.js';
import type { SetupConfig } from '../../config/setup-config.js';
import { detectBucketKey } from '../../steps/s3-access.js';
import type { Choice } from '../prompter.js';
import { shouldAsk, type SectionContext } from './section.js';

export const KMS_MESSAGE = 'Which KMS key encrypts your Personalize data?';
/** The select's value for "no key" (inquirer compares values, so a plain string is simplest). */
const NONE = '';

export async function askKmsKey(ctx: SectionContext, config: SetupConfig): Promise<SetupConfig> {
  if (!shouldAsk(ctx, 'kmsKey')) return config;
  const [aliases, bucketKey] = await Promise.all([customerAliases(ctx), bucketKeyOf(ctx, config)]);

  const choices: Choice<string>[] = [
    { name: 'None', value: NONE, description: 'data encrypted with S3 or AWS managed keys only' },
    ...aliases.map((alias) => ({ name: alias.aliasName, value: alias.aliasName })),
  ];
  const current = config.kmsKey;
  let proposed = current !== undefined && choices.some((c) => c.value === current) ? current : NONE;
  if (bucketKey !== undefined) {
    const alias = aliases.find((a) => sameKey(bucketKey, a.aliasName, a.targetKeyId));
    proposed = alias?.aliasName ?? bucketKey;
    if (!alias) choices.push({ name: bucketKey, value: bucketKey, description: `the key that encrypts ${config.bucket}` });
    ctx.io.info(
      `Bucket ${config.bucket} is encrypted with the customer managed key ${proposed}: Personalize needs access to it to read your data, so it is proposed below.`,
    );
  }
  if (choices.length === 1) {
    ctx.io.info('No customer managed KMS keys found: KMS is skipped (name one later with --kms-key).');
    return { ...config, kmsKey: undefined };
  }
  const picked = await ctx.prompter.select({ message: KMS_MESSAGE, choices, default: proposed });
  return { ...config, kmsKey: picked === NONE ? undefined : picked };
}

/** Aliases of customer managed keys: `alias/aws/…` name AWS managed keys, whose policy cannot change. */
async function customerAliases(ctx: SectionContext): Promise<Awaited<ReturnType<KmsApi['listAliases']>>> {
  try {
    const aliases = await ctx.aws.kms.listAliases();
    return aliases.filter((alias) => !alias.aliasName.startsWith('alias/aws/') && alias.targetKeyId !== undefined);
  } catch (error) {
    ctx.io.warn(`Could not list KMS aliases (${error instanceof Error ? error.message : String(error)}).`);
    return [];
  }
}

/** The customer managed key of an existing chosen bucket (a bucket we will create has none yet). */
async function bucketKeyOf(ctx: SectionContext, config: SetupConfig): Promise<string | undefined> {
  if (config.bucket === undefined || config.createBucket) return undefined;
  try {
    return await detectBucketKey(ctx.aws, config.bucket, ctx.caller.account);
  } catch {
    return undefined; // Only a suggestion: the plan reads the bucket again and reports problems.
  }
}

/** S3 reports the key as configured: key id, key ARN, alias or alias ARN. */
function sameKey(reported: string, aliasName: string, keyId: string | undefined): boolean {
  return (
    reported === aliasName ||
    reported.endsWith(`:${aliasName}`) ||
    (keyId !== undefined && (reported === keyId || reported.endsWith(`/${keyId}`)))
  );
}
