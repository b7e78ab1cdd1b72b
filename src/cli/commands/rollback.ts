/** `personalize-setup rollback`: undo the last (or `--run ID`) applied run from its journal. */
import type { SetupFlags } from '../../config/setup-flags.js';
import { RUN_ID_PATTERN } from '../../engine/run-id.js';
import { UsageError } from '../../errors.js';
import type { CliContext } from '../cli-context.js';
import { loadConfig } from '../load-config.js';
import { notBuiltYet } from './not-built-yet.js';

export interface RollbackOptions extends SetupFlags {
  /** `--run ID`: a run id as printed by init; default the most recent run. */
  run?: string;
  /** Undo even documents that changed since the run wrote them. */
  force?: boolean;
}

export async function run(ctx: CliContext, options: RollbackOptions): Promise<number> {
  if (options.run !== undefined && !RUN_ID_PATTERN.test(options.run)) {
    throw new UsageError(`invalid --run ${JSON.stringify(options.run)}: run ids are a UTC time and 4 hex digits (example: 20261123T163512Z-a1b2)`);
  }
  await loadConfig(ctx, options);
  throw notBuiltYet('rollback');
}
