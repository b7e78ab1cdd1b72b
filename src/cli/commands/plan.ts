/** `personalize-setup plan`: what init would change; changes nothing. */
import type { SetupFlags } from '../../config/setup-flags.js';
import type { CliContext } from '../cli-context.js';
import { loadConfig } from '../load-config.js';
import { notBuiltYet } from './not-built-yet.js';

export interface PlanOptions extends SetupFlags {
  /** Exit 2 when changes are pending (like `terraform plan -detailed-exitcode`). */
  detailedExitcode?: boolean;
}

export async function run(ctx: CliContext, options: PlanOptions): Promise<number> {
  await loadConfig(ctx, options);
  throw notBuiltYet('plan');
}
