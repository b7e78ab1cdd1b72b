/**
 * The interactive questions of `init`, in the order of the guide's "Setting up permissions"
 * page. Each section asks only what flags and `--config` left open and reads the account to
 * offer real choices; nothing here writes to AWS.
 */
import type { Aws } from '../aws/api.js';
import type { PrincipalRef, SetupConfig } from '../config/setup-config.js';
import type { Io } from '../io.js';
import type { Prompter } from './prompter.js';
import { askBucket } from './questions/bucket.js';
import { resolveCallerTarget } from './questions/caller-target.js';
import { askCloudWatch } from './questions/cloudwatch.js';
import { askKmsKey } from './questions/kms-key.js';
import { listOperatorCandidates } from './questions/operator-candidates.js';
import { askOperatorOptions } from './questions/operator-options.js';
import { askOperatorTargets } from './questions/operator-targets.js';
import { askS3Options } from './questions/s3-options.js';
import { shouldAsk, type SectionContext } from './questions/section.js';
import { askServiceRole } from './questions/service-role.js';

export interface WizardInput {
  prompter: Prompter;
  aws: Aws;
  io: Io;
  /** Defaults < file < flags, already validated. */
  config: SetupConfig;
  /** Fields set by flags or `--config`: never asked. */
  answered: ReadonlySet<keyof SetupConfig>;
}

/** Asks what is still open and returns the completed configuration. Ctrl-C rejects with AbortError. */
export async function runWizard(input: WizardInput): Promise<SetupConfig> {
  const { prompter, aws, io, answered } = input;
  const pickTargets = !answered.has('attachTo');
  // The caller and the pick lists do not depend on each other: read them together.
  const [caller, candidates] = await Promise.all([
    aws.sts.getCallerIdentity(),
    pickTargets ? listOperatorCandidates(aws, io, input.config.roleName) : Promise.resolve([]),
  ]);
  const ctx: SectionContext = { prompter, aws, io, answered, caller };

  let config = { ...input.config };
  if (pickTargets) {
    config = { ...config, attachTo: await askOperatorTargets(ctx, candidates, await resolveCallerTarget(aws.iam, caller)) };
  }
  config = await askOperatorOptions(ctx, config, await effectiveTargets(ctx, config));
  config = await askCloudWatch(ctx, config);
  config = await askServiceRole(ctx, config);
  config = await askBucket(ctx, config);
  config = await askS3Options(ctx, config);
  config = await askKmsKey(ctx, config);
  return config;
}

/**
 * Who gets the operator policy: the named targets, or the caller when none are named. Only read
 * when it matters (the "view own permissions" question is for users only).
 */
async function effectiveTargets(ctx: SectionContext, config: SetupConfig): Promise<PrincipalRef[]> {
  if (config.attachTo.length > 0 || !shouldAsk(ctx, 'viewOwnPermissions')) return config.attachTo;
  const { target } = await resolveCallerTarget(ctx.aws.iam, ctx.caller);
  return target ? [target] : [];
}
