/** `personalize-setup init`: the wizard, then plan, confirm and apply. */
import type { SetupFlags } from '../../config/setup-flags.js';
import { UsageError } from '../../errors.js';
import type { CliContext } from '../cli-context.js';
import { loadConfig } from '../load-config.js';
import { notBuiltYet } from './not-built-yet.js';

export interface InitOptions extends SetupFlags {
  /** False with `--no-rollback`: keep what was done when a change fails. */
  rollback?: boolean;
  /** `--save-config FILE`: write the answers used as a config file. */
  saveConfig?: string;
}

export async function run(ctx: CliContext, options: InitOptions): Promise<number> {
  await loadConfig(ctx, options);
  if (options.saveConfig !== undefined && options.saveConfig.trim() === '') {
    throw new UsageError('invalid --save-config "": give a file path (example: personalize.json)');
  }
  throw notBuiltYet('init');
}
