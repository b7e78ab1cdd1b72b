/**
 * The one way commands get an `Aws`. The SDK is imported here, when a command first needs it, so
 * `--help` and every input error (checked before this is called) never load it.
 */
import type { Aws } from '../aws/api.js';
import type { AwsOptions } from '../config/setup-config.js';
import type { CliContext } from './cli-context.js';

export async function createAwsSession(ctx: CliContext, options: AwsOptions): Promise<Aws> {
  const create = ctx.overrides?.createAws ?? (await import('../aws/create-aws.js')).createAws;
  return create(options);
}
