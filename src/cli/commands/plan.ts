/** `personalize-setup plan`: what init would change; changes nothing. */
import type { SetupFlags } from '../../config/setup-flags.js';
import { ExitCode } from '../../errors.js';
import { createAwsSession } from '../aws-session.js';
import type { CliContext } from '../cli-context.js';
import { createColors } from '../colors.js';
import { createConsoleIo } from '../console-io.js';
import { loadConfig } from '../load-config.js';
import { countPlan } from '../plan-counts.js';
import { jsonDocument, planJson } from '../plan-json.js';
import { planErrorsError, readPlan } from '../read-plan.js';
import { renderPlan } from '../render-plan.js';

export interface PlanOptions extends SetupFlags {
  /** Exit 2 when changes are pending (like `terraform plan -detailed-exitcode`). */
  detailedExitcode?: boolean;
}

export async function run(ctx: CliContext, options: PlanOptions): Promise<number> {
  const { setup, aws: awsOptions, options: runOptions } = await loadConfig(ctx, options);
  const aws = await createAwsSession(ctx, awsOptions);
  const plan = await readPlan(aws, setup, createConsoleIo(ctx, runOptions));

  ctx.stdout.write(runOptions.json ? jsonDocument(planJson(plan)) : renderPlan(plan, createColors(ctx.stdout, ctx.env, runOptions.color)));
  const { pending, errors } = countPlan(plan);
  if (errors.length > 0) throw planErrorsError(errors.length, runOptions.json);
  return options.detailedExitcode && pending > 0 ? ExitCode.pendingChanges : ExitCode.ok;
}
