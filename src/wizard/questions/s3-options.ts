/** Step 4 of the guide, part two: what Personalize may do in the bucket. */
import type { S3Access, SetupConfig } from '../../config/setup-config.js';
import type { Choice } from '../prompter.js';
import { shouldAsk, type SectionContext } from './section.js';

export const S3_ACCESS_MESSAGE = 'What may Personalize do in the bucket?';
export const DENY_INSECURE_MESSAGE = 'Deny requests to the bucket that do not use TLS (aws:SecureTransport)?';

const S3_ACCESS_CHOICES: Choice<S3Access>[] = [
  {
    name: 'read-write (recommended)',
    value: 'read-write',
    description: 'imports, plus exports, batch inference and batch segment output (s3:PutObject)',
  },
  { name: 'read', value: 'read', description: 'dataset imports only (s3:GetObject, s3:ListBucket)' },
];

export async function askS3Options(ctx: SectionContext, config: SetupConfig): Promise<SetupConfig> {
  if (config.bucket === undefined) return config;
  const next = { ...config };
  if (shouldAsk(ctx, 's3Access')) {
    next.s3Access = await ctx.prompter.select({ message: S3_ACCESS_MESSAGE, choices: S3_ACCESS_CHOICES, default: config.s3Access });
  }
  if (shouldAsk(ctx, 'denyInsecureTransport')) {
    // A new bucket has no clients yet that could break; an existing one might (old SDKs, plain HTTP).
    next.denyInsecureTransport = await ctx.prompter.confirm({
      message: DENY_INSECURE_MESSAGE,
      default: config.createBucket ? true : config.denyInsecureTransport,
    });
  }
  return next;
}
