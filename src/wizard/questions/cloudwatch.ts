/** Step 2 of the guide: optional CloudWatch access for the same operators. */
import type { CloudWatchPolicy, SetupConfig } from '../../config/setup-config.js';
import { DEFAULTS } from '../../config/setup-config.js';
import type { Choice } from '../prompter.js';
import { shouldAsk, type SectionContext } from './section.js';

export const CLOUDWATCH_MESSAGE = 'Also give the operators CloudWatch access (to see Personalize metrics and logs)?';
export const CLOUDWATCH_POLICY_MESSAGE = 'Which CloudWatch policy?';

const POLICY_CHOICES: Choice<CloudWatchPolicy>[] = [
  { name: 'CloudWatchFullAccessV2 (recommended)', value: 'CloudWatchFullAccessV2', description: 'the current AWS managed policy' },
  {
    name: 'CloudWatchFullAccess (deprecated)',
    value: 'CloudWatchFullAccess',
    description: 'the one the guide names; AWS is retiring it in favour of V2',
  },
];

export async function askCloudWatch(ctx: SectionContext, config: SetupConfig): Promise<SetupConfig> {
  if (!shouldAsk(ctx, 'cloudwatch')) return config;
  const wanted = await ctx.prompter.confirm({ message: CLOUDWATCH_MESSAGE, default: config.cloudwatch !== undefined });
  if (!wanted) return { ...config, cloudwatch: undefined };
  const cloudwatch = await ctx.prompter.select({
    message: CLOUDWATCH_POLICY_MESSAGE,
    choices: POLICY_CHOICES,
    default: config.cloudwatch ?? DEFAULTS.cloudwatchPolicy,
  });
  return { ...config, cloudwatch };
}
