/** Apply with Ctrl-C wired to the engine: the change in flight finishes, then the run rolls back. */
import type { Aws } from '../aws/api.js';
import { applyPlan, type ApplyReport } from '../engine/apply-plan.js';
import type { Io } from '../io.js';
import type { Plan } from '../steps/types.js';
import type { CliContext } from './cli-context.js';
import { onInterrupt } from './interrupt.js';

export interface ApplyWithInterruptOptions {
  aws: Aws;
  io: Io;
  stateDir: string;
  rollbackOnFailure: boolean;
  /** `--json`: no spinner to step around, so the notice goes straight to stderr. */
  json: boolean;
}

export async function applyWithInterrupt(ctx: CliContext, plan: Plan, o: ApplyWithInterruptOptions): Promise<ApplyReport> {
  const controller = new AbortController();
  const unsubscribe = onInterrupt(ctx, () => {
    const notice = `Stopping after the current change${o.rollbackOnFailure ? ', then rolling back' : ''}…`;
    // Through the Io on a terminal, so a running spinner is not torn apart.
    if (o.json) ctx.stderr.write(`${notice}\n`);
    else o.io.info(notice);
    controller.abort();
  });
  try {
    const now = ctx.overrides?.now;
    return await applyPlan(plan, {
      aws: o.aws,
      io: o.io,
      stateDir: o.stateDir,
      rollbackOnFailure: o.rollbackOnFailure,
      signal: controller.signal,
      ...(now ? { now } : {}),
    });
  } finally {
    unsubscribe();
  }
}
