import type { CliContext } from './cli-context.js';

/** Ask questions only when a person can answer them: both ends are terminals and this is not CI. */
export function isInteractive(ctx: CliContext): boolean {
  return Boolean(ctx.stdinIsTTY && ctx.stdout.isTTY && !ctx.env.CI);
}
