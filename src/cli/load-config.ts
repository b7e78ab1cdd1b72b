/** Reads `--config` (if any) and resolves the flags over it: the first step of every command. */
import { readConfigFile } from '../config/config-file.js';
import { resolveConfig } from '../config/resolve-config.js';
import type { ResolvedConfig } from '../config/resolve-config.js';
import type { SetupFlags } from '../config/setup-flags.js';
import type { CliContext } from './cli-context.js';

export async function loadConfig(ctx: CliContext, flags: SetupFlags): Promise<ResolvedConfig> {
  const file = flags.config === undefined ? undefined : await readConfigFile(flags.config);
  return resolveConfig({ flags, file, filePath: flags.config, env: ctx.env });
}
