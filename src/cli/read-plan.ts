/** Reading the account into a plan, shared by `plan` and `init`: the spinner, and the refusal to go on with errors. */
import type { Aws } from '../aws/api.js';
import type { SetupConfig } from '../config/setup-config.js';
import { SetupError } from '../errors.js';
import type { Io } from '../io.js';
import { planSetup } from '../steps/plan-setup.js';
import type { Plan } from '../steps/types.js';
import { plural } from './plan-counts.js';

/** `planSetup` under a spinner on stderr. Reads only. */
export async function readPlan(aws: Aws, setup: SetupConfig, io: Io): Promise<Plan> {
  const progress = io.begin(`Reading account in ${aws.region}`);
  try {
    const plan = await planSetup(aws, setup);
    progress.succeed(plan.account);
    return plan;
  } catch (error) {
    // The error itself is printed once, by the CLI's error report.
    progress.fail();
    throw error;
  }
}

/** Exit 1: the plan's errors are listed in the rendered plan (or in the JSON document). */
export function planErrorsError(count: number, json: boolean): SetupError {
  const where = json ? 'see "errors" in the JSON' : 'listed above';
  return new SetupError(`the plan has ${plural(count, 'error')} (${where}); nothing was changed.`);
}
